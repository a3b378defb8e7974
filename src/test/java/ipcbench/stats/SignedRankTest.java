package ipcbench.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignedRankTest {
    @Test
    void tenPositiveDifferencesGiveOneIn1024() {
        double[] d = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        assertEquals(1.0 / 1024, SignedRank.of(d).pGreater(), 1e-15);
        assertEquals(1.0, SignedRank.of(d).pLess(), 1e-15);
        assertEquals(1.0 / 1024, SignedRank.smallestP(10), 1e-15);
    }

    @Test
    void handCases() {
        // ranks 1, 2, 3; T+ = 4; the eight sign patterns give T+ 0,1,2,3,3,4,5,6: three are >= 4
        assertEquals(3.0 / 8, SignedRank.of(new double[] {1, -2, 3}).pGreater(), 1e-15);
        // three tied |d| share rank 2; T+ = 4; patterns give 0,2,2,2,4,4,4,6: four are >= 4
        assertEquals(4.0 / 8, SignedRank.of(new double[] {1, 1, -1}).pGreater(), 1e-15);
        // Pratt: the zero takes rank 1 unsigned; T+ = 2 + 3 = 5 of {0, 2, 3, 5}
        SignedRank withZero = SignedRank.of(new double[] {0, 1, 2});
        assertEquals(2, withZero.nonzero());
        assertEquals(1.0 / 4, withZero.pGreater(), 1e-15);
        assertEquals(1.0, SignedRank.of(new double[] {0, 0, 0}).pGreater(), 1e-15);
        assertEquals(1.0 / 8, SignedRank.of(new double[] {-1, -2, -3}).pLess(), 1e-15);
    }

    @Test
    void equalRatiosOfDifferentIntegersAreTied() {
        double a = Math.log(290.0 / 300.0);
        double b = Math.log(580.0 / 600.0);
        SignedRank rank = SignedRank.of(new double[] {a, -b});
        // tied: both rank 1.5, so T+ = 1.5 of {0, 1.5, 1.5, 3}: P(T+ >= 1.5) = 3/4 (untied it would be 1/2 or 3/4)
        assertEquals(3.0 / 4, SignedRank.of(new double[] {-a, b}).pGreater(), 1e-15);
        assertEquals(3, rank.doubledTPlus(), "T+ = 1.5, doubled");
    }

    @Test
    void theDynamicProgramAgreesWithEveryOneOfTheSignFlips() {
        SplittableRandom random = new SplittableRandom(20261204);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(12);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = random.nextInt(7) - 3; // small integers: many ties and zeros
            }
            assertEquals(bruteForce(d), SignedRank.of(d).pGreater(), 1e-12, java.util.Arrays.toString(d));
        }
    }

    /** Midranks of |d| by counting, zeros ranked and unsigned, then every sign pattern of the nonzero ones. */
    private static double bruteForce(double[] d) {
        int n = d.length;
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            int less = 0;
            int equal = 0;
            for (double other : d) {
                less += Math.abs(other) < Math.abs(d[i]) ? 1 : 0;
                equal += Math.abs(other) == Math.abs(d[i]) ? 1 : 0;
            }
            rank[i] = less + (equal + 1) / 2.0;
        }
        double observed = 0;
        java.util.List<Double> signed = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (d[i] != 0) {
                signed.add(rank[i]);
                observed += d[i] > 0 ? rank[i] : 0;
            }
        }
        int m = signed.size();
        int atLeast = 0;
        for (int pattern = 0; pattern < 1 << m; pattern++) {
            double t = 0;
            for (int j = 0; j < m; j++) {
                t += (pattern >> j & 1) == 1 ? signed.get(j) : 0;
            }
            atLeast += t >= observed - 1e-9 ? 1 : 0;
        }
        return (double) atLeast / (1 << m);
    }
}
