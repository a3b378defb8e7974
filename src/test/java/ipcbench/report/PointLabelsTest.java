package ipcbench.report;

import org.junit.jupiter.api.Test;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Labels of points that crowd together, as twelve blocking mechanisms do at one core count and p50. */
class PointLabelsTest {
    @Test
    void crowdedLabelsOverprintNeitherEachOtherNorAnyPoint() {
        List<Point2D> centres = new ArrayList<>();
        List<Rectangle2D> sizes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            centres.add(new Point2D.Double(300 + 9 * (i % 4), 200 + 7 * (i / 4)));
            sizes.add(new Rectangle2D.Double(0, 0, 40 + 5 * i, 13));
        }
        centres.add(new Point2D.Double(700, 450));
        sizes.add(new Rectangle2D.Double(0, 0, 80, 13));

        List<Rectangle2D> boxes = PointLabels.place(centres, sizes);

        assertEquals(centres.size(), boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            assertEquals(sizes.get(i).getWidth(), boxes.get(i).getWidth(), "a box keeps its label's size");
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), "labels " + i + " and " + j + " overprint");
            }
            for (Point2D centre : centres) {
                assertFalse(boxes.get(i).intersects(centre.getX() - 5, centre.getY() - 5, 10, 10),
                        "label " + i + " covers a point at " + centre);
            }
        }
        assertEquals(new Rectangle2D.Double(707, 443.5, 80, 13), boxes.get(12), "a lone point's label sits to its right");
    }
}
