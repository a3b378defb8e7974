package ipcbench.report;

import ipcbench.results.LatencyRow;
import ipcbench.results.LoadRow;
import ipcbench.results.RunLayout;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The charts and report of a {@code --mode load} run, from load.csv (and latency.csv when the run has one). Per
 * payload size and placement one chart {@code load-<N>B-P}: p50 (solid) and p99 (dashed) latency from the intended
 * send time against the offered rate, log–log, one colour per mechanism — the hockey stick. The report (report.md in
 * the run directory) gives each mechanism its knee: the highest offered rate up to which p99 stays under
 * {@value #KNEE_FACTOR}× its unloaded p50 (rates in increasing order, stopping at the first point at or above), taken from latency.csv of the same run when it has the row, else from the
 * lowest-rate point's p50 (the table says which).
 */
public final class LoadReport {
    static final int KNEE_FACTOR = 10;

    private LoadReport() {
    }

    /** Draws the charts into {@code plotsDir}, writes {@code runDir/report.md} and returns its path. */
    public static Path write(Path runDir, Path plotsDir) throws ReportException {
        RunData run = RunData.load(runDir);
        RunLayout layout = new RunLayout(runDir);
        List<LoadRow> rows;
        try {
            rows = LoadRow.read(layout.loadCsv());
        } catch (IOException e) {
            throw new ReportException("cannot read " + layout.loadCsv() + ": " + e.getMessage(), e);
        }
        ChartCanvas.requireFonts();
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(row -> ids.add(row.mechanism()));
        SeriesStyles styles = new SeriesStyles(ids, List.of(run));
        StringBuilder md = new StringBuilder("# Latency under load: run ").append(run.label()).append("\n\n");
        md.append("Open loop: requests leave on a fixed schedule (message i at start + i / rate) and a second client "
                + "thread takes the echoes; latency is receive time minus the *intended* send time, so a stall counts "
                + "against every request queued behind it. ").append(Captions.environment(run, placementOf(rows)))
                .append(".\n\n");
        try {
            for (String placement : new TreeSet<>(rows.stream().map(LoadRow::placement).toList())) {
                for (int size : new TreeSet<>(rows.stream().filter(r -> r.placement().equals(placement))
                        .map(LoadRow::payloadBytes).toList())) {
                    List<LoadRow> point = rows.stream()
                            .filter(r -> r.placement().equals(placement) && r.payloadBytes() == size).toList();
                    String name = chart(run, styles, placement, size, point, plotsDir);
                    section(md, run, styles, placement, size, point, runDir.toAbsolutePath().relativize(plotsDir.toAbsolutePath())
                            .resolve(name + ".png"));
                }
            }
            List<String> missing = Captions.missing(run, null);
            missing.forEach(line -> md.append(line).append("\n\n"));
            Path report = runDir.resolve("report.md");
            Files.writeString(report, md, StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new ReportException("cannot write the load report: " + e.getMessage(), e);
        }
    }

    private static String placementOf(List<LoadRow> rows) {
        return rows.isEmpty() ? "unknown" : rows.get(0).placement();
    }

    /** One hockey-stick chart; returns its name. */
    private static String chart(RunData run, SeriesStyles styles, String placement, int size, List<LoadRow> rows,
                                Path dir) throws IOException {
        String name = "load-" + size + "B-" + placement;
        String title = "Latency under load, payload " + Numbers.bytes(size) + ", placement " + placement;
        XYChart chart = Plots.xyChart();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(Numbers::tick);
        List<String> names = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (String mechanism : styles.ordered()) {
            List<LoadRow> mine = rows.stream().filter(r -> r.mechanism().equals(mechanism)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double[] offered = mine.stream().mapToDouble(LoadRow::offeredPerS).toArray();
            XYSeries p50 = chart.addSeries(mechanism + " p50", offered,
                    mine.stream().mapToDouble(r -> r.p50Ns() / Numbers.NS_PER_US).toArray());
            styles.apply(p50, mechanism, 0);
            XYSeries p99 = chart.addSeries(mechanism + " p99", offered,
                    mine.stream().mapToDouble(r -> r.p99Ns() / Numbers.NS_PER_US).toArray());
            styles.apply(p99, mechanism, 1);
            names.add(mechanism + " p50");
            names.add(mechanism + " p99");
            mechanisms.add(mechanism);
            for (LoadRow row : mine) {
                min = Math.min(min, row.p50Ns() / Numbers.NS_PER_US);
                max = Math.max(max, row.p99Ns() / Numbers.NS_PER_US);
            }
        }
        if (!mechanisms.isEmpty()) {
            LogAxis.y(chart.getStyler(), min, max, Numbers::tick);
        }
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>(styles.legend(mechanisms));
        legend.add(new ChartCanvas.LegendEntry("solid = p50", Plots.KEY_COLOUR, null, SeriesStyles.LINES[0]));
        legend.add(new ChartCanvas.LegendEntry("dashed = p99", Plots.KEY_COLOUR, null, SeriesStyles.LINES[1]));
        List<String> caption = new ArrayList<>();
        caption.add("Units: latency in µs from each message's intended send time to the receipt of its echo (open loop, "
                + "coordinated-omission free), p50 solid, p99 dashed, log scale; x: offered messages/s, log scale. "
                + "Each point: every message of the profile's measurement iterations at that rate.");
        caption.add(Captions.environment(run, placement));
        caption.addAll(Captions.missing(run, size));
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, "offered load (messages/s, log scale)",
                "latency from intended send (µs, log scale)").legend(legend);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return name;
    }

    private static void section(StringBuilder md, RunData run, SeriesStyles styles, String placement, int size,
                                List<LoadRow> rows, Path chart) {
        md.append("## ").append(Numbers.bytes(size)).append(", placement ").append(placement).append("\n\n");
        md.append("![Latency under load, ").append(Numbers.bytes(size)).append("](").append(chart).append(")\n\n");
        md.append("| mechanism | echo capacity (msg/s) | unloaded p50 (µs) | from | highest rate with p99 < ")
                .append(KNEE_FACTOR).append("× unloaded p50 (msg/s) | p99 there (µs) |\n|---|---|---|---|---|---|\n");
        for (String mechanism : styles.ordered()) {
            List<LoadRow> mine = rows.stream().filter(r -> r.mechanism().equals(mechanism)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Optional<LatencyRow> closed = run.latency().stream().filter(r -> r.mechanism().equals(mechanism)
                    && r.payloadBytes() == size && r.placement().equals(placement)).findFirst();
            double unloadedNs = closed.map(r -> (double) r.p50Ns()).orElse((double) mine.get(0).p50Ns());
            String from = closed.isPresent() ? "latency.csv (closed loop)" : "lowest-rate point ("
                    + Numbers.si(mine.get(0).offeredPerS(), "/s") + ")";
            LoadRow knee = null;
            for (LoadRow row : mine) {
                if (row.p99Ns() >= KNEE_FACTOR * unloadedNs) {
                    break;
                }
                knee = row;
            }
            md.append("| ").append(mechanism).append(" | ")
                    .append(Double.isNaN(mine.get(0).capacityPerS()) ? "not measured"
                            : Numbers.whole(mine.get(0).capacityPerS()))
                    .append(" | ").append(Numbers.micros(unloadedNs)).append(" | ").append(from).append(" | ")
                    .append(knee == null ? "none" : Numbers.whole(knee.offeredPerS()) + " (" + knee.rate() + ")")
                    .append(" | ").append(knee == null ? "–" : Numbers.micros(knee.p99Ns())).append(" |\n");
        }
        md.append("\n| mechanism | rate | offered/s | achieved/s | samples | p50 µs | p90 µs | p99 µs (iterations) | "
                + "p99.9 µs | max µs | lost |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LoadRow row : rows) {
            md.append("| ").append(row.mechanism()).append(" | ").append(row.rate()).append(" | ")
                    .append(Numbers.whole(row.offeredPerS())).append(" | ").append(Numbers.whole(row.achievedPerS()))
                    .append(" | ").append(row.samples()).append(" | ").append(Numbers.micros(row.p50Ns()))
                    .append(" | ").append(Numbers.micros(row.p90Ns())).append(" | ")
                    .append(Numbers.micros(row.p99Ns())).append(" (").append(Numbers.micros(row.p99IterMinNs()))
                    .append("–").append(Numbers.micros(row.p99IterMaxNs())).append(") | ")
                    .append(Numbers.micros(row.p999Ns())).append(" | ").append(Numbers.micros(row.maxNs()))
                    .append(" | ").append(row.lost()).append(" |\n");
        }
        md.append("\n");
    }
}
