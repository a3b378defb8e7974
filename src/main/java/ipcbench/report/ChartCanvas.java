package ipcbench.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one XChart chart as {@code NAME.png} and {@code NAME.svg}, with caption lines under the plot (units, host,
 * kernel, JDK, placement, what is missing and why), headless.
 *
 * <p>XChart draws its own text (title, ticks, legend) as glyph outlines, so in the SVG only the caption is {@code
 * <text>}; the chart's title, the series names and the caption also go into the SVG's {@code <title>} and {@code
 * <desc>}, where screen readers, search and tests find them.
 */
final class ChartCanvas {
    static final int WIDTH = 1000;
    private static final int CAPTION_FONT_SIZE = 12;
    private static final int CAPTION_LINE_HEIGHT = 17;
    private static final int CAPTION_MARGIN = 10;
    private static final String FONT_PACKAGES = "fontconfig fonts-dejavu-core";

    static {
        // Before any AWT class loads: charts are drawn on hosts without a display (CI, ssh).
        System.setProperty("java.awt.headless", "true");
    }

    private ChartCanvas() {
    }

    /** Fails with one line naming the Debian packages when this JDK finds no font to draw text with. */
    static void requireFonts() throws ReportException {
        try {
            String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
            if (families.length == 0) {
                throw new ReportException("no fonts on this host to draw the charts with; install the Debian packages "
                        + FONT_PACKAGES);
            }
            Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            probe.getFontMetrics(captionFont()).stringWidth("0.9 µs");
            probe.dispose();
        } catch (Error | RuntimeException e) {
            // A JDK without fontconfig or any font throws an Error (UnsatisfiedLinkError, InternalError) from here.
            throw new ReportException("cannot draw text on this host (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); install the Debian packages " + FONT_PACKAGES, e);
        }
    }

    /** The fonts and colours every chart shares; numbers on the axes in {@link Locale#ROOT}. */
    static void style(Styler styler) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        styler.setBaseFont(base);
        styler.setChartTitleFont(base.deriveFont(Font.BOLD, 15f));
        styler.setLegendFont(base.deriveFont(12f));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleBoxVisible(false);
        styler.setLocale(Locale.ROOT);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    }

    /**
     * Writes {@code dir/name.png} and {@code dir/name.svg}: the chart at {@link #WIDTH} × {@code plotHeight}, the
     * caption wrapped under it. {@code seriesNames} go into the SVG description.
     */
    static void write(Chart<?, ?> chart, int plotHeight, List<String> caption, List<String> seriesNames, Path dir,
                      String name) throws IOException {
        List<String> lines = wrap(caption);
        int height = plotHeight + CAPTION_MARGIN * 2 + lines.size() * CAPTION_LINE_HEIGHT;

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D png = image.createGraphics();
        png.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        png.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(png, chart, plotHeight, height, lines);
        png.dispose();
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());

        VectorGraphics2D svg = new VectorGraphics2D();
        paint(svg, chart, plotHeight, height, lines);
        Document document = new SVGProcessor().getDocument(svg.getCommands(), new PageSize(0, 0, WIDTH, height));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        document.writeTo(bytes);
        String description = "Series: " + String.join(", ", seriesNames) + ". " + String.join(" ", caption);
        Files.writeString(dir.resolve(name + ".svg"), describe(bytes.toString(StandardCharsets.UTF_8),
                chart.getTitle(), description), StandardCharsets.UTF_8);
    }

    private static void paint(Graphics2D g, Chart<?, ?> chart, int plotHeight, int height, List<String> lines) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        chart.paint(g, WIDTH, plotHeight);
        g.setClip(null);
        g.setColor(Color.DARK_GRAY);
        g.setFont(captionFont());
        int y = plotHeight + CAPTION_MARGIN + CAPTION_FONT_SIZE;
        for (String line : lines) {
            g.drawString(line, CAPTION_MARGIN, y);
            y += CAPTION_LINE_HEIGHT;
        }
    }

    private static Font captionFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION_FONT_SIZE);
    }

    /** Breaks caption paragraphs into lines that fit the width, at spaces. */
    private static List<String> wrap(List<String> paragraphs) {
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = measure.getFontMetrics(captionFont());
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
        measure.dispose();
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
