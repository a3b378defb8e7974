package ipcbench.report;

import org.knowm.xchart.XYChart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The payload-size axis of the "vs payload" charts: logarithmic, with a tick and a label in binary units (64 B, 1 KiB,
 * 64 KiB) at each measured size and nowhere else, so a reader sees where the points are. XChart cannot place ticks at
 * chosen values, so its x labels are left blank (gridlines at decades only) and the ticks are drawn as an overlay.
 */
final class PayloadAxis {
    /** Each side of the outermost sizes, as a factor: room for markers and error bars. */
    private static final double MARGIN_FACTOR = 1.6;
    private static final int TICK_LENGTH = 5;

    /** One tick: the value (a size in bytes, or a count of clients) and its label. */
    record Tick(int value, String label) {
    }

    private PayloadAxis() {
    }

    /** The ticks of {@code sizes}: one per distinct size, ascending. */
    static List<Tick> ticks(Collection<Integer> sizes) {
        return ticks(sizes, Numbers::bytes);
    }

    /** The ticks of {@code values}, one per distinct value, ascending, each labelled by {@code label}. */
    static List<Tick> ticks(Collection<Integer> values, IntFunction<String> label) {
        List<Tick> ticks = new ArrayList<>();
        for (int value : new TreeSet<>(values)) {
            ticks.add(new Tick(value, label.apply(value)));
        }
        return ticks;
    }

    /**
     * Makes the x axis of {@code chart} a payload axis over {@code sizes} and returns the overlay that draws its ticks.
     * The y axis must have explicit bounds ({@link LogAxis#y}) before the chart is painted: the ticks hang from its
     * minimum.
     */
    static ChartCanvas.Overlay apply(XYChart chart, Collection<Integer> sizes) {
        return apply(chart, ticks(sizes));
    }

    /** As {@link #apply(XYChart, Collection)}, for any positive values with ticks of their own (clients: 1, 2, 4). */
    static ChartCanvas.Overlay apply(XYChart chart, List<Tick> ticks) {
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisMin(ticks.get(0).value() / MARGIN_FACTOR);
        chart.getStyler().setXAxisMax(ticks.get(ticks.size() - 1).value() * MARGIN_FACTOR);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(x -> LogAxis.NO_LABEL);
        return g -> {
            double axisY = chart.getScreenYFromChart(chart.getStyler().getYAxisMin());
            g.setFont(ChartCanvas.font(Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            for (Tick tick : ticks) {
                double x = chart.getScreenXFromChart(tick.value());
                g.setColor(new Color(0xC8C8C8));
                g.setStroke(new BasicStroke(0.8f));
                g.drawLine((int) Math.round(x), (int) Math.round(axisY), (int) Math.round(x),
                        (int) Math.round(chart.getScreenYFromChart(chart.getStyler().getYAxisMax())));
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1f));
                g.drawLine((int) Math.round(x), (int) Math.round(axisY), (int) Math.round(x),
                        (int) Math.round(axisY) + TICK_LENGTH);
                g.drawString(tick.label(), (float) (x - metrics.stringWidth(tick.label()) / 2.0),
                        (float) (axisY + TICK_LENGTH + 2 + metrics.getAscent()));
            }
        };
    }
}
