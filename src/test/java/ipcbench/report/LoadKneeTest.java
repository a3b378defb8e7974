package ipcbench.report;

import ipcbench.results.LoadRow;
import ipcbench.results.ResultKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's "highest rate whose p99 stays under 10× the unloaded p50" and where the unloaded p50 comes from. */
class LoadKneeTest {
    private static LoadRow point(double offeredPerS, long p50Ns, long p99Ns, long lost) {
        return new LoadRow(ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm"), offeredPerS, offeredPerS, 1000, p50Ns, p50Ns, p99Ns, p99Ns,
                p99Ns, lost, Long.toString((long) offeredPerS), Double.NaN, p99Ns, p99Ns, "cpu0",
                LoadRow.Cores.NOT_MEASURED);
    }

    @Test
    void theKneeIsTheLastRateBeforeP99ReachesTenTimesTheUnloadedP50() {
        // given out of order: the rule walks the rates upwards
        List<LoadRow> points = List.of(point(30_000, 11_000, 60_000, 0), point(10_000, 10_000, 40_000, 0),
                point(50_000, 12_000, 100_000, 0), point(70_000, 15_000, 80_000, 0));
        LoadReport.Unloaded unloaded = LoadReport.unloaded(points, Optional.empty());
        assertEquals(10_000, unloaded.p50Ns(), 0, "the lowest-rate point's p50");
        assertTrue(unloaded.from().startsWith("lowest-rate point"), unloaded.from());
        // 100 µs = 10 x 10 µs is not under: the knee stops at 30k, even though 70k dips back under
        assertEquals(30_000, LoadReport.knee(points, unloaded.p50Ns()).orElseThrow().offeredPerS(), 0);
        assertEquals(70_000, LoadReport.knee(points, 10_001).orElseThrow().offeredPerS(), 0, "all just under");
    }

    @Test
    void noKneeWhenTheLowestRateIsAlreadyOverAndALostMessageEndsIt() {
        List<LoadRow> points = List.of(point(10_000, 10_000, 40_000, 0), point(20_000, 10_000, 40_000, 3),
                point(30_000, 10_000, 40_000, 0));
        assertEquals(10_000, LoadReport.knee(points, 10_000).orElseThrow().offeredPerS(), 0, "a loss ends it");
        assertEquals(Optional.empty(), LoadReport.knee(points, 3_000), "40 µs >= 10 x 3 µs at the lowest rate");
    }
}
