package ipcbench.cli;

import ipcbench.results.CostRow;
import ipcbench.results.ForkRow;
import ipcbench.results.HistogramLog;
import ipcbench.results.LatencyRow;
import ipcbench.results.LoadRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A smoke run of the real script with {@code --wait both} over pipe (blocks or spins) and shm (only spins): pipe
 * gets a row per strategy, shm one spinning row and a note that it cannot block; cost.csv has both sides and both
 * scopes of every row (a blocking side switches voluntarily, a process at least as often as its hot thread), and the
 * summary shows CPU per round trip. With {@code --cpu-at 2000} it also measures the cores each mechanism keeps busy
 * at that offered rate (see {@code coresAtLoad}).
 */
class WaitSmokeIT {
    @TempDir
    Path tmp;

    @Test
    void bothStrategiesProduceRowsAndCosts() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--profile", "smoke", "--mechanisms", "pipe,shm", "--sizes", "64",
                "--mode", "latency", "--wait", "both", "--cpu-at", "2000", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        RunLayout layout = new RunLayout(dir);

        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        Set<String> rows = new TreeSet<>();
        latency.forEach(r -> rows.add(r.mechanism() + " " + r.waitStrategy()));
        assertEquals(Set.of("pipe block", "pipe spin", "shm spin"), rows);
        for (LatencyRow row : latency) {
            Path log = layout.histogramLog(row.key());
            assertEquals(row.samples(), HistogramLog.total(log).getTotalCount(),
                    log.toString());
        }
        assertEquals(3, ForkRow.read(layout.forksCsv()).size());
        assertTrue(ForkRow.read(layout.forksCsv()).stream().anyMatch(f -> f.waitStrategy().equals("spin")));

        RunInfo info = RunInfo.read(layout.runJson());
        assertEquals("both", info.options().waitStrategy());
        assertTrue(info.skipped().stream().anyMatch(s -> s.mechanism().equals("shm")
                && s.reason().contains("offers only spin")), info.skipped().toString());

        List<CostRow> cost = CostRow.read(layout.costCsv());
        assertEquals(3 * 4, cost.size(), cost.toString());
        for (CostRow row : cost) {
            assertTrue(row.cpuNsPerOp() > 0, row.toString());
            if (row.waitStrategy().equals("block")) {
                assertTrue(row.volCsPerOp() > 0, "a blocking side leaves the CPU to wait for its peer: " + row);
            }
            if (row.scope().equals(CostRow.PROCESS)) {
                CostRow thread = cost.stream().filter(t -> t.scope().equals(CostRow.THREAD)
                        && t.side().equals(row.side()) && t.mechanism().equals(row.mechanism())
                        && t.waitStrategy().equals(row.waitStrategy())).findFirst().orElseThrow();
                assertTrue(row.volCsPerOp() >= thread.volCsPerOp(),
                        "a process switches at least as often as its hot thread: " + row + " / " + thread);
            }
        }
        assertTrue(outcome.stdout().contains("CPU µs/rt"), outcome.stdout());
        assertTrue(outcome.stdout().contains("spin"), outcome.stdout());
        assertTrue(Files.exists(dir.resolve("plots").resolve("latency-vs-cpu-64B-cross.png"))
                || Files.exists(dir.resolve("plots").resolve("latency-vs-cpu-64B-same.png")), "the trade-off chart");
        coresAtLoad(dir, layout, info);
    }

    /**
     * {@code --cpu-at 2000}: a trial per mechanism at its first wait (pipe blocking, shm spinning), each point with
     * its cores and its histogram log, and the report's first screen, need and section. The figures are not judged,
     * except that the spinning echo thread was found busy and the blocking one was not busy all the time: that is
     * what the measurement is for.
     */
    private static void coresAtLoad(Path dir, RunLayout layout, RunInfo info) throws Exception {
        List<LoadRow> rows = LoadRow.read(layout.cpuAtLoad().csv());
        assertEquals(Set.of("pipe block", "shm spin"), rows.stream().map(r -> r.mechanism() + " " + r.waitStrategy())
                .collect(java.util.stream.Collectors.toSet()), rows.toString());
        for (LoadRow row : rows) {
            assertEquals(2000, row.offeredPerS(), 1e-9);
            LoadRow.Cores cores = row.cores();
            assertTrue(cores.measured() && cores.low() <= cores.total() && cores.total() <= cores.high(),
                    row.toString());
            assertEquals(cores.client() + cores.server(), cores.total(), 0.05 * cores.total() + 1e-3,
                    "the medians of the two sides add up to about the median of their sum: " + row);
            assertTrue(cores.processes() >= cores.total() * 0.95, "whole processes hold the message threads: " + row);
            assertEquals(row.samples(), HistogramLog.total(layout.cpuAtLoad().histogramLog(row.key(),
                    Math.round(row.offeredPerS()))).getTotalCount(), "the .hlog holds every measured message");
        }
        LoadRow spinning = rows.stream().filter(r -> r.mechanism().equals("shm")).findFirst().orElseThrow();
        LoadRow blocking = rows.stream().filter(r -> r.mechanism().equals("pipe")).findFirst().orElseThrow();
        assertTrue(spinning.cores().server() > 0.3, "a spinning echo thread is busy: " + spinning);
        assertTrue(blocking.cores().server() < spinning.cores().server(),
                "a blocking echo thread sleeps between requests: " + rows);
        assertTrue(info.failed().isEmpty(), info.failed().toString());
        assertFalse(Files.exists(layout.load().csv()), "a latency run is not a load run");
        String report = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("- CPU at 2,000 round trips/s offered: the fewest cores among blocking mechanisms: "
                + "pipe "), report);
        assertTrue(report.contains("| fewest cores busy at 2,000 round trips/s offered"), report);
        assertTrue(report.contains("### 2,000 round trips/s offered"), report);
    }
}
