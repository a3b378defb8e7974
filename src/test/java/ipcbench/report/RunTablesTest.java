package ipcbench.report;

import ipcbench.results.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunTablesTest {
    @Test
    void aRankWhoseIntervalOverlapsThePreviousOneIsTied() {
        List<Interval> ranked = List.of(new Interval(8.8, 9.3), new Interval(9.1, 9.9), new Interval(10.0, 11.0),
                new Interval(12.0, 13.0), Interval.UNKNOWN, Interval.UNKNOWN);
        assertEquals(List.of("1", "=2", "3", "4", "5", "6"), RunTables.ranks(ranked),
                "touching intervals tie; disjoint and unknown ones do not");
    }
}
