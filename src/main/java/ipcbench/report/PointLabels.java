package ipcbench.report;

import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels for the points of a scatter chart that overprint neither each other nor any point: each label, in turn,
 * takes the first place around its point, nearest first in eight directions and then further out, whose box is free;
 * a label placed away from its point gets a thin leader line. Screen coordinates throughout.
 */
final class PointLabels {
    /** How far a marker reaches from its point's centre, and the gap kept around a label. */
    private static final double MARKER_PX = 5;
    private static final double GAP_PX = 2;
    private static final int RINGS = 8;
    private static final double RING_PX = 14;

    /** One labelled point, in chart coordinates. */
    record Point(String label, double x, double y) {
    }

    private PointLabels() {
    }

    /** The overlay that draws {@code points}' labels on {@code chart}. */
    static ChartCanvas.Overlay overlay(XYChart chart, List<Point> points) {
        Font font = ChartCanvas.font(Font.PLAIN, 11);
        FontMetrics metrics = ChartCanvas.metrics(font);
        return g -> {
            List<Point2D> centres = new ArrayList<>();
            List<Rectangle2D> sizes = new ArrayList<>();
            for (Point point : points) {
                centres.add(new Point2D.Double(chart.getScreenXFromChart(point.x()),
                        chart.getScreenYFromChart(point.y())));
                sizes.add(new Rectangle2D.Double(0, 0, metrics.stringWidth(point.label()), metrics.getHeight()));
            }
            List<Rectangle2D> boxes = place(centres, sizes);
            g.setFont(font);
            for (int i = 0; i < points.size(); i++) {
                Rectangle2D box = boxes.get(i);
                Point2D centre = centres.get(i);
                if (!box.intersects(centre.getX() - RING_PX * 1.5, centre.getY() - RING_PX * 1.5, RING_PX * 3,
                        RING_PX * 3)) {
                    g.setColor(Color.GRAY);
                    g.draw(new Line2D.Double(centre, new Point2D.Double(box.getCenterX(), box.getCenterY())));
                }
                g.setColor(Color.BLACK);
                g.drawString(points.get(i).label(), (float) box.getX(),
                        (float) (box.getY() + metrics.getAscent()));
            }
        };
    }

    /**
     * Boxes of {@code sizes} (only width and height are read) placed around {@code centres}, in order: each box
     * overlaps no earlier box and no point; when no candidate is free the last, furthest one is taken.
     */
    static List<Rectangle2D> place(List<Point2D> centres, List<Rectangle2D> sizes) {
        List<Rectangle2D> obstacles = new ArrayList<>();
        for (Point2D centre : centres) {
            obstacles.add(new Rectangle2D.Double(centre.getX() - MARKER_PX, centre.getY() - MARKER_PX, 2 * MARKER_PX,
                    2 * MARKER_PX));
        }
        List<Rectangle2D> placed = new ArrayList<>();
        for (int i = 0; i < centres.size(); i++) {
            Rectangle2D chosen = null;
            for (Rectangle2D candidate : candidates(centres.get(i), sizes.get(i))) {
                chosen = candidate;
                if (free(candidate, obstacles)) {
                    break;
                }
            }
            obstacles.add(chosen);
            placed.add(chosen);
        }
        return placed;
    }

    /** Boxes around {@code centre}: right, left, above, below and the diagonals, ring after ring. */
    private static List<Rectangle2D> candidates(Point2D centre, Rectangle2D size) {
        double w = size.getWidth();
        double h = size.getHeight();
        double[][] directions = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};
        List<Rectangle2D> boxes = new ArrayList<>();
        for (int ring = 0; ring < RINGS; ring++) {
            double reach = MARKER_PX + GAP_PX + ring * RING_PX;
            for (double[] d : directions) {
                double x = centre.getX() + d[0] * reach - (d[0] < 0 ? w : d[0] == 0 ? w / 2 : 0);
                double y = centre.getY() + d[1] * reach - (d[1] < 0 ? h : d[1] == 0 ? h / 2 : 0);
                boxes.add(new Rectangle2D.Double(x, y, w, h));
            }
        }
        return boxes;
    }

    private static boolean free(Rectangle2D box, List<Rectangle2D> obstacles) {
        Rectangle2D padded = new Rectangle2D.Double(box.getX() - GAP_PX, box.getY() - GAP_PX,
                box.getWidth() + 2 * GAP_PX, box.getHeight() + 2 * GAP_PX);
        return obstacles.stream().noneMatch(padded::intersects);
    }
}
