package ipcbench.stats;

import java.util.Arrays;

/**
 * The Mann–Whitney U test of two independent samples (baseline x, current y): U counts the pairs in which the current
 * value is the larger (a tie counts one half), and the two-sided p-value is the chance, if both samples came from one
 * distribution, of a U at least as far from its centre {@code mn/2}. Only ranks enter, so the test assumes no
 * distribution shape, only independent repeats; that is what makes it defensible for skewed, outlier-prone timings.
 * When both samples are small ({@value #EXACT_MAX_SIZE} or fewer values each) and hold no ties, the null distribution
 * is counted exactly (every split of the ranks is equally likely); otherwise it is the normal approximation with the
 * tie correction of the variance and a continuity correction of one half.
 */
public final class MannWhitney {
    /** Largest sample on either side for which the null distribution is counted exactly. */
    public static final int EXACT_MAX_SIZE = 30;

    private MannWhitney() {
    }

    /**
     * @param u      pairs (baseline x, current y) with y &gt; x, ties counted one half; between 0 and {@code m n}
     * @param m      baseline values
     * @param n      current values
     * @param pValue two-sided, in (0, 1]
     * @param exact  whether the null distribution was counted (else the normal approximation)
     */
    public record Result(double u, int m, int n, double pValue, boolean exact) {
    }

    /** The test of {@code baseline} against {@code current}; NaN values are dropped; each needs one value or more. */
    public static Result test(double[] baseline, double[] current) {
        double[] x = finite(baseline);
        double[] y = finite(current);
        NullDistribution nul = NullDistribution.of(x, y);
        double u = u(x, y);
        double centre = x.length * (double) y.length / 2;
        // Symmetric null: the two tails are equal, so twice the tail beyond the observed distance from the centre.
        double lowerTailAt = centre - Math.abs(u - centre);
        double p = Math.min(1, 2 * nul.cdf(lowerTailAt));
        return new Result(u, x.length, y.length, p, nul.exact());
    }

    /** Pairs with y &gt; x plus one half per tie. */
    static double u(double[] x, double[] y) {
        double u = 0;
        for (double xi : x) {
            for (double yj : y) {
                u += yj > xi ? 1 : yj == xi ? 0.5 : 0;
            }
        }
        return u;
    }

    static double[] finite(double[] values) {
        double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException("a sample needs one value or more");
        }
        return kept;
    }

    /** {@code P(U <= c)} if both samples came from one distribution: counted exactly, or normal. */
    static final class NullDistribution {
        private final boolean exact;
        private final double[] cumulative;
        private final double centre;
        private final double sd;

        private NullDistribution(boolean exact, double[] cumulative, double centre, double sd) {
            this.exact = exact;
            this.cumulative = cumulative;
            this.centre = centre;
            this.sd = sd;
        }

        static NullDistribution of(double[] x, double[] y) {
            int m = x.length;
            int n = y.length;
            double[] all = new double[m + n];
            System.arraycopy(x, 0, all, 0, m);
            System.arraycopy(y, 0, all, m, n);
            Arrays.sort(all);
            double tieSum = 0;
            for (int i = 0; i < all.length; ) {
                int j = i;
                while (j < all.length && all[j] == all[i]) {
                    j++;
                }
                double t = j - i;
                tieSum += t * t * t - t;
                i = j;
            }
            double centre = m * (double) n / 2;
            if (tieSum == 0 && m <= EXACT_MAX_SIZE && n <= EXACT_MAX_SIZE) {
                return new NullDistribution(true, exactCumulative(m, n), centre, Double.NaN);
            }
            int total = m + n;
            double variance = m * (double) n / 12 * ((total + 1) - tieSum / ((double) total * (total - 1)));
            return new NullDistribution(false, null, centre, Math.sqrt(Math.max(0, variance)));
        }

        boolean exact() {
            return exact;
        }

        double cdf(double c) {
            if (exact) {
                int k = (int) Math.floor(c + 1e-9);
                return k < 0 ? 0 : cumulative[Math.min(k, cumulative.length - 1)];
            }
            if (sd == 0) {
                return c >= centre ? 1 : 0;
            }
            return Normal.cdf((c + 0.5 - centre) / sd);
        }

        /**
         * {@code P(U <= u)} for u = 0..mn, counted: the number of rank splits with U = u is the coefficient of q^u in
         * the Gaussian binomial [m+n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).
         */
        static double[] exactCumulative(int m, int n) {
            int max = m * n;
            long[] count = new long[max + 1];
            count[0] = 1;
            for (int i = 1; i <= m; i++) {
                for (int u = max; u >= n + i; u--) {
                    count[u] -= count[u - n - i];
                }
                for (int u = i; u <= max; u++) {
                    count[u] += count[u - i];
                }
            }
            double total = 0;
            for (long c : count) {
                total += c;
            }
            double[] cumulative = new double[max + 1];
            double sum = 0;
            for (int u = 0; u <= max; u++) {
                sum += count[u];
                cumulative[u] = Math.min(1, sum / total);
            }
            return cumulative;
        }
    }
}
