package ipcbench.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collect step over synthetic fork parts and JMH outcomes: per-fork rows, intervals, verdicts, files. */
class RunRowsTest {
    @TempDir
    Path dir;

    /** Writes one fork's part: one interval per iteration, each holding {@code count} values around its value. */
    private static void part(RunLayout layout, ResultKey key, long pid, long startMs, long... p50sNs) throws Exception {
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(layout.forkHistogramLog(key, pid), "test",
                startMs)) {
            for (int i = 0; i < p50sNs.length; i++) {
                Histogram interval = new Histogram(3);
                interval.setStartTimeStamp(startMs + i * 1000L);
                interval.setEndTimeStamp(startMs + (i + 1) * 1000L);
                for (int v = 0; v < 101; v++) {
                    interval.recordValue(p50sNs[i] - 50 + v);
                }
                log.append(interval);
            }
        }
    }

    private static JmhOutcome latencyOutcome(String mechanism, double meanNs) {
        return new JmhOutcome(JmhOutcome.LATENCY, key(mechanism), meanNs, Double.NaN, Double.NaN, Double.NaN,
                List.of(), Double.NaN, 1);
    }

    private static ResultKey key(String mechanism) {
        return ResultKey.of(mechanism, 64, "cross", "block", "jvm-jvm");
    }

    @Test
    void forksAreOrderedByStartTimeAndTheIntervalComesFromForks() throws Exception {
        RunLayout layout = new RunLayout(dir);
        ResultKey key = key("tcp");
        // The pid order (and so the file name order) is the opposite of the time order.
        part(layout, key, 900, 10_000, 30_000, 30_000, 30_000);
        part(layout, key, 100, 20_000, 40_000, 40_000, 40_000);
        part(layout, key, 500, 30_000, 50_000, 50_000, 50_000);

        RunRows rows = RunRows.collect(layout, List.of(latencyOutcome("tcp", 40_000)));

        assertEquals(3, rows.forks().size());
        assertEquals(30_000, rows.forks().get(0).p50Ns(), 100, "fork 1 is the one that started first");
        assertEquals(1, rows.forks().get(0).fork());
        assertEquals(50_000, rows.forks().get(2).p50Ns(), 100);
        assertEquals(9, rows.iterations().size());
        LatencyRow row = rows.latency().get(0);
        assertEquals(3, row.repeats().forks());
        assertEquals(Repeats.FROM_FORKS, row.repeats().ciFrom());
        assertEquals(0.75, row.repeats().ciLevel(), 1e-9, "three values: [min, max] covers 75%");
        assertEquals(30_000, row.p50NsCi().low(), 100);
        assertEquals(50_000, row.p50NsCi().high(), 100);
        assertTrue(Files.exists(layout.histogramLog(key)));
        try (var left = Files.list(layout.latencyDir())) {
            assertTrue(left.noneMatch(p -> p.toString().endsWith(".part")));
        }
    }

    @Test
    void oneForkTakesItsIntervalFromIterationsAndFlagsATrend() throws Exception {
        RunLayout layout = new RunLayout(dir);
        part(layout, key("grpc"), 7, 1_000, 100_000, 70_000, 41_000);

        RunRows rows = RunRows.collect(layout, List.of(latencyOutcome("grpc", 70_333)));

        LatencyRow row = rows.latency().get(0);
        assertEquals(1, row.repeats().forks());
        assertEquals(Repeats.FROM_ITERATIONS, row.repeats().ciFrom());
        assertFalse(row.repeats().stable());
        assertTrue(row.repeats().stabilityNote().contains("trend -59% over 3 iterations"), row.repeats().toString());
    }

    @Test
    void aJmhMeanFarFromTheHistogramMeanIsFlagged() throws Exception {
        RunLayout layout = new RunLayout(dir);
        part(layout, key("uds"), 7, 1_000, 20_000, 20_000, 20_000);

        LatencyRow row = RunRows.collect(layout, List.of(latencyOutcome("uds", 21_000))).latency().get(0);

        assertFalse(row.repeats().stable());
        assertTrue(row.repeats().stabilityNote().startsWith("JMH mean 21.000 µs"), row.repeats().stabilityNote());
    }

    @Test
    void partsOfABenchmarkWithoutJmhResultAreRemovedNotMerged() throws Exception {
        RunLayout layout = new RunLayout(dir);
        ResultKey key = key("pipe");
        part(layout, key, 7, 1_000, 20_000);

        RunRows rows = RunRows.collect(layout, List.of());

        assertTrue(rows.isEmpty());
        assertFalse(Files.exists(layout.histogramLog(key)));
        assertFalse(Files.exists(layout.forkHistogramLog(key, 7)));
    }

    @Test
    void throughputForksAreMeansOfTheirIterations() throws Exception {
        RunLayout layout = new RunLayout(dir);
        List<List<JmhOutcome.Rates>> forks = List.of(
                List.of(new JmhOutcome.Rates(10, 640), new JmhOutcome.Rates(12, 768)),
                List.of(new JmhOutcome.Rates(20, 1280), new JmhOutcome.Rates(20, 1280)));
        JmhOutcome outcome = new JmhOutcome(JmhOutcome.THROUGHPUT, key("pipe"), Double.NaN, 15.5, 992, Double.NaN, forks,
                24.0, 16);

        RunRows rows = RunRows.collect(layout, List.of(outcome));
        rows.write(layout);

        assertEquals(List.of(704.0, 1280.0), rows.forks().stream().map(ForkRow::bytesPerS).toList());
        ThroughputRow row = rows.throughput().get(0);
        assertEquals(992, row.bytesPerS());
        assertEquals(new Interval(704, 1280), row.bytesPerSCi());
        assertEquals(Repeats.FROM_FORKS, row.repeats().ciFrom());
        assertEquals(0.5, row.repeats().ciLevel(), 1e-9);
        assertEquals(4, IterationRow.read(layout.iterationsCsv()).size());
        assertEquals(rows.forks(), ForkRow.read(layout.forksCsv()));
        assertEquals(rows.throughput(), ThroughputRow.read(layout.throughputCsv()));
        assertEquals(List.of(new AllocationRow(key("pipe"), "throughput", 16, 24.0)),
                AllocationRow.read(layout.allocationCsv()));
        String header = Files.readAllLines(layout.throughputCsv(), StandardCharsets.UTF_8).get(0);
        assertTrue(header.endsWith(",forks,ci_from,ci_level,bytes_per_s_ci_low,bytes_per_s_ci_high,stable,"
                + "stability_note"), header);
    }
}
