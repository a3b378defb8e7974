package ipcbench.report;

import ipcbench.results.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunTablesTest {
    @Test
    void aRowWhoseIntervalOverlapsTheLeadersIsTiedAndEveryMemberIsMarked() {
        List<Interval> ranked = List.of(new Interval(8.8, 9.3), new Interval(9.1, 9.9), new Interval(10.0, 11.0),
                new Interval(12.0, 13.0), Interval.UNKNOWN, Interval.UNKNOWN);
        assertEquals(List.of("=1", "=1", "3", "4", "5", "6"), RunTables.ranks(ranked),
                "overlapping intervals tie, both marked; disjoint and unknown ones do not");
    }

    @Test
    void aPercentileNeedsTenRoundTripsBeyondIt() {
        assertEquals("1.00", RunTables.percentile(100_000, 0.9999, 1_000, ""), "10 beyond p99.99");
        assertEquals(RunTables.UNSUPPORTED, RunTables.percentile(99_999, 0.9999, 1_000, ""));
        assertEquals(RunTables.UNSUPPORTED, RunTables.percentile(5_000, 0.9999, 1_000, ""), "p99.99 of 5,000: the max");
        assertEquals("1.00~", RunTables.percentile(1_000, 0.99, 1_000, "~"));
        assertEquals(RunTables.UNSUPPORTED, RunTables.percentile(999, 0.99, 1_000, "~"));
    }

    @Test
    void aChainOfOverlapsDoesNotTieTheEndsThatAreApart() {
        // semaphore 60-66 overlaps eventfd 64-72, which overlaps tcp 70-85; semaphore and tcp are apart
        List<Interval> ranked = List.of(new Interval(60, 66), new Interval(64, 72), new Interval(70, 85),
                new Interval(71, 80));
        assertEquals(List.of("=1", "=1", "=3", "=3"), RunTables.ranks(ranked),
                "tcp leads a group of its own instead of joining semaphore's through eventfd");
    }
}
