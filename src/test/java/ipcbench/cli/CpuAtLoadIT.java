package ipcbench.cli;

import ipcbench.results.HistogramLog;
import ipcbench.results.LoadRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A latency run with {@code --cpu-at}, end to end over a blocking mechanism (eventfd), a spinning one (shm) and one
 * without a load mode (rmi): cpu-at-load.csv with the cores of each point, its histogram logs, rmi skipped with its
 * reason, and the report's first screen, need and section. The figures are not judged, except that the spinning echo
 * thread was found busy and the blocking one was not busy all the time: that is what the measurement is for.
 */
class CpuAtLoadIT {
    @TempDir
    Path tmp;

    @Test
    void aLatencyRunMeasuresTheCoresAtEachRateAndTheReportShowsThem() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--mode", "latency", "--profile", "smoke", "--mechanisms",
                "eventfd,shm,rmi", "--sizes", "64", "--cpu-at", "2000", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        RunLayout layout = new RunLayout(dir);
        List<LoadRow> rows = LoadRow.read(layout.cpuAtLoad().csv());
        assertEquals(List.of("eventfd", "shm"), rows.stream().map(LoadRow::mechanism).sorted().toList(),
                rows.toString());
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
        LoadRow blocking = rows.stream().filter(r -> r.mechanism().equals("eventfd")).findFirst().orElseThrow();
        assertTrue(spinning.cores().server() > 0.3, "a spinning echo thread is busy: " + spinning);
        assertTrue(blocking.cores().server() < spinning.cores().server(),
                "a blocking echo thread sleeps between requests: " + rows);
        RunInfo info = RunInfo.read(layout.runJson());
        assertTrue(info.skipped().stream().anyMatch(s -> s.mechanism().equals("rmi")
                && s.reason().startsWith("CPU at load: ")), info.skipped().toString());
        assertTrue(info.failed().isEmpty(), info.failed().toString());
        assertFalse(Files.exists(layout.load().csv()), "a latency run is not a load run");
        String report = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("- CPU at 2,000 round trips/s offered: the fewest cores among blocking mechanisms: "
                + "eventfd "), report);
        assertTrue(report.contains("| fewest cores busy at 2,000 round trips/s offered"), report);
        assertTrue(report.contains("### 2,000 round trips/s offered"), report);
        assertTrue(report.contains("Not measured at load: rmi: a synchronous RMI call"), report);
        assertFalse(Files.readString(dir.resolve("plots/ranking-p50-64B-cross.svg")).contains("CPU at load"),
                "rmi's round trips were measured: a latency chart does not call it skipped");
    }
}
