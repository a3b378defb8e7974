package ipcbench.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MannWhitneyTest {
    /** R's wilcox.test example (Hollander & Wolfe): W = 35, two-sided exact p = 0.2544 (one-sided 0.1272). */
    @Test
    void textbookExampleExact() {
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        MannWhitney.Result result = MannWhitney.test(y, x);
        assertEquals(35, result.u());
        assertTrue(result.exact());
        assertEquals(0.2544122544122544, result.pValue(), 1e-12);
        assertEquals(result.pValue(), MannWhitney.test(x, y).pValue(), 1e-12, "two-sided: symmetric in the sides");
    }

    /** The same data with ties, normal approximation with tie and continuity correction (scipy: 0.129865). */
    @Test
    void tiesUseTheCorrectedNormalApproximation() {
        MannWhitney.Result result = MannWhitney.test(new double[] {1, 2, 2, 3, 5, 7},
                new double[] {2, 3, 4, 5, 8, 9, 9});
        assertFalse(result.exact());
        assertEquals(32, result.u());
        assertEquals(0.12986499204150967, result.pValue(), 1e-6);
    }

    @Test
    void completeSeparationHasTheSmallestExactP() {
        double[] low = {1, 2, 3, 4, 5, 6, 7};
        double[] high = {11, 12, 13, 14, 15, 16, 17};
        assertEquals(2.0 / 3432, MannWhitney.test(low, high).pValue(), 1e-15);
        assertEquals(2.0 / 20, MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6}).pValue(), 1e-15);
        assertEquals(1.0, MannWhitney.test(low, low.clone()).pValue(), 1e-12, "identical samples");
    }

    /** Published critical values of U, two-sided α = 0.05: n = m = 7: 8; n = m = 10: 23; 5 and 8: 6. */
    @Test
    void criticalValuesMatchTheTables() {
        assertCritical(7, 7, 8);
        assertCritical(10, 10, 23);
        assertCritical(5, 8, 6);
    }

    private static void assertCritical(int m, int n, int critical) {
        double[] cumulative = MannWhitney.NullDistribution.exactCumulative(m, n);
        assertTrue(2 * cumulative[critical] <= 0.05, m + "," + n + ": " + 2 * cumulative[critical]);
        assertTrue(2 * cumulative[critical + 1] > 0.05, m + "," + n + ": " + 2 * cumulative[critical + 1]);
    }

    @Test
    void exactDistributionSumsToOneAndIsSymmetric() {
        double[] cumulative = MannWhitney.NullDistribution.exactCumulative(30, 30);
        assertEquals(1.0, cumulative[900], 1e-12);
        for (int u = 0; u < 450; u++) {
            double below = cumulative[u];
            double above = 1 - cumulative[899 - u];
            assertEquals(below, above, 1e-12, "u " + u);
        }
    }

    @Test
    void exactAndNormalAgreeRoughlyForMidSizes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = new double[12];
            double[] y = new double[15];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            double shift = random.nextDouble();
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextGaussian() + shift;
            }
            double exact = MannWhitney.test(x, y).pValue();
            MannWhitney.NullDistribution normal = normal(x, y);
            double u = MannWhitney.u(x, y);
            double centre = x.length * y.length / 2.0;
            double approximate = Math.min(1, 2 * normal.cdf(centre - Math.abs(u - centre)));
            assertEquals(exact, approximate, 0.01 + 0.1 * exact, "trial " + trial);
        }
    }

    /** The normal approximation for the same sizes, forced by a tie far from the data that changes no rank pair. */
    private static MannWhitney.NullDistribution normal(double[] x, double[] y) {
        double[] xx = java.util.Arrays.copyOf(x, x.length);
        double[] yy = java.util.Arrays.copyOf(y, y.length);
        xx[0] = 1e9;
        yy[0] = 1e9;
        MannWhitney.NullDistribution normal = MannWhitney.NullDistribution.of(xx, yy);
        assertFalse(normal.exact());
        return normal;
    }

    @Test
    void normalTailsAreAccurate() {
        assertEquals(0.5, Normal.cdf(0), 1e-7);
        assertEquals(0.9750021048517795, Normal.cdf(1.96), 1e-7);
        assertEquals(1.3498980316301e-3, Normal.cdf(-3), 1e-9);
        assertEquals(2.866515718791939e-7, Normal.cdf(-5), 1e-12);
    }
}
