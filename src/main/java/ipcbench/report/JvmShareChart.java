package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.LatencyRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.Marker;
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
 * The chart {@code jvm-share-<N>B-P} of the JVM share section ({@link JvmShare}): per mechanism one group of dots at
 * the p50 of each peers value, jvm-jvm left, jvm-native middle, native-native right, in the mechanism's colour
 * ({@link SeriesStyles}); the peers are told apart by position and marker (circle, square, triangle). A black whisker
 * is a p50's interval; over each group stands jvm-jvm ÷ native-native. Log y, no bars: on a log axis a bar's length
 * depends on where the axis starts.
 */
final class JvmShareChart {
    /** Where each peers value's dot sits, left of (−) or right of its group's centre, in units of the group axis. */
    private static final double[] OFFSETS = {-0.22, 0, 0.22};
    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP);

    private JvmShareChart() {
    }

    static Plots.Plot draw(RunData run, SeriesStyles styles, String placement, int size, Path dir) throws IOException {
        Map<String, List<JvmShare.Line>> groups = groups(JvmShare.lines(run, placement, size));
        List<String> labels = new ArrayList<>(groups.keySet());
        String title = "JVM share: p50 round trip at " + Numbers.bytes(size) + " by peers, placement " + placement;
        List<LatencyRow> rows = groups.values().stream().flatMap(List::stream).map(JvmShare.Line::row).toList();
        XYChart chart = Plots.p50CategoryChart(groups.size(), 0.6, rows);
        List<String> names = new ArrayList<>();
        List<Plots.Note> ratios = new ArrayList<>();
        for (int g = 0; g < labels.size(); g++) {
            ratios.add(group(chart, styles, labels.get(g), groups.get(labels.get(g)), g + 1, names));
        }
        FontMetrics metrics = ChartCanvas.metrics(ChartCanvas.font(Font.PLAIN, 12));
        int widest = labels.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        String name = "jvm-share-" + size + "B-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, "mechanism, display order",
                "p50 round trip (µs, log scale)").legend(legend()).overlay(Plots.categoryOverlay(chart, labels, metrics, ratios))
                .roomBelowPlot((int) Math.ceil(widest * Math.sqrt(0.5)) - 10);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT - 100, caption(run, placement, size), names, dir, name);
        return Plots.plot(dir, name, title);
    }

    /**
     * The chart's groups, by label: a mechanism (and wait), or {@code pipe direct} for the direct io path's rows;
     * the native-native row, whose ends are C whatever the io, joins each group of its mechanism.
     */
    static Map<String, List<JvmShare.Line>> groups(List<JvmShare.Line> lines) {
        Map<String, List<JvmShare.Line>> groups = new LinkedHashMap<>();
        for (JvmShare.Line line : lines) {
            if (line.row().peers().equals(PeersViews.NATIVE_NATIVE)) {
                groups.values().stream().filter(members -> members.get(0).mechanism().equals(line.mechanism()))
                        .forEach(members -> members.add(line));
            } else {
                String label = line.io().equals(Dimension.IO.defaultValue()) ? line.mechanism()
                        : line.mechanism() + " " + line.io();
                groups.computeIfAbsent(label, key -> new ArrayList<>()).add(line);
            }
        }
        return groups;
    }

    /** One group's dots and whiskers at group position {@code x}; returns its ratio, above the group's top. */
    private static Plots.Note group(XYChart chart, SeriesStyles styles, String label, List<JvmShare.Line> lines,
                                    double x, List<String> names) {
        double top = 0;
        String ratio = "";
        for (JvmShare.Line line : lines) {
            LatencyRow row = line.row();
            int slot = Math.min(PeersViews.rank(row.peers()), OFFSETS.length - 1);
            double at = x + OFFSETS[slot];
            String name = label + " " + row.peers();
            Plots.p50Dot(chart, name, at, row, MARKERS.get(slot), styles.style(row.mechanism()).colour());
            names.add(name);
            top = Math.max(top, Plots.p50HighMicros(row));
            if (row.peers().equals(Dimension.PEERS.defaultValue()) && line.p50().isPresent()) {
                ratio = line.p50().get().shown();
            }
        }
        return new Plots.Note(ratio, x, top);
    }

    private static List<ChartCanvas.LegendEntry> legend() {
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>();
        for (int slot = 0; slot < PeersViews.ORDER.size(); slot++) {
            legend.add(new ChartCanvas.LegendEntry(PeersViews.ORDER.get(slot), Plots.KEY_COLOUR, MARKERS.get(slot),
                    null));
        }
        legend.add(new ChartCanvas.LegendEntry("whisker = p50 interval", Color.BLACK, null, new BasicStroke(1.5f)));
        return legend;
    }

    private static List<String> caption(RunData run, String placement, int size) {
        List<String> caption = new ArrayList<>();
        caption.add("Units: p50 round trip in µs of all measured round trips, payload " + Numbers.bytes(size)
                + " each way, log scale. Per mechanism, dots left to right: jvm-jvm (circle: JMH client, Java echo "
                + "server), jvm-native (square: JMH client, C echo server), native-native (triangle: C client, C echo "
                + "server); colour = mechanism, as in the other charts; black whisker: the p50's interval over "
                + "repeats. Above each group: jvm-jvm ÷ native-native p50, " + RunTables.TIE_MARK + " before it when "
                + "the two intervals overlap (not told apart from 1).");
        caption.add(Captions.environment(run, placement));
        List<String> single = JvmShare.singlePeers(run, placement);
        if (!single.isEmpty()) {
            caption.add("Measured with one kind of ends only, not drawn: " + String.join(", ", single) + ".");
        }
        caption.addAll(Captions.notMeasured(run, size));
        if (PeersViews.ios(run).size() > 1) {
            caption.add("A group named \"<mechanism> direct\" holds the rows whose Java ends made plain read/write "
                    + "calls (io direct); its native-native dot is the same C row as in the mechanism's own group.");
        }
        return caption;
    }
}
