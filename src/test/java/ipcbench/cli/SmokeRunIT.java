package ipcbench.cli;

import ipcbench.mechanism.Trial;
import ipcbench.process.NativePeer;
import ipcbench.results.AllocationRow;
import ipcbench.results.CostRow;
import ipcbench.results.ForkRow;
import ipcbench.results.HistogramLog;
import ipcbench.results.HostFloor;
import ipcbench.results.IterationRow;
import ipcbench.results.LatencyRow;
import ipcbench.results.Repeats;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A smoke run of the real script over two stream mechanisms: the run directory holds run.json and CSVs
 * with the documented columns and sane values (forks.csv, iterations.csv, intervals and verdicts included),
 * histogram logs that load again, and — through the JMH pass-through
 * {@code -- -prof gc} — an allocation.csv.
 */
class SmokeRunIT {
    private static final List<String> MECHANISMS = List.of("pipe", "uds");

    @TempDir
    Path tmp;

    @Test
    void smokeRunWritesTheDocumentedFiles() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--profile", "smoke", "--mechanisms", String.join(",", MECHANISMS),
                "--sizes", "64", "--pin", "same", "--results", dir.toString(), "--", "-prof", "gc");
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        RunLayout layout = new RunLayout(dir);

        RunInfo info = RunInfo.read(layout.runJson());
        assertNotNull(info.finishedAt());
        assertEquals("smoke", info.options().profile());
        assertEquals("same", info.options().placement());
        assertEquals(info.cpus().clientCpu(), info.cpus().serverCpu());
        assertTrue(info.failed().isEmpty(), info.failed().toString());
        assertNotNull(info.environment().kernel());
        assertNotNull(info.environment().jdkVersion());
        assertEquals(List.of("before/block", "after/block"), info.floors().stream()
                .map(f -> f.phase() + "/" + f.waitStrategy()).toList(), "a floor before and after, for block only");
        for (HostFloor floor : info.floors()) {
            assertTrue(floor.isMeasured() || NativePeer.here().availability().reason().equals(floor.reason()),
                    floor.summary());
        }
        assertEquals(MECHANISMS, info.mechanisms().stream().map(RunInfo.MechanismInfo::id).toList());
        for (RunInfo.MechanismInfo described : info.mechanisms()) {
            assertEquals("stream", described.family(), described.toString());
            assertFalse(described.summary().isBlank(), described.toString());
        }

        assertEquals(LatencyRow.header(), firstLine(layout.latencyCsv()));
        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        assertEquals(Set.copyOf(MECHANISMS), latency.stream().map(LatencyRow::mechanism).collect(Collectors.toSet()));
        for (LatencyRow row : latency) {
            assertTrue(row.samples() > 0, row.toString());
            assertTrue(row.minNs() > 0 && row.minNs() <= row.p50Ns(), row.toString());
            assertTrue(row.p50Ns() <= row.p99Ns() && row.p99Ns() <= row.maxNs(), row.toString());
            Histogram total = HistogramLog.total(layout.histogramLog(row.key()));
            assertEquals(row.samples(), total.getTotalCount(), "the .hlog holds every recorded round trip");
            assertTrue(Files.size(layout.percentiles(row.key())) > 0);
        }

        assertEquals(ThroughputRow.header(), firstLine(layout.throughputCsv()));
        List<ThroughputRow> throughput = ThroughputRow.read(layout.throughputCsv());
        assertEquals(MECHANISMS.size(), throughput.size());
        for (ThroughputRow row : throughput) {
            assertTrue(row.messagesPerS() > 0 && row.bytesPerS() > 0, row.toString());
            assertEquals(row.messagesPerS() * row.payloadBytes(), row.bytesPerS(), row.bytesPerS() * 1e-6);
        }
        for (ThroughputRow row : throughput) {
            assertEquals(1, row.repeats().forks(), row.toString());
            assertEquals(Repeats.FROM_ITERATIONS, row.repeats().ciFrom(), "one fork: the interval is within it");
            assertTrue(row.bytesPerSCi().low() <= row.bytesPerSCi().high(), row.toString());
            assertEquals(row.repeats().stable(), row.repeats().stabilityNote().isEmpty(), row.toString());
        }
        for (LatencyRow row : latency) {
            assertEquals(1, row.repeats().forks(), row.toString());
            assertEquals(0.75, row.repeats().ciLevel(), 1e-9, "three iterations: [min, max] at 75%");
            assertTrue(row.p50NsCi().low() <= row.p50NsCi().high() && row.p99NsCi().low() <= row.p99NsCi().high());
        }

        // One value per fork and per measurement iteration: smoke has one fork of three iterations.
        assertEquals(ForkRow.header(), firstLine(layout.forksCsv()));
        List<ForkRow> forks = ForkRow.read(layout.forksCsv());
        assertEquals(2 * MECHANISMS.size(), forks.size(), forks.toString());
        for (ForkRow fork : forks) {
            assertEquals(1, fork.fork());
            assertTrue(fork.mode().equals("latency") ? fork.p50Ns() > 0 : fork.bytesPerS() > 0, fork.toString());
        }
        assertEquals(IterationRow.header(), firstLine(layout.iterationsCsv()));
        List<IterationRow> iterations = IterationRow.read(layout.iterationsCsv());
        assertEquals(2 * MECHANISMS.size() * 3, iterations.size());
        for (IterationRow iteration : iterations) {
            assertTrue(iteration.mode().equals("latency") ? iteration.meanNs() > 0 : iteration.bytesPerS() > 0,
                    iteration.toString());
        }
        assertTrue(info.harness().clockReadAndRecordNs() > 0, "the harness cost is in run.json");

        // Both ends' cost, thread and process, of every benchmark (latency and throughput).
        assertEquals(CostRow.header(), firstLine(layout.costCsv()));
        List<CostRow> cost = CostRow.read(layout.costCsv());
        assertEquals(2 * MECHANISMS.size() * 4, cost.size(), cost.toString());
        for (CostRow row : cost) {
            assertTrue(row.cpuNsPerOp() > 0, row.toString());
            assertEquals("block", row.waitStrategy(), row.toString());
            if (row.mode().equals("latency")) {
                assertTrue(row.volCsPerOp() > 0, "a blocking round trip leaves the CPU on both sides: " + row);
            }
        }
        assertTrue(outcome.stdout().contains("CPU µs/rt"), "the summary shows CPU per round trip");
        assertTrue(outcome.stdout().contains("understate run-to-run noise"), "one fork says so");

        // Progress: the count and an estimate first, then one line per finished benchmark; JMH's own output went to
        // jmh.log and not to the terminal.
        int benchmarks = 2 * MECHANISMS.size();
        assertTrue(outcome.stdout().contains("ipcbench: " + benchmarks + " benchmarks, about "), outcome.stdout());
        List<String> progress = outcome.stdout().lines().filter(line -> line.matches("\\[\\d+/" + benchmarks + "] .*"))
                .toList();
        assertEquals(benchmarks, progress.size(), outcome.stdout());
        for (String mechanism : MECHANISMS) {
            assertTrue(progress.stream().anyMatch(line -> line.contains("] " + mechanism + " 64 B latency  p50 ")
                    && line.contains(" µs  p99 ")), mechanism + " latency line in " + progress);
            assertTrue(progress.stream().anyMatch(line -> line.contains("] " + mechanism + " 64 B throughput  ")
                    && line.contains(" MB/s")), mechanism + " throughput line in " + progress);
        }
        assertTrue(progress.get(0).contains("  ETA "), progress.get(0));
        String last = progress.get(benchmarks - 1);
        assertFalse(last.contains("ETA"), "no ETA after the last: " + last);
        String jmhLog = Files.readString(layout.jmhLog(), StandardCharsets.UTF_8);
        assertTrue(jmhLog.contains("# JMH version") && jmhLog.contains("# Fork: 1 of 1"), jmhLog);
        assertFalse(outcome.stdout().contains("# JMH version") || outcome.stdout().contains("REMEMBER"),
                "JMH's console output stays in jmh.log:\n" + outcome.stdout());

        assertTrue(Files.readString(layout.jmhResultJson(), StandardCharsets.UTF_8).contains("\"benchmark\""));
        assertTrue(outcome.stdout().contains("p50 µs [interval]"), "the summary table is printed");
        String report = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        for (String mechanism : MECHANISMS) {
            assertTrue(report.contains(mechanism), "report.md names " + mechanism);
        }
        assertTrue(Files.exists(dir.resolve("report.html")));
        try (var charts = Files.list(dir.resolve("plots"))) {
            List<String> names = charts.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("latency-percentiles-64B") && n.endsWith(".png")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".svg")), names.toString());
        }

        // The plain steps over files work on the run alone; comparing a run with itself finds no regression.
        assertEquals(0, Script.run(120, "compare", dir.toString(), dir.toString(), "--out", tmp.toString()).exitCode());
        assertTrue(Files.exists(tmp.resolve("compare.csv")));

        // JMH's gc profiler, passed through after --, lands in allocation.csv. Its per-op figure also carries JMH's
        // own per-iteration allocations, so the exact zero-allocation check lives in EchoSessionIT.
        // These mechanisms allocate nothing per operation, so JMH's share spread over a smoke iteration's thousands of
        // round trips stays far below one framework call's ~5 KB.
        List<AllocationRow> allocation = AllocationRow.read(layout.allocationCsv());
        Set<String> expected = new java.util.TreeSet<>();
        Set<String> found = new java.util.TreeSet<>();
        for (String mechanism : MECHANISMS) {
            expected.add(mechanism + " latency 1");
            expected.add(mechanism + " throughput " + Trial.batchMessagesFor(64));
        }
        for (AllocationRow row : allocation) {
            found.add(row.mechanism() + " " + row.benchmark() + " " + row.messagesPerOp());
            assertEquals(64, row.payloadBytes(), row.toString());
            assertEquals("same", row.placement(), row.toString());
            if (row.benchmark().equals("latency")) {
                assertTrue(row.allocBytesPerOp() < 1024, row.toString());
            }
        }
        assertEquals(expected, found, allocation.toString());
    }

    private static String firstLine(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
    }
}
