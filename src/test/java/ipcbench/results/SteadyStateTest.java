package ipcbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadyStateTest {
    private static SteadyState.Verdict check(double... values) {
        return SteadyState.check(List.of(values), Double.NaN, Double.NaN);
    }

    @Test
    void flatIterationsAreStable() {
        SteadyState.Verdict verdict = check(100, 104, 98, 101);
        assertTrue(verdict.stable());
        assertEquals("", verdict.note());
    }

    @Test
    void aMonotoneChangeOverTenPercentIsATrend() {
        assertEquals("trend +20% over 3 iterations", check(100, 110, 120).note());
        assertTrue(check(100, 105, 109).stable(), "9% is within the bound");
        assertTrue(check(100, 120, 115).stable(), "not monotone: noise, not a trend");
        assertTrue(check(100, 120).stable(), "two iterations are too few for a trend");
    }

    @Test
    void aWideSpreadIsFlaggedEvenWithoutATrend() {
        SteadyState.Verdict verdict = check(100, 160, 100, 100);
        assertFalse(verdict.stable());
        assertEquals("spread max/min 1.60x over 4 iterations", verdict.note());
    }

    @Test
    void theWorstForkIsNamed() {
        SteadyState.Verdict verdict = SteadyState.check(List.of(new double[] {100, 100, 100},
                new double[] {100, 130, 200}), Double.NaN, Double.NaN);
        assertEquals("trend +100% over 3 iterations in fork 2; spread max/min 2.00x over 3 iterations in fork 2",
                verdict.note());
        assertFalse(verdict.note().contains(","), "the note is a CSV cell");
    }

    @Test
    void jmhMeanMustMatchTheHistogramWithinTwoPercent() {
        assertTrue(SteadyState.check(List.of(new double[] {1, 1, 1}), 10_150, 10_000).stable());
        SteadyState.Verdict verdict = SteadyState.check(List.of(new double[] {1, 1, 1}), 9_700, 10_000);
        assertFalse(verdict.stable());
        assertEquals("JMH mean 9.700 µs vs histogram mean 10.000 µs (-3.0%)", verdict.note());
    }

    @Test
    void twoGroupsMoreThanTwiceApartAreTwoModesWithEachGroupsMedian() {
        SteadyState.Verdict verdict = SteadyState.check(List.of(new double[] {6_700, 30_700, 7_100, 29_000, 6_900,
                31_000}), Double.NaN, Double.NaN, SteadyState.MICROS);
        assertFalse(verdict.stable());
        assertEquals("two modes: 6.90 µs (3 iterations) and 30.7 µs (3 iterations)", verdict.note(),
                "it replaces the spread, which it explains");
        assertEquals("two modes: 1.000 MB/s (2 iterations) and 3.000 MB/s (3 iterations)", SteadyState.check(
                List.of(new double[] {1e6, 1e6}, new double[] {3e6, 3e6, 3e6}), Double.NaN, Double.NaN,
                SteadyState.MEGABYTES_PER_S).note(), "all forks together");
        assertEquals("spread max/min 3.00x over 4 iterations", check(100, 300, 100, 100).note(),
                "one outlier is not a mode");
        assertEquals("spread max/min 1.90x over 4 iterations", check(100, 190, 100, 190).note(),
                "groups closer than 2x are a spread");
    }
}
