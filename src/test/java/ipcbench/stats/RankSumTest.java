package ipcbench.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankSumTest {
    @Test
    void completeSeparationGivesOneOverTheSplits() {
        assertEquals(1.0 / 20, RankSum.pGreater(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 1e-15);
        assertEquals(1.0 / 20, RankSum.smallestP(3, 3), 1e-15);
        assertEquals(1.0, RankSum.pGreater(new double[] {4, 5, 6}, new double[] {1, 2, 3}), 1e-15);
        assertEquals(1.0 / 3432, RankSum.smallestP(7, 7), 1e-15);
    }

    @Test
    void agreesWithEverySplitCountedWithTies() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(6);
            int m = 1 + random.nextInt(6);
            double[] x = new double[n];
            double[] y = new double[m];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(4);
            }
            for (int i = 0; i < m; i++) {
                y[i] = random.nextInt(4);
            }
            assertEquals(bruteForce(x, y), RankSum.pGreater(x, y), 1e-12);
        }
    }

    /** Every subset of m of the pooled values as the second group, midranks by counting. */
    private static double bruteForce(double[] x, double[] y) {
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        double[] rank = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            int less = 0;
            int equal = 0;
            for (double v : all) {
                less += v < all[i] ? 1 : 0;
                equal += v == all[i] ? 1 : 0;
            }
            rank[i] = less + (equal + 1) / 2.0;
        }
        double observed = 0;
        for (int i = x.length; i < all.length; i++) {
            observed += rank[i];
        }
        int splits = 0;
        int atLeast = 0;
        for (int mask = 0; mask < 1 << all.length; mask++) {
            if (Integer.bitCount(mask) != y.length) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < all.length; i++) {
                sum += (mask >> i & 1) == 1 ? rank[i] : 0;
            }
            splits++;
            atLeast += sum >= observed - 1e-9 ? 1 : 0;
        }
        return (double) atLeast / splits;
    }
}
