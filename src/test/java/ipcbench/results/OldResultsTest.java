package ipcbench.results;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run written before intervals existed (a copy of an older reference run): it must still read, with the new
 * fields unknown.
 */
class OldResultsTest {
    private static final Path REFERENCE = Path.of("src", "test", "resources", "old-run");

    @Test
    void oldLatencyCsvReadsWithUnknownRepeats() throws Exception {
        List<LatencyRow> rows = LatencyRow.read(REFERENCE.resolve("latency.csv"));
        assertFalse(rows.isEmpty());
        for (LatencyRow row : rows) {
            assertEquals(Repeats.UNKNOWN, row.repeats());
            assertEquals(0, row.repeats().forks());
            assertTrue(row.repeats().stable());
            assertEquals("not checked", row.repeats().stabilityNote());
            assertFalse(row.p50NsCi().known());
            assertTrue(row.p50Ns() > 0);
        }
    }

    @Test
    void oldThroughputCsvReadsWithUnknownRepeats() throws Exception {
        List<ThroughputRow> rows = ThroughputRow.read(REFERENCE.resolve("throughput.csv"));
        assertFalse(rows.isEmpty());
        for (ThroughputRow row : rows) {
            assertEquals(Repeats.UNKNOWN, row.repeats());
            assertTrue(Double.isNaN(row.bytesPerSCi().low()));
            assertTrue(row.bytesPerS() > 0);
        }
    }
}
