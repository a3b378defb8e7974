package ipcbench.cli;

import ipcbench.results.CostRow;
import ipcbench.results.ForkRow;
import ipcbench.results.HistogramLog;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A smoke run of the real script with {@code --wait both} over pipe (blocks or spins) and shm (only spins): pipe
 * gets a row per strategy, shm one spinning row and a note that it cannot block; cost.csv has both sides and both
 * scopes of every row (a blocking side switches voluntarily, a process at least as often as its hot thread), and the
 * summary shows CPU per round trip.
 */
class WaitSmokeIT {
    @TempDir
    Path tmp;

    @Test
    void bothStrategiesProduceRowsAndCosts() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--profile", "smoke", "--mechanisms", "pipe,shm", "--sizes", "64",
                "--mode", "latency", "--wait", "both", "--results", dir.toString());
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
    }
}
