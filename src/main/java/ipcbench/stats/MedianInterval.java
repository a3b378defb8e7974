package ipcbench.stats;

import java.util.Arrays;

/**
 * A distribution-free confidence interval for the median of independent repeats (forks, or iterations of one fork):
 * the order statistics {@code x(k)} and {@code x(n+1-k)} of the sorted values, with the largest {@code k} whose
 * coverage {@code 1 - 2 P(Binomial(n, 1/2) < k)} still reaches the level asked for. It assumes only that the
 * repeats are independent draws from one distribution. Below six values no pair reaches 95%: the interval is then
 * [min, max] and {@link #level} says the coverage it really has ({@code 1 - 2^(1-n)}: 94% for 5, 75% for 3, 0 for
 * one value).
 *
 * @param low   the lower order statistic
 * @param high  the upper order statistic
 * @param level the interval's actual coverage, at least the level asked for when {@code n} allows it
 * @param n     how many values it was computed from
 */
public record MedianInterval(double low, double high, double level, int n) {
    public static final double LEVEL_95 = 0.95;

    /** The interval at 95%, or the widest there is when there are too few values; NaN values are ignored. */
    public static MedianInterval of(double[] values) {
        return of(values, LEVEL_95);
    }

    public static MedianInterval of(double[] values, double level) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return new MedianInterval(Double.NaN, Double.NaN, 0, 0);
        }
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && coverage(n, k + 1) >= level) {
            k++;
        }
        return new MedianInterval(sorted[k - 1], sorted[n - k], coverage(n, k), n);
    }

    /** The sample median of {@code values} (the mean of the middle two for an even count); NaN when there are none. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Whether the two intervals share any value: then neither median is shown to be the smaller. */
    public boolean overlaps(MedianInterval other) {
        return !(high < other.low || other.high < low);
    }

    /** {@code 1 - 2 P(Binomial(n, 1/2) <= k - 1)}: the chance that [x(k), x(n+1-k)] holds the median. */
    static double coverage(int n, int k) {
        double tail = 0;
        double term = Math.pow(0.5, n);
        for (int i = 0; i < k; i++) {
            tail += term;
            term = term * (n - i) / (i + 1);
        }
        return Math.max(0, 1 - 2 * tail);
    }
}
