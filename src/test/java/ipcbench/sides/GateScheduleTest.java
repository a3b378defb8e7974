package ipcbench.sides;

import ipcbench.results.ResultKey;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateScheduleTest {
    private static final List<ResultKey> BENCHMARKS = List.of(ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm"),
            ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm"), ResultKey.of("shm", 64, "cross", "spin", "jvm-jvm"));

    @Test
    void theSeedFixesTheWholeOrder() {
        assertEquals(GateSchedule.of(42, 10, BENCHMARKS), GateSchedule.of(42, 10, BENCHMARKS));
        assertNotEquals(GateSchedule.of(42, 10, BENCHMARKS).steps(), GateSchedule.of(43, 10, BENCHMARKS).steps());
    }

    @Test
    void everyRoundHoldsEveryBenchmarkOnce() {
        GateSchedule schedule = GateSchedule.of(7, 12, BENCHMARKS);
        assertEquals(12 * BENCHMARKS.size(), schedule.steps().size());
        for (int round = 1; round <= 12; round++) {
            int r = round;
            Set<ResultKey> seen = new HashSet<>();
            schedule.steps().stream().filter(s -> s.round() == r).forEach(s -> assertTrue(seen.add(s.benchmark())));
            assertEquals(Set.copyOf(BENCHMARKS), seen, "round " + round);
        }
    }

    @Test
    void bothOrdersAndShuffledRoundsOccur() {
        GateSchedule schedule = GateSchedule.of(1, 200, BENCHMARKS);
        long headFirst = schedule.steps().stream().filter(GateSchedule.Step::headFirst).count();
        // 600 fair coin flips: 300 ± 4.3 standard deviations.
        assertTrue(headFirst > 235 && headFirst < 365, "head first " + headFirst + " of 600");
        Map<ResultKey, Integer> openers = new HashMap<>();
        for (int i = 0; i < schedule.steps().size(); i += BENCHMARKS.size()) {
            openers.merge(schedule.steps().get(i).benchmark(), 1, Integer::sum);
        }
        assertEquals(BENCHMARKS.size(), openers.size(), "every benchmark opens some round: " + openers);
        assertEquals("head-first", new GateSchedule.Step(1, BENCHMARKS.get(0), true).order());
    }

    @Test
    void aGateNeedsARoundAndABenchmark() {
        assertThrows(IllegalArgumentException.class, () -> GateSchedule.of(1, 0, BENCHMARKS));
        assertThrows(IllegalArgumentException.class, () -> GateSchedule.of(1, 3, List.of()));
    }
}
