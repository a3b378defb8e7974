package ipcbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFloorTest {
    @TempDir
    Path dir;

    static HostFloor floor(String phase, String placement, String wait, int client, int server, double p50Ns) {
        return new HostFloor(phase, placement, wait, client, server, new HostFloor.Measured("ipcpeer floor", 5, 2000,
                p50Ns, p50Ns - 100, p50Ns + 100, p50Ns * 2), null);
    }

    @Test
    void onlyABlockingFloorAcrossTwoCpusAboveTheThresholdIsWarnedAbout() {
        double above = HostFloor.FAR_ABOVE_BARE_METAL_NS + 1;
        assertTrue(floor("before", "cross", "block", 0, 1, above).warning().contains("--pin same"));
        assertNull(floor("before", "cross", "block", 0, 1, HostFloor.FAR_ABOVE_BARE_METAL_NS).warning());
        assertNull(floor("before", "cross", "spin", 0, 1, above).warning());
        assertNull(floor("before", "same", "block", 0, 0, above).warning());
        assertNull(floor("before", "none", "block", -1, -1, above).warning());
        assertNull(HostFloor.notMeasured("before", "cross", "block", 0, 1, "no compiler").warning());
    }

    @Test
    void theRangeOfFivePairMediansHolds94PercentAndTheSummarySaysSo() {
        HostFloor floor = floor("before", "cross", "block", 0, 1, 78_100);
        assertEquals(0.9375, floor.measured().rangeConfidence(), 1e-12);
        assertEquals("Host floor at cross, block (CPU 0 <-> 1), before the benchmarks: p50 78.1 µs [78.0-78.2], "
                + "p99 156 µs (5 process pairs, 2000 round trips each)", floor.summary());
        assertEquals("Host floor at same, spin (CPU 0 <-> 0), after the benchmarks: not measured: why",
                HostFloor.notMeasured("after", "same", "spin", 0, 0, "why").summary());
        assertTrue(floor.measured().overlaps(floor("after", "cross", "block", 0, 1, 78_300).measured()));
        assertFalse(floor.measured().overlaps(floor("after", "cross", "block", 0, 1, 78_301).measured()));
    }

    @Test
    void floorsRoundTripThroughRunJsonAndAnOlderRunHasNone() throws Exception {
        List<HostFloor> floors = List.of(floor("before", "cross", "block", 0, 1, 78_100),
                floor("before", "cross", "spin", 0, 1, 400), floor("after", "cross", "spin", 0, 1, 900),
                HostFloor.notMeasured("after", "cross", "block", 0, 1, "interrupted"));
        RunInfo info = new RunInfo("20261205T010000Z", "2026-12-05T01:00:00Z", null, "abc", null, null,
                new RunInfo.Cpus(0, 1), List.of(), List.of(), null, null, null, floors);
        Path file = dir.resolve("run.json");
        info.write(file);
        RunInfo read = RunInfo.read(file);
        assertEquals(floors, read.floors());
        assertEquals(400, read.floor("before", "cross", "spin").p50Ns());
        assertEquals(900, read.floor("after", "cross", "spin").p50Ns());
        assertNull(read.floor("after", "cross", "block"), "not measured");
        assertNull(read.floor("before", "same", "block"));

        Path older = dir.resolve("older.json");
        Files.writeString(older, "{\"runId\": \"20261101T000000Z\"}", StandardCharsets.UTF_8);
        assertNull(RunInfo.read(older).floors());
        assertNull(RunInfo.read(older).floor("before", "cross", "block"));
    }
}
