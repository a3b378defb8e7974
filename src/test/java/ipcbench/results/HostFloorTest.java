package ipcbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFloorTest {
    @TempDir
    Path dir;

    private static HostFloor floor(String placement, String wait, int client, int server, double p50Ns) {
        return new HostFloor(placement, wait, client, server, "ipcpeer floor", 5, 2000, p50Ns, p50Ns - 100,
                p50Ns + 100, p50Ns * 2, null);
    }

    @Test
    void onlyABlockingFloorAcrossTwoCpusAboveTheThresholdIsWarnedAbout() {
        double above = HostFloor.FAR_ABOVE_BARE_METAL_NS + 1;
        assertTrue(floor("cross", "block", 0, 1, above).warning().contains("--pin same"));
        assertNull(floor("cross", "block", 0, 1, HostFloor.FAR_ABOVE_BARE_METAL_NS).warning());
        assertNull(floor("cross", "spin", 0, 1, above).warning());
        assertNull(floor("same", "block", 0, 0, above).warning());
        assertNull(floor("none", "block", -1, -1, above).warning());
        assertNull(HostFloor.notMeasured("cross", "block", 0, 1, "no compiler").warning());
    }

    @Test
    void theRangeOfFivePairMediansHolds94PercentAndTheSummarySaysSo() {
        HostFloor floor = floor("cross", "block", 0, 1, 78_100);
        assertEquals(0.9375, floor.rangeConfidence(), 1e-12);
        assertEquals("Host floor at cross, block (CPU 0 <-> 1): p50 78.1 µs [78.0-78.2], p99 156.2 µs "
                + "(5 process pairs, 2000 round trips each)", floor.summary());
        assertEquals("Host floor at same, spin (CPU 0 <-> 0): not measured: why",
                HostFloor.notMeasured("same", "spin", 0, 0, "why").summary());
    }

    @Test
    void floorsRoundTripThroughRunJsonAndAnOlderRunHasNone() throws Exception {
        List<HostFloor> floors = List.of(floor("cross", "block", 0, 1, 78_100), floor("cross", "spin", 0, 1, 400),
                HostFloor.notMeasured("cross", "block", 0, 1, "a run of another placement"));
        RunInfo info = new RunInfo("20261205T010000Z", "2026-12-05T01:00:00Z", null, "abc", null, null,
                new RunInfo.Cpus(0, 1), List.of(), List.of(), null, null, null, floors);
        Path file = dir.resolve("run.json");
        info.write(file);
        RunInfo read = RunInfo.read(file);
        assertEquals(floors, read.floors());
        assertEquals(400, read.floor("cross", "spin").p50Ns());
        assertNull(read.floor("same", "block"));

        Path older = dir.resolve("older.json");
        Files.writeString(older, "{\"runId\": \"20261101T000000Z\"}", StandardCharsets.UTF_8);
        assertNull(RunInfo.read(older).floors());
        assertNull(RunInfo.read(older).floor("cross", "block"));
    }
}
