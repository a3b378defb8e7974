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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The chart {@code links-<N>B-P} of the Across links section ({@link AcrossLinks}): per mechanism one group of dots at
 * its p50 over each link, loopback left, then each far link, in the mechanism's colour ({@link SeriesStyles}); the
 * links are told apart by position and marker (circle, square, triangle, diamond). A black whisker is a p50's
 * interval; over each group stands each far link's p50 ÷ loopback's. Log y, no bars, as the JVM share chart.
 */
final class LinksChart {
    static final String PREFIX = "links-";
    /** How far a group's outermost dots sit from its centre, in units of the group axis. */
    private static final double SPREAD = 0.22;
    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.DIAMOND);

    private LinksChart() {
    }

    /** The sizes that get a chart at a placement: those with a latency row over any far link. */
    static List<Integer> sizes(RunData run, String placement) {
        TreeSet<Integer> sizes = new TreeSet<>();
        AcrossLinks.farLinks(run).forEach(link -> sizes.addAll(AcrossLinks.sizes(run, link, placement)));
        return List.copyOf(sizes);
    }

    static Plots.Plot draw(RunData run, SeriesStyles styles, String placement, int size, Path dir) throws IOException {
        List<String> links = new ArrayList<>(List.of(AcrossLinks.LOOPBACK));
        links.addAll(AcrossLinks.farLinks(run));
        Map<String, List<AcrossLinks.Twin<LatencyRow>>> groups = new LinkedHashMap<>();
        for (String link : AcrossLinks.farLinks(run)) {
            AcrossLinks.latency(run, link, placement, size).forEach(twin -> groups.computeIfAbsent(
                    AcrossLinks.name(twin.row()), name -> new ArrayList<>()).add(twin));
        }
        List<String> labels = new ArrayList<>(groups.keySet());
        List<LatencyRow> rows = new ArrayList<>();
        groups.values().forEach(twins -> twins.forEach(twin -> {
            twin.loopback().ifPresent(rows::add);
            twin.over().ifPresent(rows::add);
        }));
        XYChart chart = Plots.p50CategoryChart(groups.size(), 0.6, rows);
        List<String> names = new ArrayList<>();
        List<Plots.Note> ratios = new ArrayList<>();
        for (int g = 0; g < labels.size(); g++) {
            ratios.add(group(chart, styles, links, labels.get(g), groups.get(labels.get(g)), g + 1, names));
        }
        FontMetrics metrics = ChartCanvas.metrics(ChartCanvas.font(Font.PLAIN, 12));
        int widest = labels.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        String title = "Across links: p50 round trip at " + Numbers.bytes(size) + " by link, placement " + placement;
        String name = PREFIX + size + "B-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, "mechanism, display order",
                "p50 round trip (µs, log scale)").legend(legend(links))
                .overlay(Plots.categoryOverlay(chart, labels, metrics, ratios))
                .roomBelowPlot((int) Math.ceil(widest * Math.sqrt(0.5)) - 10);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT - 100, caption(run, links, placement, size), names, dir, name);
        return Plots.plot(dir, name, title);
    }

    /** Where link {@code slot} of {@code count} sits, left of (−) or right of its group's centre. */
    private static double offset(int slot, int count) {
        return count < 2 ? 0 : -SPREAD + 2 * SPREAD * slot / (count - 1);
    }

    /** One group's dots at group position {@code x}; returns its far links' ratios, above the group's top. */
    private static Plots.Note group(XYChart chart, SeriesStyles styles, List<String> links, String label,
                                    List<AcrossLinks.Twin<LatencyRow>> twins, double x, List<String> names) {
        Map<String, LatencyRow> byLink = new LinkedHashMap<>();
        List<String> ratios = new ArrayList<>();
        for (AcrossLinks.Twin<LatencyRow> twin : twins) {
            twin.loopback().ifPresent(row -> byLink.putIfAbsent(AcrossLinks.LOOPBACK, row));
            twin.over().ifPresent(row -> byLink.put(row.key().get(Dimension.LINK), row));
            AcrossLinks.p50(twin).ifPresent(ratio -> ratios.add(ratio.shown()));
        }
        double top = 0;
        for (int slot = 0; slot < links.size(); slot++) {
            LatencyRow row = byLink.get(links.get(slot));
            if (row == null) {
                continue;
            }
            String name = label + " " + links.get(slot);
            Plots.p50Dot(chart, name, x + offset(slot, links.size()), row, MARKERS.get(slot % MARKERS.size()),
                    styles.style(row.mechanism()).colour());
            names.add(name);
            top = Math.max(top, Plots.p50HighMicros(row));
        }
        return new Plots.Note(String.join(" ", ratios), x, top);
    }

    private static List<ChartCanvas.LegendEntry> legend(List<String> links) {
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>();
        for (int slot = 0; slot < links.size(); slot++) {
            legend.add(new ChartCanvas.LegendEntry(links.get(slot), Plots.KEY_COLOUR,
                    MARKERS.get(slot % MARKERS.size()), null));
        }
        legend.add(new ChartCanvas.LegendEntry("whisker = p50 interval", Color.BLACK, null, new BasicStroke(1.5f)));
        return legend;
    }

    private static List<String> caption(RunData run, List<String> links, String placement, int size) {
        List<String> far = links.subList(1, links.size());
        List<String> caption = new ArrayList<>();
        caption.add("Units: p50 round trip in µs of all measured round trips, payload " + Numbers.bytes(size)
                + " each way, log scale; a round trip is timed on the client's one clock and never halved. Per "
                + "mechanism, dots left to right: " + String.join(", ", links) + " (" + markerNames(links.size())
                + "); colour = mechanism, as in the other charts; black whisker: the p50's interval over repeats. "
                + "Above each group: " + String.join(", ", far) + " ÷ loopback p50, " + RunTables.TIE_MARK
                + " before it when the two intervals overlap (not told apart from 1).");
        caption.add(Captions.environment(run, placement));
        Set<String> loopbackOnly = new LinkedHashSet<>();
        far.forEach(link -> loopbackOnly.addAll(AcrossLinks.latencyLoopbackOnly(run, link, placement, size)));
        if (!loopbackOnly.isEmpty()) {
            caption.add("Measured over loopback only, not drawn: " + String.join(", ", loopbackOnly) + ".");
        }
        caption.addAll(Captions.notMeasured(run, size));
        return caption;
    }

    private static String markerNames(int count) {
        List<String> names = List.of("circle", "square", "triangle", "diamond");
        List<String> used = new ArrayList<>();
        for (int slot = 0; slot < count; slot++) {
            used.add(names.get(slot % names.size()));
        }
        return String.join(", ", used);
    }
}
