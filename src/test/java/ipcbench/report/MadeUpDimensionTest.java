package ipcbench.report;

import ipcbench.gate.Metric;
import ipcbench.gate.PairRow;
import ipcbench.gate.PairedGate;
import ipcbench.gate.PairedOptions;
import ipcbench.gate.PairedRow;
import ipcbench.gate.PairsCsv;
import ipcbench.results.Dimension;
import ipcbench.results.ForkRow;
import ipcbench.results.HistogramFiles;
import ipcbench.results.JmhOutcome;
import ipcbench.results.LatencyRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import ipcbench.results.RunRows;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dimension that does not exist, registered for the test: it reaches the CSV columns, the file names, the gate's
 * keys and the report's grouping through its registration alone, and files written without it read as its default.
 */
class MadeUpDimensionTest {
    private static final Dimension FABRIC = new Dimension("fabric", "fabric", "local", Dimension.ID,
            Dimension.listed(List.of("local", "ib")), false);

    @TempDir
    Path dir;

    private ResultKey pipe;
    private ResultKey pipeOverIb;

    @BeforeEach
    void register() {
        Dimension.register(FABRIC);
        pipe = ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm");
        pipeOverIb = pipe.with(FABRIC, "ib");
    }

    @AfterEach
    void unregister() {
        Dimension.unregister(FABRIC);
    }

    @Test
    void itIsAKeyColumnOfEveryCsvAndRoundTrips() throws Exception {
        assertTrue(ForkRow.header().startsWith(
                        "mechanism,payload_bytes,placement,wait,peers,io,link,topology,fan,fabric,mode,"),
                ForkRow.header());
        List<ForkRow> rows = List.of(fork(pipe, 5000), fork(pipeOverIb, 7000));
        Path forks = dir.resolve("forks.csv");
        ForkRow.write(forks, rows);
        assertEquals(rows, ForkRow.read(forks));
        assertTrue(Files.readAllLines(forks).get(2).startsWith("pipe,64,cross,block,jvm-jvm,jdk,loopback,pair,1,ib,latency,"));

        Path older = dir.resolve("older-forks.csv");
        Files.writeString(older, "mechanism,payload_bytes,placement,wait,peers,mode,fork,p50_ns,p90_ns,p99_ns,"
                + "p99_9_ns,messages_per_s,bytes_per_s\npipe,64,cross,block,jvm-jvm,latency,1,5000,,,,,\n",
                StandardCharsets.UTF_8);
        assertEquals("local", ForkRow.read(older).get(0).key().get(FABRIC), "a file without it reads as its default");

        Path crafted = dir.resolve("crafted-forks.csv");
        Files.writeString(crafted, ForkRow.header()
                        + "\npipe,64,cross,block,jvm-jvm,jdk,loopback,pair,1,../x,latency,1,5000,,,,,\n",
                StandardCharsets.UTF_8);
        assertTrue(assertThrows(java.io.IOException.class, () -> ForkRow.read(crafted)).getMessage()
                .contains("fabric '../x'"), "its cells are checked like every key cell");
    }

    @Test
    void itNamesFilesOnlyOffItsDefaultAndTheCollectStepKeepsItApart() throws Exception {
        assertEquals("pipe_64_cross_block", pipe.fileName(), "files of runs without it keep their names");
        assertEquals("pipe_64_cross_block_ib", pipeOverIb.fileName());
        assertEquals(ResultKey.of(d -> d == FABRIC ? "ib" : pipe.get(d)), pipeOverIb);

        RunLayout layout = new RunLayout(dir);
        part(layout, pipe, 1, 5000);
        part(layout, pipeOverIb, 2, 9000);
        RunRows rows = RunRows.collect(layout, List.of(outcome(pipe), outcome(pipeOverIb)));
        rows.write(layout);
        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        assertEquals(2, latency.size());
        for (LatencyRow row : latency) {
            long expected = row.key().get(FABRIC).equals("ib") ? 9000 : 5000;
            assertEquals(expected, row.p50Ns(), 50, row.key().toString());
            assertTrue(Files.exists(layout.histogramLog(row.key())), row.key().toString());
        }
        assertTrue(Files.exists(dir.resolve("latency/pipe_64_cross_block_ib.hlog")));
    }

    @Test
    void theGateKeepsItsValuesApartInPairsAndRows() throws Exception {
        assertEquals("cross/ib", pipeOverIb.placementShown());
        assertEquals("cross", pipe.placementShown());
        TreeSet<ResultKey> ordered = new TreeSet<>(ResultKey.ORDER);
        ordered.add(pipeOverIb);
        ordered.add(pipe);
        assertEquals(List.of(pipe, pipeOverIb), List.copyOf(ordered));

        List<PairRow> pairs = new ArrayList<>();
        for (int round = 1; round <= 6; round++) {
            pairs.add(new PairRow(round, "base-first", pipe, Metric.P50, 5000, 5000 + round, "a", "b"));
            pairs.add(new PairRow(round, "head-first", pipeOverIb, Metric.P50, 9000, 9000 - round, "a", "b"));
        }
        Path file = dir.resolve("pairs.csv");
        PairsCsv.write(file, pairs);
        assertEquals(pairs, PairsCsv.read(file));
        List<PairedRow> rows = PairedGate.judge(PairsCsv.read(file), PairedOptions.DEFAULT).rows();
        assertEquals(List.of(pipe, pipeOverIb), rows.stream().map(PairedRow::key).toList());
    }

    @Test
    void theReportGroupsByIt() {
        List<ForkRow> rows = List.of(fork(pipeOverIb, 7000), fork(pipe, 5000),
                fork(ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm"), 6000));
        assertEquals(List.of("local", "ib"), GroupBy.values(FABRIC, rows));
        assertEquals(List.of(rows.get(0)), GroupBy.at(rows, FABRIC, "ib"));
        assertEquals(List.of(rows.get(0), rows.get(2)), GroupBy.atOrOnly(rows, FABRIC, "ib"),
                "tcp, measured only locally, stays as a reference");
        assertEquals(List.of("local", "ib"), GroupBy.compared(FABRIC, rows));
        assertEquals(List.of("local"), GroupBy.compared(FABRIC, rows.subList(1, 3)));
    }

    private static ForkRow fork(ResultKey key, double p50Ns) {
        return new ForkRow(key, JmhOutcome.LATENCY, 1, p50Ns, p50Ns, p50Ns, p50Ns, Double.NaN, Double.NaN);
    }

    private static JmhOutcome outcome(ResultKey key) {
        return new JmhOutcome(JmhOutcome.LATENCY, key, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(),
                Double.NaN, 1);
    }

    private static void part(RunLayout layout, ResultKey key, long pid, long valueNs) throws Exception {
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(layout.forkHistogramLog(key, pid), "test",
                1_000)) {
            for (int i = 0; i < 3; i++) {
                Histogram interval = new Histogram(3);
                interval.setStartTimeStamp(1_000 + i * 1000L);
                interval.setEndTimeStamp(2_000 + i * 1000L);
                for (int v = 0; v < 101; v++) {
                    interval.recordValue(valueNs - 50 + v);
                }
                log.append(interval);
            }
        }
    }
}
