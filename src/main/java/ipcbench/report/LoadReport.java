package ipcbench.report;

import ipcbench.results.LatencyRow;
import ipcbench.results.LoadRow;
import ipcbench.results.RunLayout;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The charts and report of a {@code --mode load} run, from load.csv (and latency.csv when the run has one). Per
 * payload size and placement one chart {@code load-<N>B-P}: p50 (solid) and p99 (dashed) latency from the intended
 * send time against the offered rate, log–log, one colour per mechanism — the hockey stick. The report (report.md in
 * the run directory) gives each mechanism its saturation (the highest achieved rate), where its echoes were received,
 * and its knee ({@link #knee}): the highest offered rate up to which p99 stays under {@value #KNEE_FACTOR}× its
 * unloaded p50 ({@link #unloaded}: the closed-loop p50 of latency.csv in the same run when it has the row, else the
 * lowest-rate point's p50; the table says which).
 */
public final class LoadReport {
    static final int KNEE_FACTOR = 10;

    private LoadReport() {
    }

    /** The unloaded p50 a knee is measured against, and where it comes from. */
    record Unloaded(double p50Ns, String from) {
    }

    /** Whether a run directory holds a load run's results (load.csv). */
    public static boolean isLoadRun(Path runDir) {
        return Files.isRegularFile(new RunLayout(runDir).load().csv());
    }

    /** Draws the charts of a load run into {@code plotsDir} and returns them. */
    public static List<Plots.Plot> draw(Path runDir, Path plotsDir) throws ReportException {
        RunData run = RunData.load(runDir);
        List<LoadRow> rows = rows(runDir);
        ChartCanvas.requireFonts();
        SeriesStyles styles = styles(run, rows);
        List<Plots.Plot> plots = new ArrayList<>();
        try {
            for (String placement : placements(rows)) {
                for (int size : sizes(rows, placement)) {
                    plots.add(chart(run, styles, placement, size, at(rows, placement, size), plotsDir));
                }
            }
        } catch (IOException e) {
            throw new ReportException("cannot draw the load charts: " + e.getMessage(), e);
        }
        return plots;
    }

    /** Draws the charts into {@code plotsDir}, writes {@code runDir/report.md} and returns its path. */
    public static Path write(Path runDir, Path plotsDir) throws ReportException {
        return write(runDir, plotsDir, runDir);
    }

    /** As {@link #write(Path, Path)}, the report into {@code outDir} (created if missing), the run only read. */
    public static Path write(Path runDir, Path plotsDir, Path outDir) throws ReportException {
        RunData run = RunData.load(runDir);
        List<LoadRow> rows = rows(runDir);
        List<Plots.Plot> plots = draw(runDir, plotsDir);
        SeriesStyles styles = styles(run, rows);
        StringBuilder md = new StringBuilder("# Latency under load: run ").append(run.label()).append("\n\n");
        md.append("Open loop: requests leave on a fixed schedule (message i at start + i / rate); latency is receive "
                + "time minus the *intended* send time, so a stall counts against every request queued behind it. "
                + "Where the echoes are received (the receiver column): `same-thread` — the sending thread polls for "
                + "them between sends (mechanisms whose receive spins: shm, mmap-file, aeron-ipc); `cpuN` — a second "
                + "client thread pinned to CPU N, the sender's, blocking in its receive; `unpinned`. ")
                .append(Captions.environment(run, placementOf(rows))).append(".\n\n");
        md.append("The knee: the highest offered rate up to which p99 stays under ").append(KNEE_FACTOR)
                .append("× the unloaded p50, rates taken in increasing order and stopping at the first point at or "
                        + "above it, or with a lost message. The unloaded p50 is the closed-loop p50 of latency.csv "
                        + "when this run has one (a load run has none unless its directory is reused by hand), else "
                        + "the p50 of the lowest-rate point; the column *from* says which. Saturation: the highest "
                        + "achieved rate of any point (the echo capacity is measured separately, back to back).\n\n");
        int index = 0;
        try {
            for (String placement : placements(rows)) {
                for (int size : sizes(rows, placement)) {
                    Plots.Plot plot = plots.get(index++);
                    section(md, run, styles, placement, size, at(rows, placement, size),
                            outDir.toAbsolutePath().relativize(plot.png().toAbsolutePath()));
                }
            }
            List<String> missing = Captions.missing(run, null);
            missing.forEach(line -> md.append(line).append("\n\n"));
            Path report = outDir.resolve("report.md");
            Files.createDirectories(outDir);
            OutputFile.writeString(report, md);
            return report;
        } catch (IOException e) {
            throw new ReportException("cannot write the load report: " + e.getMessage(), e);
        }
    }

    private static List<LoadRow> rows(Path runDir) throws ReportException {
        RunLayout layout = new RunLayout(runDir);
        try {
            return LoadRow.read(layout.load().csv());
        } catch (IOException e) {
            throw new ReportException("cannot read " + layout.load().csv() + ": " + e.getMessage(), e);
        }
    }

    private static SeriesStyles styles(RunData run, List<LoadRow> rows) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(row -> ids.add(row.mechanism()));
        return new SeriesStyles(ids, List.of(run));
    }

    private static TreeSet<String> placements(List<LoadRow> rows) {
        return new TreeSet<>(rows.stream().map(LoadRow::placement).toList());
    }

    private static TreeSet<Integer> sizes(List<LoadRow> rows, String placement) {
        return new TreeSet<>(rows.stream().filter(r -> r.placement().equals(placement)).map(LoadRow::payloadBytes)
                .toList());
    }

    private static List<LoadRow> at(List<LoadRow> rows, String placement, int size) {
        return rows.stream().filter(r -> r.placement().equals(placement) && r.payloadBytes() == size).toList();
    }

    /**
     * The unloaded p50 of one mechanism's points ({@code mine}, one payload and placement): the closed-loop p50 when
     * the run measured it, else the p50 of the lowest offered rate.
     */
    static Unloaded unloaded(List<LoadRow> mine, Optional<LatencyRow> closedLoop) {
        if (closedLoop.isPresent()) {
            return new Unloaded(closedLoop.get().p50Ns(), "latency.csv (closed loop)");
        }
        LoadRow lowest = mine.stream().min(Comparator.comparingDouble(LoadRow::offeredPerS)).orElseThrow();
        return new Unloaded(lowest.p50Ns(), "lowest-rate point (" + Numbers.si(lowest.offeredPerS(), "/s") + ")");
    }

    /**
     * The knee: in increasing offered rate, the last point before the first whose p99 is at or above
     * {@value #KNEE_FACTOR}× {@code unloadedP50Ns} or that lost a message; empty when the lowest point already is.
     */
    static Optional<LoadRow> knee(List<LoadRow> mine, double unloadedP50Ns) {
        LoadRow knee = null;
        for (LoadRow row : mine.stream().sorted(Comparator.comparingDouble(LoadRow::offeredPerS)).toList()) {
            if (row.p99Ns() >= KNEE_FACTOR * unloadedP50Ns || row.lost() > 0) {
                break;
            }
            knee = row;
        }
        return Optional.ofNullable(knee);
    }

    private static String placementOf(List<LoadRow> rows) {
        return rows.isEmpty() ? "unknown" : rows.get(0).placement();
    }

    /** One hockey-stick chart. */
    private static Plots.Plot chart(RunData run, SeriesStyles styles, String placement, int size, List<LoadRow> rows,
                                Path dir) throws IOException {
        String name = "load-" + size + "B-" + placement;
        String title = "Latency under load, payload " + Numbers.bytes(size) + ", placement " + placement;
        XYChart chart = Plots.logXChart(Numbers::tick);
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
        caption.add("Echoes received: " + String.join(", ", mechanisms.stream().map(m -> m + " " + rows.stream()
                .filter(r -> r.mechanism().equals(m)).findFirst().map(LoadRow::receiver).orElse("?")).toList())
                + " (same-thread: the sender polls between sends; cpuN: a receiving thread on CPU N).");
        caption.add(Captions.environment(run, placement));
        caption.addAll(Captions.missing(run, size));
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, "offered load (messages/s, log scale)",
                "latency from intended send (µs, log scale)").legend(legend);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return new Plots.Plot(name, title, dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
    }

    private static void section(StringBuilder md, RunData run, SeriesStyles styles, String placement, int size,
                                List<LoadRow> rows, Path chart) {
        md.append("## ").append(Numbers.bytes(size)).append(", placement ").append(placement).append("\n\n");
        md.append("![Latency under load, ").append(Numbers.bytes(size)).append("](").append(chart).append(")\n\n");
        md.append("| mechanism | receiver | echo capacity (msg/s) | saturation: highest achieved (msg/s) | unloaded p50 "
                + "(µs) | from | highest rate with p99 < ").append(KNEE_FACTOR).append("× unloaded p50 (msg/s) | p99 "
                + "there (µs) |\n|---|---|---|---|---|---|---|---|\n");
        for (String mechanism : styles.ordered()) {
            List<LoadRow> mine = rows.stream().filter(r -> r.mechanism().equals(mechanism)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Optional<LatencyRow> closed = run.latency().stream().filter(r -> r.mechanism().equals(mechanism)
                    && r.payloadBytes() == size && r.placement().equals(placement)).findFirst();
            Unloaded unloaded = unloaded(mine, closed);
            Optional<LoadRow> knee = knee(mine, unloaded.p50Ns());
            double saturation = mine.stream().mapToDouble(LoadRow::achievedPerS).max().orElse(Double.NaN);
            md.append("| ").append(mechanism).append(" | ").append(mine.get(0).receiver()).append(" | ")
                    .append(Double.isNaN(mine.get(0).capacityPerS()) ? "not measured"
                            : Numbers.whole(mine.get(0).capacityPerS()))
                    .append(" | ").append(Numbers.whole(saturation))
                    .append(" | ").append(Numbers.micros(unloaded.p50Ns())).append(" | ").append(unloaded.from())
                    .append(" | ").append(knee.map(k -> Numbers.whole(k.offeredPerS()) + " (" + k.rate() + ")")
                            .orElse("none"))
                    .append(" | ").append(knee.map(k -> Numbers.micros(k.p99Ns())).orElse("–")).append(" |\n");
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
