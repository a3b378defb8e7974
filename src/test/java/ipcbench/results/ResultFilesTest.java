package ipcbench.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run-directory contract: CSV and histogram files round-trip, and numbers never use the default locale. */
class ResultFilesTest {
    @TempDir
    Path dir;
    private Locale saved;

    @BeforeEach
    void germanDefaultLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void csvRowsRoundTripWithDotDecimals() throws Exception {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L);
        }
        LatencyRow latency = LatencyRow.of(ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm"), h);
        LatencyRow.write(dir.resolve("latency.csv"), List.of(latency));
        ThroughputRow throughput = new ThroughputRow(ResultKey.of("uds", 65536, "same", "block", "jvm-jvm"), 1234.5,
                1234.5 * 65536, 99.5);
        ThroughputRow.write(dir.resolve("throughput.csv"), List.of(throughput));

        String csv = Files.readString(dir.resolve("latency.csv"), StandardCharsets.UTF_8)
                + Files.readString(dir.resolve("throughput.csv"), StandardCharsets.UTF_8);
        assertFalse(csv.contains("1234,5") || csv.contains("99,5"), "no decimal commas: " + csv);
        assertTrue(csv.contains("1234.5") && csv.contains("99.5"), csv);

        LatencyRow back = LatencyRow.read(dir.resolve("latency.csv")).get(0);
        assertEquals(latency.p99Ns(), back.p99Ns());
        assertEquals(latency.meanNs(), back.meanNs(), 0.05);
        assertEquals(throughput, ThroughputRow.read(dir.resolve("throughput.csv")).get(0));
    }

    @Test
    void forkPartsMergeIntoOneLogAndOneRow() throws Exception {
        RunLayout layout = new RunLayout(dir);
        ResultKey key = ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm");
        for (long fork = 1; fork <= 2; fork++) {
            try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(layout.forkHistogramLog(key, fork),
                    "test", 1_000L)) {
                for (int iteration = 0; iteration < 3; iteration++) {
                    Histogram interval = new Histogram(3);
                    interval.setStartTimeStamp(1_000L + iteration * 1000);
                    interval.setEndTimeStamp(2_000L + iteration * 1000);
                    for (int i = 0; i < 100; i++) {
                        interval.recordValue(5_000 + i);
                    }
                    log.append(interval);
                }
            }
        }
        List<HistogramFiles.ForkParts> parts = HistogramFiles.readParts(layout);
        assertEquals(1, parts.size());
        assertEquals(2, parts.get(0).forks().size());
        assertEquals("pipe_64_cross_block", parts.get(0).fileName());
        assertEquals(600, HistogramFiles.merge(layout, key, parts.get(0)).getTotalCount());
        assertEquals(6, HistogramLog.intervals(layout.histogramLog(key)).size(), "one interval per iteration");
        assertTrue(Files.readString(layout.percentiles(key), StandardCharsets.UTF_8).contains("5.0"),
                "the .hgrm prints microseconds");
        try (var left = Files.list(layout.latencyDir())) {
            assertTrue(left.noneMatch(p -> p.toString().endsWith(".part")), "parts are removed after the merge");
        }
    }
}
