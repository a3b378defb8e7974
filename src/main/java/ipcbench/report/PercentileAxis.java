package ipcbench.report;

import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's percentile-distribution axis: percentile p is drawn at x = 1/(1 − p), on a log scale, so each
 * decade is one more nine: 1 → 0%, 10 → 90%, 100 → 99%, 1000 → 99.9%. The tail, where latency outliers live, gets as
 * much room as the median.
 */
final class PercentileAxis {
    /** Points per decade of the axis. */
    private static final int STEPS_PER_DECADE = 10;

    private PercentileAxis() {
    }

    /** A curve: {@code x[i]} on the 1/(1 − p) axis, {@code micros[i]} the round trip at that percentile. */
    record Curve(double[] x, double[] micros) {
    }

    /**
     * The distribution of {@code nanos} up to the percentile its sample count still resolves (1/(1 − p) at most the
     * count: beyond that every point would be the maximum).
     */
    static Curve curve(Histogram nanos) {
        long count = Math.max(1, nanos.getTotalCount());
        int points = (int) Math.floor(Math.log10(count) * STEPS_PER_DECADE) + 1;
        double[] x = new double[points];
        double[] micros = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = Math.pow(10, (double) i / STEPS_PER_DECADE);
            double percentile = 100.0 * (1.0 - 1.0 / x[i]);
            micros[i] = Math.max(1, nanos.getValueAtPercentile(percentile)) / Numbers.NS_PER_US;
        }
        return new Curve(x, micros);
    }

    /** The label of a tick at {@code x}: 0%, 90%, 99%, 99.9%, 99.99%... (ticks are at decades). */
    static String label(double x) {
        int nines = (int) Math.round(Math.log10(x));
        if (nines <= 0) {
            return "0%";
        }
        if (nines == 1) {
            return "90%";
        }
        return "99" + (nines == 2 ? "" : "." + "9".repeat(nines - 2)) + "%";
    }
}
