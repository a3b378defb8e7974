package ipcbench.stats;

import java.util.Arrays;

/**
 * The Hodges–Lehmann estimate of how many times larger the current values are than the baseline values:
 * exp(median of all m·n pairwise differences log(current) − log(baseline)), with the distribution-free interval
 * [d(k), d(mn+1−k)] of those sorted differences, k taken at the Mann–Whitney critical value so that the interval
 * covers the true ratio with the level asked for (Moses' interval). It assumes only independent repeats and that a
 * change scales the distribution (a shift on the log scale); it ignores outliers as the median does, and it is the
 * estimate that goes with the U test: the interval excludes 1 about when the test rejects at the same level.
 *
 * @param ratio estimated current / baseline
 * @param low   lower end of the interval of the ratio
 * @param high  upper end
 * @param level the interval's actual coverage: the level asked for, or less when the samples are too small to reach
 *              it (then the interval is the widest there is, [min, max] of the ratios)
 */
public record HodgesLehmann(double ratio, double low, double high, double level) {
    public static final double LEVEL_95 = 0.95;

    /** At 95%; values must be positive (NaN values are dropped), one or more on each side. */
    public static HodgesLehmann of(double[] baseline, double[] current) {
        return of(baseline, current, LEVEL_95);
    }

    public static HodgesLehmann of(double[] baseline, double[] current, double level) {
        double[] x = logs(MannWhitney.finite(baseline));
        double[] y = logs(MannWhitney.finite(current));
        double[] differences = new double[x.length * y.length];
        int i = 0;
        for (double xi : x) {
            for (double yj : y) {
                differences[i++] = yj - xi;
            }
        }
        Arrays.sort(differences);
        int total = differences.length;
        double median = total % 2 == 1 ? differences[total / 2]
                : (differences[total / 2 - 1] + differences[total / 2]) / 2;
        // P(true ratio below d(k)) = P(U <= k - 1): grow k while that tail stays within (1 - level) / 2.
        MannWhitney.NullDistribution nul = MannWhitney.NullDistribution.of(x, y);
        double tail = (1 - level) / 2;
        int k = 1;
        while (k < (total + 1) / 2 && nul.cdf(k) <= tail) {
            k++;
        }
        double actual = Math.max(0, 1 - 2 * nul.cdf(k - 1));
        return new HodgesLehmann(Math.exp(median), Math.exp(differences[k - 1]), Math.exp(differences[total - k]),
                actual);
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("a ratio needs positive finite values, got " + values[i]);
            }
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
