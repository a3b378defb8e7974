package ipcbench.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.Marker;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes one chart as {@code NAME.png} and {@code NAME.svg}, headless: XChart draws the plot (axes, ticks, series);
 * this class draws the title, the axis titles, the legend, what an {@link Overlay} adds (labels at data points) and
 * the caption under the plot (units, host, kernel, JDK, placement, what is missing and why).
 *
 * <p>XChart draws its own text as glyph outlines, which in SVG is neither searchable nor small; so XChart is left
 * only the tick numbers, and every other word is drawn here with {@code drawString}, which VectorGraphics2D writes as
 * SVG {@code <text>}. The chart's title, the series names and the caption also go into the SVG's {@code <title>} and
 * {@code <desc>}, for screen readers.
 */
final class ChartCanvas {
    static final int WIDTH = 1000;
    private static final int CAPTION_FONT_SIZE = 12;
    private static final int CAPTION_LINE_HEIGHT = 17;
    private static final int CAPTION_MARGIN = 10;
    private static final int TITLE_HEIGHT = 34;
    private static final int Y_TITLE_WIDTH = 22;
    private static final int X_TITLE_HEIGHT = 22;
    private static final int LEGEND_LINE_HEIGHT = 19;
    private static final int LEGEND_SAMPLE_WIDTH = 30;
    private static final int LEGEND_MARKER_SIZE = 8;
    private static final String FONT_PACKAGES = "fontconfig fonts-dejavu-core";

    static {
        // Before any AWT class loads: charts are drawn on hosts without a display (CI, ssh).
        System.setProperty("java.awt.headless", "true");
    }

    /** Draws on the plot after XChart, in XChart's screen coordinates (the chart's own origin). */
    @FunctionalInterface
    interface Overlay {
        void paint(Graphics2D g);
    }

    /** One legend line: a line sample in {@code stroke} (null: none) with {@code marker} (null: none) on it. */
    record LegendEntry(String label, Color colour, Marker marker, Stroke stroke) {
    }

    /** A chart and everything drawn around it. */
    static final class Figure {
        private final XYChart chart;
        private final String title;
        private final String xTitle;
        private final String yTitle;
        private List<LegendEntry> legend = List.of();
        private final List<Overlay> overlays = new ArrayList<>();
        private int roomBelowPlot;

        Figure(XYChart chart, String title, String xTitle, String yTitle) {
            this.chart = chart;
            this.title = title;
            this.xTitle = xTitle;
            this.yTitle = yTitle;
        }

        Figure legend(List<LegendEntry> entries) {
            legend = List.copyOf(entries);
            return this;
        }

        Figure overlay(Overlay overlay) {
            overlays.add(overlay);
            return this;
        }

        /** Pixels kept free between the plot and the x-axis title, for labels an overlay draws there. */
        Figure roomBelowPlot(int pixels) {
            roomBelowPlot = pixels;
            return this;
        }

        String title() {
            return title;
        }
    }

    private ChartCanvas() {
    }

    /** Why charts cannot be drawn on this host, with the Debian packages to install; empty when they can. */
    static Optional<String> fontProblem() {
        try {
            String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
            if (families.length == 0) {
                return Optional.of("no fonts on this host to draw the charts with; install the Debian packages "
                        + FONT_PACKAGES);
            }
            Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            probe.getFontMetrics(font(Font.PLAIN, CAPTION_FONT_SIZE)).stringWidth("0.9 µs");
            probe.dispose();
            return Optional.empty();
        } catch (Error | RuntimeException e) {
            // A JDK without fontconfig or any font throws an Error (UnsatisfiedLinkError, InternalError) from here.
            return Optional.of("cannot draw text on this host (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); install the Debian packages " + FONT_PACKAGES);
        }
    }

    /** Fails with one line naming the Debian packages when this JDK finds no font to draw text with. */
    static void requireFonts() throws ReportException {
        Optional<String> problem = fontProblem();
        if (problem.isPresent()) {
            throw new ReportException(problem.get());
        }
    }

    /**
     * The fonts and colours every chart shares, numbers on the axes in {@link Locale#ROOT}; XChart's own title,
     * legend and axis titles are off (drawn here as text instead).
     */
    static void style(AxesChartStyler styler) {
        Font base = font(Font.PLAIN, 12);
        styler.setBaseFont(base);
        styler.setAxisTickLabelsFont(base);
        styler.setChartBackgroundColor(Color.WHITE);
        // Solid gridlines: a dashed stroke reaches the SVG as one outlined shape per dash, hundreds of kilobytes.
        styler.setPlotGridLinesStroke(new BasicStroke(0.6f));
        styler.setPlotGridLinesColor(new Color(0xE2E2E2));
        styler.setChartTitleVisible(false);
        styler.setLegendVisible(false);
        styler.setXAxisTitleVisible(false);
        styler.setYAxisTitleVisible(false);
        styler.setLocale(Locale.ROOT);
    }

    /**
     * Writes {@code dir/name.png} and {@code dir/name.svg}: the figure at {@link #WIDTH} wide, its plot {@code
     * plotHeight} high (raised to fit the legend), the caption wrapped under it. {@code seriesNames} go into the SVG
     * description.
     */
    static void write(Figure figure, int plotHeight, List<String> caption, List<String> seriesNames, Path dir,
                      String name) throws IOException {
        List<String> lines = wrap(caption);
        int legendWidth = legendWidth(figure.legend);
        int chartHeight = Math.max(plotHeight, 40 + figure.legend.size() * LEGEND_LINE_HEIGHT);
        int height = TITLE_HEIGHT + chartHeight + figure.roomBelowPlot + X_TITLE_HEIGHT + CAPTION_MARGIN * 2
                + lines.size() * CAPTION_LINE_HEIGHT;
        Layout layout = new Layout(WIDTH - Y_TITLE_WIDTH - legendWidth, chartHeight, height);

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D png = image.createGraphics();
        png.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        png.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(png, figure, layout, lines);
        png.dispose();
        Files.createDirectories(dir);
        try (java.io.OutputStream out = OutputFile.open(dir.resolve(name + ".png"))) {
            ImageIO.write(image, "png", out);
        }

        VectorGraphics2D svg = new VectorGraphics2D();
        paint(svg, figure, layout, lines);
        Document document = new SVGProcessor().getDocument(svg.getCommands(), new PageSize(0, 0, WIDTH, height));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        document.writeTo(bytes);
        String description = "Series: " + String.join(", ", seriesNames) + ". " + String.join(" ", caption);
        OutputFile.writeString(dir.resolve(name + ".svg"), describe(bytes.toString(StandardCharsets.UTF_8),
                figure.title, description));
    }

    private record Layout(int chartWidth, int chartHeight, int height) {
    }

    private static void paint(Graphics2D g, Figure figure, Layout layout, List<String> lines) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, layout.height());
        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 15));
        g.drawString(figure.title, CAPTION_MARGIN, 22);

        Graphics2D plot = (Graphics2D) g.create();
        plot.translate(Y_TITLE_WIDTH, TITLE_HEIGHT);
        figure.chart.paint(plot, layout.chartWidth(), layout.chartHeight());
        plot.setClip(null);
        for (Overlay overlay : figure.overlays) {
            overlay.paint(plot);
        }
        plot.dispose();

        g.setColor(Color.BLACK);
        g.setFont(font(Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.translate(16, TITLE_HEIGHT + layout.chartHeight() / 2 + metrics.stringWidth(figure.yTitle) / 2);
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(figure.yTitle, 0, 0);
        rotated.dispose();
        int xTitleY = TITLE_HEIGHT + layout.chartHeight() + figure.roomBelowPlot + 15;
        g.drawString(figure.xTitle, Y_TITLE_WIDTH + (layout.chartWidth() - metrics.stringWidth(figure.xTitle)) / 2,
                xTitleY);

        paintLegend(g, figure.legend, Y_TITLE_WIDTH + layout.chartWidth() + 4, TITLE_HEIGHT + 20);

        g.setColor(Color.DARK_GRAY);
        g.setFont(captionFont());
        int y = xTitleY + X_TITLE_HEIGHT - 15 + CAPTION_MARGIN + CAPTION_FONT_SIZE;
        for (String line : lines) {
            g.drawString(line, CAPTION_MARGIN, y);
            y += CAPTION_LINE_HEIGHT;
        }
    }

    private static void paintLegend(Graphics2D g, List<LegendEntry> legend, int x, int top) {
        g.setFont(font(Font.PLAIN, 12));
        int y = top;
        for (LegendEntry entry : legend) {
            g.setColor(entry.colour());
            if (entry.stroke() != null) {
                g.setStroke(entry.stroke());
                g.drawLine(x, y - 4, x + LEGEND_SAMPLE_WIDTH, y - 4);
            }
            if (entry.marker() != null) {
                entry.marker().paint(g, x + LEGEND_SAMPLE_WIDTH / 2.0, y - 4, LEGEND_MARKER_SIZE);
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(entry.label(), x + LEGEND_SAMPLE_WIDTH + 8, y);
            y += LEGEND_LINE_HEIGHT;
        }
    }

    private static int legendWidth(List<LegendEntry> legend) {
        if (legend.isEmpty()) {
            return 10;
        }
        FontMetrics metrics = metrics(font(Font.PLAIN, 12));
        int widest = 0;
        for (LegendEntry entry : legend) {
            widest = Math.max(widest, metrics.stringWidth(entry.label()));
        }
        return LEGEND_SAMPLE_WIDTH + 8 + widest + 16;
    }

    static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    private static Font captionFont() {
        return font(Font.PLAIN, CAPTION_FONT_SIZE);
    }

    /**
     * A category label under a bar chart's axis: black, slanted up by 45 degrees, ending just under the axis at
     * screen x {@code x}, so long names never collide.
     */
    static void slantedLabel(Graphics2D g, String label, double x, double axisY, Font font, FontMetrics metrics) {
        Graphics2D name = (Graphics2D) g.create();
        name.setColor(Color.BLACK);
        name.setFont(font);
        name.translate(x + 4, axisY + 8);
        name.rotate(-Math.PI / 4);
        name.drawString(label, -metrics.stringWidth(label), 0);
        name.dispose();
    }

    /** Metrics of {@code font} as the PNG draws it: for laying out text before painting. */
    static FontMetrics metrics(Font font) {
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return measure.getFontMetrics(font);
        } finally {
            measure.dispose();
        }
    }

    /** Breaks caption paragraphs into lines that fit the width, at spaces. */
    private static List<String> wrap(List<String> paragraphs) {
        FontMetrics metrics = metrics(captionFont());
        int maxWidth = WIDTH - 2 * CAPTION_MARGIN;
        List<String> lines = new ArrayList<>();
        for (String paragraph : paragraphs) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && metrics.stringWidth(candidate) > maxWidth) {
                    lines.add(line.toString());
                    line = new StringBuilder("    ").append(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Puts {@code <title>} and {@code <desc>} first in the SVG root element. */
    private static String describe(String svg, String title, String description) {
        int root = svg.indexOf("<svg");
        int afterRoot = svg.indexOf('>', root) + 1;
        return svg.substring(0, afterRoot) + "\n  <title>" + ReportDocument.escapeXml(title) + "</title>\n  <desc>"
                + ReportDocument.escapeXml(description) + "</desc>" + svg.substring(afterRoot);
    }
}
