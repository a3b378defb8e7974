package ipcbench.gate;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate's error rates on simulated fork values (fixed seeds), without files. */
class GateTest {
    private static final Path DIR = Path.of("/simulated");

    /** n log-normal fork values around {@code median} with log-sd {@code sigma}. */
    private static double[] forks(Random random, int n, double median, double sigma) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(sigma * random.nextGaussian());
        }
        return values;
    }

    /** A side whose rows are given p50 fork values, keyed tcp × payload i. */
    private static Side side(List<double[]> rows) {
        Map<RowKey, Map<Metric, Repeats>> samples = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<Metric, Repeats> metrics = new EnumMap<>(Metric.class);
            metrics.put(Metric.P50, new Repeats(rows.get(i), new double[0], new double[0]));
            samples.put(new RowKey("tcp", i + 1, "cross"), metrics);
        }
        return new Side(DIR, List.of(DIR), samples);
    }

    private static Outcome single(double[] base, double[] cur, GateOptions options) throws GateException {
        return Gate.compare(side(List.of(base)), side(List.of(cur)), options).rows().get(0).outcome();
    }

    @Test
    void identicalDistributionsGiveNoRegressionAndAThirtyPercentShiftGivesOne() throws GateException {
        Random random = new Random(1);
        double[] base = forks(random, 7, 10_000, 0.05);
        assertEquals(Outcome.WITHIN_NOISE, single(base, forks(random, 7, 10_000, 0.05), GateOptions.DEFAULT));
        assertEquals(Outcome.REGRESSION, single(base, forks(random, 7, 13_000, 0.05), GateOptions.DEFAULT));
        assertEquals(Outcome.IMPROVEMENT, single(base, forks(random, 7, 7_000, 0.05), GateOptions.DEFAULT));
    }

    /**
     * 1000 A/A comparisons of 7 vs 7 log-normal fork values: the gate's false alarms on one row stay within α plus
     * three binomial standard deviations. The test alone (no threshold, t tiny) is held to the same bound, since the
     * threshold would otherwise hide a test that rejects too often.
     */
    @Test
    void falseAlarmRateOfOneRowStaysWithinAlpha() throws GateException {
        Random random = new Random(42);
        int trials = 1000;
        GateOptions testOnly = GateOptions.of(0.0001, 0.05);
        int gateAlarms = 0;
        int testAlarms = 0;
        for (int t = 0; t < trials; t++) {
            double[] base = forks(random, 7, 10_000, 0.15);
            double[] cur = forks(random, 7, 10_000, 0.15);
            gateAlarms += single(base, cur, GateOptions.DEFAULT) == Outcome.REGRESSION ? 1 : 0;
            testAlarms += single(base, cur, testOnly) != Outcome.WITHIN_NOISE ? 1 : 0;
        }
        double tolerance = 3 * Math.sqrt(0.05 * 0.95 / trials);
        assertTrue(testAlarms / (double) trials <= 0.05 + tolerance, "test alone: " + testAlarms + " of " + trials);
        assertTrue(testAlarms > 0, "a two-sided test at 5% must reject now and then: " + testAlarms);
        assertTrue(gateAlarms / (double) trials <= 0.05 + tolerance, "gate: " + gateAlarms + " of " + trials);
    }

    /**
     * One true 30% shift among 20 null rows, 200 times: Holm finds the shift nearly always, and a false alarm on any
     * null row (the family-wise rate) stays within α; unadjusted p-values would raise many more.
     */
    @Test
    void holmFindsTheShiftAmongTwentyNullRowsAndKeepsTheNullsQuiet() throws GateException {
        Random random = new Random(7);
        int repetitions = 200;
        int found = 0;
        int familyAlarms = 0;
        int unadjustedAlarms = 0;
        GateOptions options = GateOptions.of(0.0001, 0.05);
        for (int r = 0; r < repetitions; r++) {
            List<double[]> base = new java.util.ArrayList<>();
            List<double[]> cur = new java.util.ArrayList<>();
            for (int i = 0; i < 21; i++) {
                base.add(forks(random, 7, 10_000, 0.05));
                cur.add(forks(random, 7, i == 0 ? 13_000 : 10_000, 0.05));
            }
            List<GateRow> rows = Gate.compare(side(base), side(cur), options).rows();
            found += rows.get(0).outcome() == Outcome.REGRESSION ? 1 : 0;
            familyAlarms += rows.subList(1, 21).stream().anyMatch(row -> row.outcome() != Outcome.WITHIN_NOISE)
                    ? 1 : 0;
            unadjustedAlarms += rows.subList(1, 21).stream().anyMatch(row -> row.pValue() < 0.05) ? 1 : 0;
        }
        double tolerance = 3 * Math.sqrt(0.05 * 0.95 / repetitions);
        assertTrue(found >= 0.95 * repetitions, "shift found " + found + " of " + repetitions);
        assertTrue(familyAlarms / (double) repetitions <= 0.05 + tolerance, "family-wise: " + familyAlarms);
        assertTrue(unadjustedAlarms > 3 * familyAlarms + 10, "unadjusted " + unadjustedAlarms + " vs Holm "
                + familyAlarms);
    }

    @Test
    void fewerThanTwoValuesLeaveTheThresholdAloneToDecide() throws GateException {
        GateResult result = Gate.compare(side(List.of(new double[] {10_000})), side(List.of(new double[] {12_000})),
                GateOptions.DEFAULT);
        GateRow row = result.rows().get(0);
        assertEquals(Noise.UNKNOWN, row.noise());
        assertEquals(Outcome.REGRESSION, row.outcome());
        assertEquals(1.2, row.ratioEstimate(), 1e-12);
        assertTrue(Double.isNaN(row.pAdjusted()) && Double.isNaN(row.ratio().low()));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("threshold alone")),
                result.warnings().toString());
    }

    @Test
    void tooFewRepeatsToReachAlphaAreWarnedAbout() throws GateException {
        GateResult result = Gate.compare(side(List.of(new double[] {1, 2, 3})), side(List.of(new double[] {4, 5, 6})),
                GateOptions.DEFAULT);
        assertEquals(Outcome.WITHIN_NOISE, result.rows().get(0).outcome(), "3 vs 3: p is at least 0.1");
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("cannot be flagged")),
                result.warnings().toString());
        assertEquals(2.0 / 3432, Gate.smallestP(7, 7), 1e-15);
    }

    @Test
    void sidesAreComparedLikeWithLike() {
        double[] none = new double[0];
        Repeats sevenForks = new Repeats(new double[] {1, 2, 3, 4, 5, 6, 7}, new double[] {1, 2, 3}, none);
        Repeats oneFork = new Repeats(new double[] {4}, new double[] {3, 4, 5, 6}, none);
        Repeats oldRun = new Repeats(none, none, new double[] {4});

        Sample[] forks = Gate.samples(sevenForks, sevenForks);
        assertEquals(Noise.FORKS, forks[0].basis());
        Sample[] iterations = Gate.samples(sevenForks, oneFork);
        assertEquals(Noise.ITERATIONS, iterations[1].basis());
        assertEquals(3, iterations[0].n(), "the iterations of both sides, not forks against iterations");
        assertEquals(4, iterations[1].n());
        Sample[] mixed = Gate.samples(new Repeats(new double[] {1, 2}, none, none), oneFork);
        assertEquals(Noise.ITERATIONS, mixed[0].basis());
        assertEquals(2, mixed[0].n(), "no common level: each side's best");
        Sample[] unknown = Gate.samples(sevenForks, oldRun);
        assertEquals(Noise.UNKNOWN, unknown[0].basis());
        assertEquals(1, unknown[1].n());
    }

    @Test
    void optionsOutsideTheirRangesAreRefused() throws GateException {
        assertThrows(GateException.class, () -> GateOptions.of(0, 0.05));
        assertThrows(GateException.class, () -> GateOptions.of(1, 0.05));
        assertThrows(GateException.class, () -> GateOptions.of(0.1, 0));
        assertThrows(GateException.class, () -> GateOptions.of(0.1, 0.51));
        assertEquals(0.5, GateOptions.of(0.1, 0.5).alpha());
        assertEquals(0.10, GateOptions.parseFraction("threshold", "10%"), 1e-12);
        assertEquals(0.05, GateOptions.parseFraction("threshold", " 5 % "), 1e-12);
        assertEquals(0.10, GateOptions.parseFraction("threshold", "0.10"), 1e-12);
        assertEquals(0.01, GateOptions.parseFraction("alpha", "0.01"), 1e-12);
        assertThrows(GateException.class, () -> GateOptions.parseFraction("threshold", "10"));
        assertThrows(GateException.class, () -> GateOptions.parseFraction("threshold", "ten"));
    }
}
