package ipcbench.results;

import ipcbench.stats.MedianInterval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Whether a benchmark reached its steady state, judged from its measurement iterations (latency: each iteration's
 * p50; throughput: each iteration's bytes/s), fork by fork, by three rules:
 * <ul>
 *   <li><b>trend</b>: in some fork with at least {@value #TREND_MIN_ITERATIONS} iterations the values move
 *   strictly one way from each iteration to the next and the last differs from the first by more than
 *   {@value #TREND_LIMIT} (as a fraction) — still warming up, or degrading;</li>
 *   <li><b>spread</b>: in some fork the largest iteration value exceeds {@value #SPREAD_LIMIT} × the smallest;</li>
 *   <li><b>two modes</b> (instead of spread): the iteration values of all forks, sorted, fall into two groups of at
 *   least two with a gap of more than {@value #MODE_GAP} × between them — a bimodal row, whose one median would
 *   describe neither; the note gives each group's median;</li>
 *   <li><b>mean</b> (latency only): JMH's own mean time per operation differs from the histogram's mean by more
 *   than {@value #MEAN_LIMIT} (as a fraction) — both as the unweighted mean over iterations, as JMH aggregates; the
 *   two time the same round trips, so a gap means the histogram misses part of what JMH timed.</li>
 * </ul>
 */
public final class SteadyState {
    static final int TREND_MIN_ITERATIONS = 3;
    static final double TREND_LIMIT = 0.10;
    static final double SPREAD_LIMIT = 1.5;
    static final double MEAN_LIMIT = 0.02;
    static final double MODE_GAP = 2.0;
    /** A latency note's values: iteration p50s in ns, written in µs. */
    public static final DoubleFunction<String> MICROS = ns -> String.format(Locale.ROOT, "%.3g µs", ns / 1000);
    /** A throughput note's values: bytes/s, written in MB/s. */
    public static final DoubleFunction<String> MEGABYTES_PER_S = bytes -> String.format(Locale.ROOT, "%.4g MB/s",
            bytes / 1e6);

    /** @param note empty when stable, else the flags joined by "; " (never a comma: it is a CSV cell) */
    public record Verdict(boolean stable, String note) {
    }

    private SteadyState() {
    }

    /**
     * @param iterationsByFork each fork's measurement-iteration values, in iteration order
     * @param jmhMeanNs        JMH's mean per operation in ns, NaN to skip the mean rule (throughput)
     * @param histogramMeanNs  the histogram's mean in ns over the same iterations, NaN to skip the mean rule
     */
    public static Verdict check(List<double[]> iterationsByFork, double jmhMeanNs, double histogramMeanNs) {
        return check(iterationsByFork, jmhMeanNs, histogramMeanNs, value -> String.format(Locale.ROOT, "%.4g", value));
    }

    /** As {@link #check(List, double, double)}, writing the values a note names with {@code valueText}. */
    public static Verdict check(List<double[]> iterationsByFork, double jmhMeanNs, double histogramMeanNs,
                                DoubleFunction<String> valueText) {
        List<String> flags = new ArrayList<>();
        String trend = null;
        double worstTrend = 0;
        String spread = null;
        double worstSpread = 0;
        for (int f = 0; f < iterationsByFork.size(); f++) {
            double[] values = iterationsByFork.get(f);
            String fork = iterationsByFork.size() > 1 ? " in fork " + (f + 1) : "";
            double change = monotoneChange(values);
            if (Math.abs(change) > TREND_LIMIT && Math.abs(change) > worstTrend) {
                worstTrend = Math.abs(change);
                trend = String.format(Locale.ROOT, "trend %+.0f%% over %d iterations%s", change * 100, values.length,
                        fork);
            }
            double ratio = maxOverMin(values);
            if (ratio > SPREAD_LIMIT && ratio > worstSpread) {
                worstSpread = ratio;
                spread = String.format(Locale.ROOT, "spread max/min %.2fx over %d iterations%s", ratio, values.length,
                        fork);
            }
        }
        if (trend != null) {
            flags.add(trend);
        }
        String modes = twoModes(iterationsByFork, valueText);
        if (modes != null) {
            flags.add(modes);
        } else if (spread != null) {
            flags.add(spread);
        }
        if (!Double.isNaN(jmhMeanNs) && !Double.isNaN(histogramMeanNs) && histogramMeanNs > 0) {
            double gap = jmhMeanNs / histogramMeanNs - 1;
            if (Math.abs(gap) > MEAN_LIMIT) {
                flags.add(String.format(Locale.ROOT, "JMH mean %.3f µs vs histogram mean %.3f µs (%+.1f%%)",
                        jmhMeanNs / 1000, histogramMeanNs / 1000, gap * 100));
            }
        }
        return new Verdict(flags.isEmpty(), String.join("; ", flags));
    }

    /** The two-modes note ({@link SteadyState}), or null when the values do not split into two groups. */
    static String twoModes(List<double[]> iterationsByFork, DoubleFunction<String> valueText) {
        double[] values = iterationsByFork.stream().flatMapToDouble(Arrays::stream).filter(v -> v > 0)
                .sorted().toArray();
        int split = -1;
        double widest = MODE_GAP;
        for (int i = 2; i <= values.length - 2; i++) {
            double gap = values[i] / values[i - 1];
            if (gap > widest) {
                widest = gap;
                split = i;
            }
        }
        if (split < 0) {
            return null;
        }
        double[] lower = Arrays.copyOfRange(values, 0, split);
        double[] upper = Arrays.copyOfRange(values, split, values.length);
        return String.format(Locale.ROOT, "two modes: %s (%d iterations) and %s (%d iterations)",
                valueText.apply(MedianInterval.median(lower)), lower.length,
                valueText.apply(MedianInterval.median(upper)), upper.length);
    }

    /** last/first − 1 when the values move strictly one way over enough iterations, else 0. */
    static double monotoneChange(double[] values) {
        if (values.length < TREND_MIN_ITERATIONS || !(values[0] > 0)) {
            return 0;
        }
        int direction = Double.compare(values[1], values[0]);
        if (direction == 0) {
            return 0;
        }
        for (int i = 2; i < values.length; i++) {
            if (Double.compare(values[i], values[i - 1]) != direction) {
                return 0;
            }
        }
        return values[values.length - 1] / values[0] - 1;
    }

    /** The largest value over the smallest; 1 when there are fewer than two positive values. */
    static double maxOverMin(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double value : values) {
            if (value > 0) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return max > 0 && min < max ? max / min : 1;
    }
}
