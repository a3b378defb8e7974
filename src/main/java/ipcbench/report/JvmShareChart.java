package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunLayout;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart {@code jvm-share-<N>B-P} of the JVM share section ({@link JvmShare}): per mechanism one group of bars
 * from the axis to the p50 of each peers value, jvm-jvm left, jvm-native middle, native-native right, in the
 * mechanism's colour ({@link SeriesStyles}); the peers are told apart by the bar's pattern (solid, dashed, dotted),
 * the free second dimension of the common style. A black line over a bar is its p50 interval; over each group stands
 * jvm-jvm ÷ native-native. Log y.
 */
final class JvmShareChart {
    /** Where each peers value's bar sits, left of (−) or right of its group's centre, in units of the group axis. */
    private static final double[] OFFSETS = {-0.27, 0, 0.27};
    private static final float[][] PATTERNS = {null, {9f, 3f}, {2.5f, 2.5f}};

    private JvmShareChart() {
    }

    static Plots.Plot draw(RunData run, SeriesStyles styles, String placement, int size, Path dir) throws IOException {
        Map<String, List<JvmShare.Line>> groups = new LinkedHashMap<>();
        JvmShare.lines(run, placement, size).forEach(line -> groups.computeIfAbsent(line.mechanism(),
                key -> new ArrayList<>()).add(line));
        List<String> labels = new ArrayList<>(groups.keySet());
        String title = "JVM share: p50 round trip at " + Numbers.bytes(size) + " by peers, placement " + placement;
        XYChart chart = Plots.xyChart();
        AxesChartStyler styler = chart.getStyler();
        styler.setXAxisMin(0.4);
        styler.setXAxisMax(groups.size() + 0.6);
        styler.setXAxisTicksVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        double low = Double.MAX_VALUE;
        double high = 0;
        for (List<JvmShare.Line> lines : groups.values()) {
            for (JvmShare.Line line : lines) {
                Interval ci = line.row().p50NsCi();
                low = Math.min(low, (ci.known() ? Math.min(ci.low(), line.row().p50Ns()) : line.row().p50Ns())
                        / Numbers.NS_PER_US);
                high = Math.max(high, (ci.known() ? Math.max(ci.high(), line.row().p50Ns()) : line.row().p50Ns())
                        / Numbers.NS_PER_US);
            }
        }
        double floor = LogAxis.floor(low / 1.5);
        // Room above the highest bar for its group's ratio.
        LogAxis.y(styler, floor, high * 1.6, Numbers::tick);
        float barWidth = (float) Math.max(3, Math.min(24, 0.22 * (ChartCanvas.WIDTH - 150) / (groups.size() + 0.3)));
        List<String> names = new ArrayList<>();
        List<double[]> ratioAt = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (int g = 0; g < labels.size(); g++) {
            double top = 0;
            String ratio = "";
            for (JvmShare.Line line : groups.get(labels.get(g))) {
                LatencyRow row = line.row();
                int slot = Math.min(PeersViews.rank(row.peers()), OFFSETS.length - 1);
                double x = g + 1 + OFFSETS[slot];
                double p50 = row.p50Ns() / Numbers.NS_PER_US;
                String name = labels.get(g) + " " + row.peers();
                XYSeries bar = chart.addSeries(name, new double[] {x, x}, new double[] {floor, p50});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(styles.style(row.mechanism()).colour());
                bar.setLineStyle(stroke(barWidth, slot));
                names.add(name);
                Interval ci = row.p50NsCi();
                if (ci.known()) {
                    XYSeries interval = chart.addSeries(name + " p50 interval", new double[] {x, x},
                            new double[] {ci.low() / Numbers.NS_PER_US, ci.high() / Numbers.NS_PER_US});
                    interval.setMarker(SeriesMarkers.NONE);
                    interval.setLineColor(Color.BLACK);
                    interval.setLineStyle(new BasicStroke(1.5f));
                }
                top = Math.max(top, ci.known() ? Math.max(p50, ci.high() / Numbers.NS_PER_US) : p50);
                if (row.peers().equals(Dimension.PEERS.defaultValue()) && line.p50().isPresent()) {
                    ratio = line.p50().get().shown();
                }
            }
            ratioAt.add(new double[] {g + 1, top});
            ratios.add(ratio);
        }
        Font labelFont = ChartCanvas.font(Font.PLAIN, 12);
        FontMetrics metrics = ChartCanvas.metrics(labelFont);
        int widest = labels.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        ChartCanvas.Overlay overlay = g -> {
            double axisY = chart.getScreenYFromChart(styler.getYAxisMin());
            for (int i = 0; i < labels.size(); i++) {
                double x = chart.getScreenXFromChart(i + 1);
                ChartCanvas.slantedLabel(g, labels.get(i), x, axisY, labelFont, metrics);
                g.setColor(Color.BLACK);
                g.setFont(ChartCanvas.font(Font.PLAIN, 11));
                String ratio = ratios.get(i);
                double y = chart.getScreenYFromChart(ratioAt.get(i)[1]);
                g.drawString(ratio, (float) (x - g.getFontMetrics().stringWidth(ratio) / 2.0), (float) y - 7);
            }
        };
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>();
        for (int slot = 0; slot < PeersViews.ORDER.size(); slot++) {
            legend.add(new ChartCanvas.LegendEntry(PeersViews.ORDER.get(slot), Plots.KEY_COLOUR, null,
                    stroke(8f, slot)));
        }
        legend.add(new ChartCanvas.LegendEntry("black = p50 interval", Color.BLACK, null, new BasicStroke(1.5f)));
        List<String> caption = new ArrayList<>();
        caption.add("Units: p50 round trip in µs of all measured round trips, payload " + Numbers.bytes(size)
                + " each way, log scale. Per mechanism, bars left to right: jvm-jvm (solid: JMH client, Java echo "
                + "server), jvm-native (dashed: JMH client, C echo server), native-native (dotted: C client, C echo "
                + "server); colour = mechanism, as in the other charts; black line: the p50's interval over repeats. "
                + "Above each group: jvm-jvm ÷ native-native p50, " + RunTables.TIE_MARK + " before it when the two "
                + "intervals overlap (not told apart from 1).");
        caption.add(Captions.environment(run, placement));
        List<String> single = JvmShare.singlePeers(run, placement);
        if (!single.isEmpty()) {
            caption.add("Measured with one kind of ends only, not drawn: " + String.join(", ", single) + ".");
        }
        caption.addAll(Captions.notMeasured(run, size));
        String name = "jvm-share-" + size + "B-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, "mechanism, display order",
                "p50 round trip (µs, log scale)").legend(legend).overlay(overlay)
                .roomBelowPlot((int) Math.ceil(widest * Math.sqrt(0.5)) - 10);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT - 100, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }

    /** A bar of {@code width} pixels in the pattern of peers slot {@code slot}: solid, dashed or dotted. */
    private static BasicStroke stroke(float width, int slot) {
        float[] pattern = PATTERNS[slot];
        return pattern == null ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, pattern, 0f);
    }
}
