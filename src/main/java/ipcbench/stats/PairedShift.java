package ipcbench.stats;

import java.util.Arrays;

/**
 * The Hodges–Lehmann estimate of the typical paired difference: the median of the n(n+1)/2 Walsh averages
 * (d_i + d_j) / 2, i ≤ j, with the distribution-free interval [W(k), W(M+1−k)] of the sorted averages, k one above
 * the signed-rank critical value, so that the interval covers the true centre of symmetry with at least the level
 * asked for whatever the distribution of the differences (exactly so without ties; ties make it approximate). It goes
 * with {@link SignedRank}: the interval excludes 0 about when the test rejects at the same level.
 *
 * @param shift the estimate
 * @param level the interval's actual coverage, from the exact null distribution: the level asked for or a little
 *              more; less when n is too small to reach it (then the interval is [min, max] of the averages)
 */
public record PairedShift(double shift, double low, double high, double level) {
    public static PairedShift of(double[] differences, double level) {
        int n = differences.length;
        if (n == 0) {
            throw new IllegalArgumentException("no differences");
        }
        double[] walsh = new double[n * (n + 1) / 2];
        int w = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[w++] = (differences[i] + differences[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        int m = walsh.length;
        double median = m % 2 == 1 ? walsh[m / 2] : (walsh[m / 2 - 1] + walsh[m / 2]) / 2;
        double[] cdf = tPlusCdf(n);
        double tail = (1 - level) / 2;
        int k = 1;
        while (k < (m + 1) / 2 && cdf[k] <= tail) {
            k++;
        }
        double actual = Math.max(0, 1 - 2 * cdf[k - 1]);
        return new PairedShift(median, walsh[k - 1], walsh[m - k], actual);
    }

    /** P(T+ ≤ t) for ranks 1..n without ties, t = 0 .. n(n+1)/2. */
    private static double[] tPlusCdf(int n) {
        int total = n * (n + 1) / 2;
        double[] p = new double[total + 1];
        p[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int s = total; s >= 0; s--) {
                p[s] = 0.5 * p[s] + (s >= rank ? 0.5 * p[s - rank] : 0);
            }
        }
        for (int s = 1; s <= total; s++) {
            p[s] += p[s - 1];
        }
        return p;
    }
}
