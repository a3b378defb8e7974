package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.LatencyRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Entry point: several runs side by side, from their result files (it never runs a benchmark).
 *
 * <p>{@link #write(List, Path)} reads two or more run directories and writes into {@code outDir}: {@code
 * side-by-side.md} (charts linked), {@code side-by-side.html} (self-contained, charts embedded) and the overlaid charts
 * under {@code outDir/plots}, per placement P:
 * <pre>
 * compare-latency-p50-vs-payload-P     p50 round trip (µs) against payload size, log–log
 * compare-throughput-vs-payload-P      throughput (bytes/s) against payload size, log–log
 * </pre>
 * where a mechanism keeps its colour and marker and each run has its own line style (solid, dashed, dotted,
 * dash-dot, in the order given). The runs are numbered #1, #2... in the order given; #1 is the reference: the
 * tables give each run's value and its ratio to #1 for p50, p99 and throughput (MB/s), per mechanism × payload ×
 * placement, and the environment and options table highlights every field (JDK, kernel, host, CPU, options,
 * placement...) that differs from #1. Skipped and failed benchmarks of each run are listed. Bad input throws
 * {@link ReportException} (one line, exit status 2).
 */
public final class SideBySideReport {
    public static final String MARKDOWN = "side-by-side.md";
    public static final String HTML = "side-by-side.html";

    private SideBySideReport() {
    }

    /** {@code pipe}, {@code pipe (spin)}; the peers after it when the table holds several. */
    private static String label(ResultKey key, boolean withPeers, boolean withLink) {
        return RunTables.withWait(key.mechanism(), key.waitStrategy()) + (withPeers ? " · " + key.peers() : "")
                + (withLink ? " · " + key.get(Dimension.LINK) : "");
    }

    /** One compared quantity: its title, its unit and how to read it from a run. */
    private record Quantity(String title, Function<RunData, Map<ResultKey, Double>> values,
                            Function<Double, String> format) {
    }

    public static Report.Written write(List<Path> runDirs, Path outDir) throws ReportException {
        if (runDirs.size() < 2) {
            throw new ReportException("a comparison needs two or more run directories, got " + runDirs.size());
        }
        List<RunData> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunData.load(dir));
        }
        ChartCanvas.requireFonts();
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "ipcbench: " + runs.size() + " runs compared");
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            legend.add(name(i) + " = run " + runs.get(i).label() + " (" + runs.get(i).dir() + ")"
                    + (i == 0 ? ", the reference" : ""));
        }
        doc.bullets(legend);
        environment(doc, runs);
        for (Quantity quantity : quantities()) {
            ratios(doc, runs, quantity);
        }
        doc.heading(2, "Skipped and failed");
        for (int i = 0; i < runs.size(); i++) {
            doc.heading(3, name(i) + " " + runs.get(i).label() + ": skipped");
            RunTables.skipped(doc, runs.get(i));
            doc.heading(3, name(i) + " " + runs.get(i).label() + ": failed");
            RunTables.failed(doc, runs.get(i));
        }
        Path markdown = outDir.resolve(MARKDOWN);
        Path html = outDir.resolve(HTML);
        try {
            doc.heading(2, "Charts");
            for (Plots.Plot plot : plots(runs, outDir.resolve("plots"))) {
                doc.image(plot.png(), plot.svg(), plot.title());
            }
            OutputFile.writeString(markdown, doc.markdown(outDir));
            OutputFile.writeString(html, doc.html("ipcbench: " + runs.size() + " runs compared", outDir));
        } catch (IOException e) {
            throw new ReportException("cannot write the comparison into " + outDir + ": " + e.getMessage(), e);
        }
        return new Report.Written(markdown, html);
    }

    private static String name(int index) {
        return "#" + (index + 1);
    }

    /** Every field of environment and options, one column per run, fields differing from #1 highlighted. */
    private static void environment(ReportDocument doc, List<RunData> runs) {
        doc.heading(2, "Environment and options (differences from #1 highlighted)");
        List<Map<String, String>> fields = new ArrayList<>();
        for (RunData run : runs) {
            Map<String, String> all = new LinkedHashMap<>(RunTables.environment(run));
            all.putAll(RunDifferences.comparableFields(run));
            fields.add(all);
        }
        List<String> keys = new ArrayList<>(fields.get(0).keySet());
        for (Map<String, String> other : fields) {
            other.keySet().stream().filter(key -> !keys.contains(key)).forEach(keys::add);
        }
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (String key : keys) {
            List<ReportDocument.Cell> row = new ArrayList<>();
            row.add(ReportDocument.Cell.of(key));
            String reference = fields.get(0).getOrDefault(key, "absent");
            for (Map<String, String> run : fields) {
                String value = run.getOrDefault(key, "absent");
                boolean differs = !RunDifferences.IDENTITY_FIELDS.contains(key) && !Objects.equals(value, reference);
                row.add(new ReportDocument.Cell(value, differs));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("field"));
        for (int i = 0; i < runs.size(); i++) {
            header.add(name(i));
        }
        doc.table(header, new boolean[header.size()], rows);
    }

    private static List<Quantity> quantities() {
        return List.of(
                new Quantity("p50 round trip (µs)", run -> latency(run, LatencyRow::p50Ns), Numbers::micros),
                new Quantity("p99 round trip (µs)", run -> latency(run, LatencyRow::p99Ns), Numbers::micros),
                new Quantity("throughput (MB/s, 1 MB = 10^6 bytes)", SideBySideReport::throughput,
                        Numbers::megabytesPerS));
    }

    private static Map<ResultKey, Double> latency(RunData run, ToLongFunction<LatencyRow> nanos) {
        Map<ResultKey, Double> values = new HashMap<>();
        for (LatencyRow row : run.allLatency()) {
            values.put(row.key(), (double) nanos.applyAsLong(row));
        }
        return values;
    }

    private static Map<ResultKey, Double> throughput(RunData run) {
        Map<ResultKey, Double> values = new HashMap<>();
        for (ThroughputRow row : run.allThroughput()) {
            values.put(row.key(), row.bytesPerS());
        }
        return values;
    }

    /** Each run's value and, after #1, its ratio to #1; "—" where a run lacks the benchmark. */
    private static void ratios(ReportDocument doc, List<RunData> runs, Quantity quantity) {
        List<Map<ResultKey, Double>> values = runs.stream().map(quantity.values()).toList();
        Set<String> ids = new HashSet<>();
        values.forEach(map -> map.keySet().forEach(key -> ids.add(key.mechanism())));
        if (ids.isEmpty()) {
            return;
        }
        List<String> order = new SeriesStyles(ids, runs).ordered();
        TreeSet<ResultKey> keys = new TreeSet<>(Comparator.comparing(ResultKey::placement)
                .thenComparing(ResultKey::peers, Dimension.PEERS.displayOrder())
                .thenComparingInt(ResultKey::payloadBytes).thenComparingInt(key -> order.indexOf(key.mechanism()))
                .thenComparing(ResultKey::waitStrategy).thenComparing(ResultKey.ORDER));
        values.forEach(map -> keys.addAll(map.keySet()));
        boolean severalPeers = keys.stream().map(ResultKey::peers).distinct().count() > 1;
        boolean severalLinks = keys.stream().map(key -> key.get(Dimension.LINK)).distinct().count() > 1;
        doc.heading(2, quantity.title() + ", ratio to #1");
        List<String> header = new ArrayList<>(List.of("placement", "payload", "mechanism", name(0)));
        for (int i = 1; i < runs.size(); i++) {
            header.add(name(i));
            header.add(name(i) + " / #1");
        }
        boolean[] numeric = new boolean[header.size()];
        for (int i = 1; i < numeric.length; i++) {
            numeric[i] = true;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ResultKey key : keys) {
            Double reference = values.get(0).get(key);
            List<String> row = new ArrayList<>(List.of(key.placement(), Numbers.bytes(key.payloadBytes()),
                    label(key, severalPeers, severalLinks),
                    reference == null ? "—" : quantity.format().apply(reference)));
            for (int i = 1; i < runs.size(); i++) {
                Double value = values.get(i).get(key);
                row.add(value == null ? "—" : quantity.format().apply(value));
                row.add(value == null || reference == null ? "—" : Numbers.ratio(value / reference));
            }
            rows.add(row);
        }
        doc.plainTable(header, numeric, rows);
    }

    /**
     * The overlaid charts, one pair per placement any run measured, of one peers value (jvm-jvm when any run has it),
     * one link (loopback when any run has it) and per mechanism one wait strategy (block when measured), so that no
     * line joins rows of different ends or links.
     */
    private static List<Plots.Plot> plots(List<RunData> runs, Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        TreeSet<String> placements = new TreeSet<>();
        for (RunData run : runs) {
            run.latency().forEach(row -> ids.add(row.mechanism()));
            run.throughput().forEach(row -> ids.add(row.mechanism()));
            placements.addAll(run.placements());
        }
        SeriesStyles styles = new SeriesStyles(ids, runs);
        String peers = runs.stream().map(RunData::shownPeers).min(Comparator.comparingInt(PeersViews::rank))
                .orElseThrow();
        String link = runs.stream().map(RunData::shownLink).min(Dimension.LINK.displayOrder()).orElseThrow();
        List<Plots.Plot> plots = new ArrayList<>();
        for (String placement : placements) {
            plots.add(overlay(runs, styles, placement, dir, "compare-latency-p50-vs-payload-" + placement,
                    "p50 round trip vs payload size, placement " + placement + ", runs overlaid",
                    "round trip (µs, log scale)", run -> oneView(latency(run, LatencyRow::p50Ns), peers, link),
                    Numbers.NS_PER_US,
                    Numbers::tick));
            plots.add(overlay(runs, styles, placement, dir, "compare-throughput-vs-payload-" + placement,
                    "Throughput vs payload size, placement " + placement + ", runs overlaid",
                    "throughput (bytes/s, log scale)", run -> oneView(throughput(run), peers, link), 1,
                    y -> Numbers.si(y, "B/s")));
        }
        return plots;
    }

    /** The values at {@code peers} over {@code link}, a mechanism measured both ways by its blocking rows. */
    private static Map<ResultKey, Double> oneView(Map<ResultKey, Double> values, String peers, String link) {
        Set<String> blocking = new HashSet<>();
        values.keySet().stream().filter(key -> key.peers().equals(peers) && key.get(Dimension.LINK).equals(link)
                && key.waitStrategy().equals(Dimension.WAIT.defaultValue())).forEach(key -> blocking.add(
                key.mechanism()));
        Map<ResultKey, Double> view = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.peers().equals(peers) && key.get(Dimension.LINK).equals(link)
                    && (key.waitStrategy().equals(Dimension.WAIT.defaultValue())
                    || !blocking.contains(key.mechanism()))) {
                view.put(key, value);
            }
        });
        return view;
    }

    private static Plots.Plot overlay(List<RunData> runs, SeriesStyles styles, String placement, Path dir,
                                      String name, String title, String yTitle,
                                      Function<RunData, Map<ResultKey, Double>> values, double divisor,
                                      Function<Double, String> yTicks) throws IOException {
        XYChart chart = Plots.xyChart();
        List<String> names = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (String mechanism : styles.ordered()) {
            for (int i = 0; i < runs.size(); i++) {
                List<Map.Entry<ResultKey, Double>> points = values.apply(runs.get(i)).entrySet().stream()
                        .filter(e -> e.getKey().mechanism().equals(mechanism)
                                && e.getKey().placement().equals(placement))
                        .sorted(Comparator.comparingInt(e -> e.getKey().payloadBytes())).toList();
                if (points.isEmpty()) {
                    continue;
                }
                double[] x = points.stream().mapToDouble(e -> e.getKey().payloadBytes()).toArray();
                double[] y = points.stream().mapToDouble(e -> e.getValue() / divisor).toArray();
                String series = mechanism + " " + name(i);
                styles.apply(chart.addSeries(series, x, y), mechanism, i);
                names.add(series);
                if (!mechanisms.contains(mechanism)) {
                    mechanisms.add(mechanism);
                }
                points.forEach(e -> sizes.add(e.getKey().payloadBytes()));
                for (double value : y) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>(styles.legend(mechanisms));
        for (int i = 0; i < runs.size(); i++) {
            legend.add(new ChartCanvas.LegendEntry("run " + name(i), Color.DARK_GRAY, null,
                    SeriesStyles.LINES[i % SeriesStyles.LINES.length]));
        }
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title,
                "payload size (bytes each way, log scale; ticks at the measured sizes)", yTitle).legend(legend);
        if (!sizes.isEmpty()) {
            LogAxis.y(chart.getStyler(), min, max, yTicks);
            figure.overlay(PayloadAxis.apply(chart, sizes));
        }
        List<String> caption = new ArrayList<>();
        caption.add("Line style = run: #1 solid, #2 dashed, #3 dotted, #4 dash-dot; colour = mechanism, marker = its family.");
        for (int i = 0; i < runs.size(); i++) {
            caption.add(name(i) + ": " + Captions.environment(runs.get(i), placement));
        }
        ChartCanvas.write(figure, 560, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }
}
