package ipcbench.cli;

import ipcbench.results.CostRow;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The summary a run prints, pinned for three kept runs: an old one without intervals, one with several peers, and a
 * copy of the 2026-12-05 reference run with cost, skips and unsteady rows. The table is built from named columns;
 * this holds its text to what it printed before they were.
 */
class SummaryTableTest {
    static String printed(Path run) throws Exception {
        RunLayout layout = new RunLayout(run);
        List<CostRow> cost = Files.exists(layout.costCsv()) ? CostRow.read(layout.costCsv()) : List.of();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SummaryTable.print(out, LatencyRow.read(layout.latencyCsv()), ThroughputRow.read(layout.throughputCsv()),
                    cost, RunInfo.read(layout.runJson()).skipped(), List.of("latency pipe 64 B"), new RunLayout(
                            Path.of("/results/run")));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/old-run", "src/test/resources/peers-run", "src/test/resources/summary-table/reference-run"})
    void printsWhatItPrintedBefore(String run) throws Exception {
        Path pinned = Path.of("src/test/resources/summary-table", Path.of(run).getFileName() + ".txt");
        assertEquals(Files.readString(pinned, StandardCharsets.UTF_8), printed(Path.of(run)));
    }

    @Test
    void skippedCombinationsWithOneReasonShareALine() {
        String noDirect = "no direct io path: it offers only jdk";
        assertEquals(List.of("shm, posix-mq: " + noDirect, "udp at 64 KiB: exceeds its limit", "rmi at 64 B: " + noDirect),
                SummaryTable.skippedLines(List.of(new RunInfo.Skipped("shm", null, noDirect),
                        new RunInfo.Skipped("udp", 65536, "exceeds its limit"),
                        new RunInfo.Skipped("posix-mq", null, noDirect),
                        new RunInfo.Skipped("rmi", 64, noDirect))), "a size keeps its own line");
    }
}
