package ipcbench.report;

import ipcbench.results.AllocationRow;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point: the report of one run, from its result files (it never runs a benchmark).
 *
 * <p>{@link #write(Path, Path)} draws the run's charts into {@code plotsDir} (the files {@link Plots#draw} writes) and
 * writes two files into {@code runDir} ({@link #write(Path, Path, Path)}: into another directory): {@code report.md},
 * which links the PNG charts by relative path, and {@code report.html}, one self-contained file with the charts
 * embedded as base64 (no network, no script). Both hold: "at a glance" first (rankings per payload size and which
 * mechanism for which need, {@link AtAGlance}), the cores each mechanism kept busy at fixed offered rates
 * ({@link CpuAtLoadSection}), the environment and options from run.json, how each mechanism was
 * measured, ranked latency and throughput tables (with the intervals of their medians over repeats) per placement and
 * payload size — those of the peers the views show ({@link PeersViews}), then each other peers value's, io path's and
 * link's —, the JVM share section when the run measured several peers ({@link JvmShare}), the Across links section
 * (with its charts) when it measured over a link besides loopback ({@link AcrossLinksSection}), heap bytes per
 * operation when the gc profiler ran, the skipped mechanisms with reasons, the failed benchmarks and the other charts.
 * On a host without fonts the report is written without charts and says why. Numbers are written in {@link java.util.Locale#ROOT}. Bad input throws {@link
 * ReportException} (one line, exit status 2).
 */
public final class Report {
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    /** The two files written. */
    public record Written(Path markdown, Path html) {
    }

    private Report() {
    }

    /** The report written into the run directory itself (after a run, into the run just made). */
    public static Written write(Path runDir, Path plotsDir) throws ReportException {
        return write(runDir, plotsDir, runDir);
    }

    /**
     * The report written into {@code outDir} (created if missing), so a run directory that is not ours, or read-only,
     * is only read; the Markdown links the charts relative to {@code outDir}.
     */
    public static Written write(Path runDir, Path plotsDir, Path outDir) throws ReportException {
        RunData run = RunData.load(runDir);
        Optional<String> fontProblem = Plots.fontProblem();
        List<Plots.Plot> plots = fontProblem.isPresent() ? List.of() : Plots.draw(run, plotsDir);
        ReportDocument doc = document(run, plots);
        fontProblem.ifPresent(problem -> doc.paragraph("Charts not drawn: " + problem + ", then run ./run-bench.sh "
                + "plot " + runDir + "."));
        Path markdown = outDir.resolve(MARKDOWN);
        Path html = outDir.resolve(HTML);
        try {
            Files.createDirectories(outDir);
            OutputFile.writeString(markdown, doc.markdown(outDir));
            OutputFile.writeString(html, doc.html("ipcbench run " + run.label(), outDir));
        } catch (IOException e) {
            throw new ReportException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
        return new Written(markdown, html);
    }

    static ReportDocument document(RunData run, List<Plots.Plot> plots) {
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "ipcbench run " + run.label());
        doc.paragraph("Round-trip latency and one-way streaming throughput of Linux IPC mechanisms between two JVM "
                + "processes: the JMH benchmark in one, a forked echo server in the other. Latency is the time for "
                + "N bytes to go to the echo server and back; throughput is N-byte messages sent one way, each batch "
                + "acknowledged once."
                + (JvmShare.applies(run) ? " This run also measured ends written in C (peers jvm-native: a C echo "
                        + "server; native-native: a C client too) to show the JVM's share of each round trip." : ""));
        AtAGlance.write(doc, run);
        CpuAtLoadSection.write(doc, run);
        doc.heading(2, "Environment");
        RunTables.keyValues(doc, RunTables.environment(run));
        RunTables.preflight(doc, run);
        doc.heading(2, "Options");
        RunTables.keyValues(doc, RunTables.options(run));

        doc.heading(2, "Mechanisms and how each was measured");
        List<List<String>> mechanisms = new ArrayList<>();
        for (String id : mechanismIds(run)) {
            RunInfo.MechanismInfo described = run.mechanism(id);
            mechanisms.add(List.of(id, described.family(), described.summary()));
        }
        doc.plainTable(List.of("mechanism", "family", "one round trip / message"), new boolean[] {false, false, false},
                mechanisms);

        doc.heading(2, "Round-trip latency (µs), ranked by p50");
        if (run.allLatency().isEmpty()) {
            doc.paragraph("This run has no latency results.");
        }
        RunTables.latency(doc, run);
        JvmShare.write(doc, run);
        doc.heading(2, "Throughput, ranked by MB/s (1 MB = 10^6 bytes)");
        if (run.allThroughput().isEmpty()) {
            doc.paragraph("This run has no throughput results.");
        }
        RunTables.throughput(doc, run);
        AcrossLinksSection.write(doc, run, plots);
        FansSection.write(doc, run, Plots.styles(run), plots);

        doc.heading(2, "Heap allocation per operation (JMH gc profiler)");
        allocation(doc, run);

        doc.heading(2, "Skipped mechanisms");
        RunTables.skipped(doc, run);
        doc.heading(2, "Failed benchmarks");
        RunTables.failed(doc, run);

        doc.heading(2, "Charts");
        for (Plots.Plot plot : plots) {
            if (!plot.name().startsWith(LinksChart.PREFIX) && !FansChart.isOne(plot)) {
                doc.image(plot.png(), plot.svg(), plot.title());
            }
        }
        return doc;
    }

    /** allocation.csv as a table, in display order, or how to measure it. */
    private static void allocation(ReportDocument doc, RunData run) {
        if (run.allocation().isEmpty()) {
            doc.paragraph("Not measured: run with -- -prof gc to record the heap bytes each benchmark allocates per "
                    + "operation (allocation.csv).");
            return;
        }
        doc.paragraph("Heap bytes the measuring JVM allocated per operation (a round trip, or a batch of messages), "
                + "from JMH's gc profiler; it includes JMH's own per-iteration allocations, which amortise to a small "
                + "fraction of a byte. The echo server's allocations are not counted.");
        List<String> order = new SeriesStyles(run.allocation().stream().map(AllocationRow::mechanism).toList(),
                List.of(run)).ordered();
        List<List<String>> rows = new ArrayList<>();
        run.allocation().stream()
                .sorted(Comparator.comparingInt((AllocationRow r) -> order.indexOf(r.mechanism()))
                        .thenComparing(AllocationRow::benchmark).thenComparing(AllocationRow::placement)
                        .thenComparingInt(AllocationRow::payloadBytes))
                .forEach(r -> rows.add(List.of(r.mechanism(), r.benchmark(), Numbers.bytes(r.payloadBytes()),
                        r.placement(), Integer.toString(r.messagesPerOp()), Numbers.fixed(r.allocBytesPerOp(), 3),
                        Numbers.fixed(r.allocBytesPerOp() / Math.max(1, r.messagesPerOp()), 3))));
        doc.plainTable(List.of("mechanism", "benchmark", "payload", "placement", "messages/op", "bytes/op",
                "bytes/message"), new boolean[] {false, false, false, false, true, true, true}, rows);
    }

    /** Every mechanism the run measured or skipped, in display order. */
    private static List<String> mechanismIds(RunData run) {
        Set<String> ids = new HashSet<>();
        run.allLatency().forEach(row -> ids.add(row.mechanism()));
        run.allThroughput().forEach(row -> ids.add(row.mechanism()));
        run.skipped().forEach(row -> ids.add(row.mechanism()));
        return new SeriesStyles(ids, List.of(run)).ordered();
    }
}
