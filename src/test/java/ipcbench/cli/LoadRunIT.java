package ipcbench.cli;

import ipcbench.results.HistogramLog;
import ipcbench.results.LoadRow;
import ipcbench.results.RunLayout;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-bench.sh --mode load} end to end over one mechanism with a receiving thread (uds) and one that polls
 * on the sending thread (shm): load.csv with the receiver column, one histogram log per point, run.json's load
 * object naming each receiver, the hockey-stick chart and the report's knee table.
 */
class LoadRunIT {
    @TempDir
    Path tmp;

    @Test
    void aLoadRunWritesLoadCsvWithTheReceiverTheChartAndTheReport() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--mode", "load", "--profile", "smoke", "--mechanisms", "uds,shm",
                "--sizes", "64", "--rates", "1000,2000", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        RunLayout layout = new RunLayout(dir);
        List<LoadRow> rows = LoadRow.read(layout.load().csv());
        assertEquals(4, rows.size(), rows.toString());
        for (LoadRow row : rows) {
            String expected = row.mechanism().equals("shm") ? "same-thread" : "cpu" + cpuOf(dir);
            assertEquals(expected, row.receiver(), row.toString());
            assertEquals(row.mechanism().equals("shm") ? "spin" : "block", row.waitStrategy(), row.toString());
            assertEquals(0, row.lost(), row.toString());
            Histogram total = HistogramLog.total(
                    layout.load().histogramLog(row.key(), Math.round(row.offeredPerS())));
            assertEquals(row.samples(), total.getTotalCount(), "the .hlog holds every measured message");
        }
        String json = Files.readString(layout.runJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"receivers\"") && json.contains("\"shm\": \"same-thread\""), json);
        String report = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("| shm | same-thread |") && report.contains("| uds | cpu"), report);
        assertTrue(Files.exists(dir.resolve("plots").resolve("load-64B-cross.png")), "the hockey stick is drawn");
    }

    private static int cpuOf(Path dir) throws Exception {
        return ipcbench.results.RunInfo.read(new RunLayout(dir).runJson()).cpus().clientCpu();
    }
}
