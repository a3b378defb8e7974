package ipcbench.gate;

import ipcbench.stats.HodgesLehmann;
import ipcbench.stats.Holm;
import ipcbench.stats.MannWhitney;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The CI regression gate's statistics, from two {@link Side}s (no I/O, no rendering). For every benchmark ×
 * metric measured on both sides it picks the repeats to compare ({@link #samples}), tests them with the
 * Mann–Whitney U test, adjusts the p-values of all tested rows together with Holm's method, and estimates the change
 * as the Hodges–Lehmann ratio current / baseline with its 95% interval. A row is a <b>regression</b> when both hold:
 * <ol>
 * <li>the change is real: Holm-adjusted p &lt; α, so the chance of any false alarm over the whole comparison is
 *     at most α (given independent repeats);</li>
 * <li>the change matters: the ratio is worse than the threshold t (latency &gt; 1 + t, throughput &lt; 1 − t).</li>
 * </ol>
 * <b>Improvement</b> is the mirror (latency &lt; 1 − t, throughput &gt; 1 + t); anything else on both sides is
 * <b>within noise</b>. A row with fewer than two values on a side is untested ({@link Noise#UNKNOWN}) and the
 * threshold alone decides, with a warning: a gate that passed whenever it lacked repeats would protect nothing.
 * Rows on one side only are listed and never fail.
 */
public final class Gate {
    private Gate() {
    }

    /** Fails with "nothing to compare" when no benchmark × metric is on both sides. */
    public static GateResult compare(Side baseline, Side current, GateOptions options) throws GateException {
        TreeSet<RowKey> keys = new TreeSet<>(RowKey.ORDER);
        keys.addAll(baseline.samples().keySet());
        keys.addAll(current.samples().keySet());
        List<GateRow> tested = new ArrayList<>();
        for (RowKey key : keys) {
            Map<Metric, Repeats> before = baseline.samples().getOrDefault(key, Map.of());
            Map<Metric, Repeats> after = current.samples().getOrDefault(key, Map.of());
            for (Metric metric : Metric.values()) {
                Repeats b = before.get(metric);
                Repeats c = after.get(metric);
                boolean hasB = b != null && !b.isEmpty();
                boolean hasC = c != null && !c.isEmpty();
                if (hasB && hasC) {
                    Sample[] pair = samples(b, c);
                    tested.add(test(key, metric, pair[0], pair[1]));
                } else if (hasB || hasC) {
                    tested.add(test(key, metric, hasB ? b.best() : null, hasC ? c.best() : null));
                }
            }
        }
        if (tested.stream().noneMatch(GateRow::onBothSides)) {
            throw new GateException(baseline.dir() + " and " + current.dir() + " have no mechanism × payload × "
                    + "placement measured on both sides: nothing to compare");
        }
        double[] p = tested.stream().mapToDouble(GateRow::pValue).toArray();
        double[] adjusted = Holm.adjust(p);
        List<GateRow> rows = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            GateRow row = tested.get(i);
            rows.add(new GateRow(row.key(), row.metric(), row.baseline(), row.current(), row.ratio(), row.pValue(),
                    adjusted[i], row.noise(), verdict(row, adjusted[i], options)));
        }
        return new GateResult(rows, warnings(rows, options), options);
    }

    /**
     * Like with like: fork values when both sides have two or more, else iteration values when both have two or more
     * (a fork's value and an iteration's have different spreads), else each side's best level — still
     * {@link Noise#ITERATIONS} if each has two values or more, {@link Noise#UNKNOWN} if not.
     */
    static Sample[] samples(Repeats b, Repeats c) {
        if (b.forks().length >= 2 && c.forks().length >= 2) {
            return new Sample[] {new Sample(b.forks(), Noise.FORKS), new Sample(c.forks(), Noise.FORKS)};
        }
        if (b.iterations().length >= 2 && c.iterations().length >= 2) {
            return new Sample[] {new Sample(b.iterations(), Noise.ITERATIONS),
                    new Sample(c.iterations(), Noise.ITERATIONS)};
        }
        Sample sb = b.best();
        Sample sc = c.best();
        boolean testable = sb.basis() != Noise.UNKNOWN && sc.basis() != Noise.UNKNOWN;
        Noise noise = testable ? Noise.ITERATIONS : Noise.UNKNOWN;
        return new Sample[] {new Sample(sb.values(), noise), new Sample(sc.values(), noise)};
    }

    /** The row's test and estimate, its verdict still open. */
    private static GateRow test(RowKey key, Metric metric, Sample b, Sample c) {
        if (b == null || c == null) {
            Sample present = b == null ? c : b;
            return new GateRow(key, metric, b, c, null, Double.NaN, Double.NaN, present.basis(),
                    b == null ? Outcome.ONLY_IN_CURRENT : Outcome.ONLY_IN_BASELINE);
        }
        Noise noise = b.basis();
        if (noise == Noise.UNKNOWN) {
            HodgesLehmann point = HodgesLehmann.of(b.values(), c.values());
            return new GateRow(key, metric, b, c, new HodgesLehmann(point.ratio(), Double.NaN, Double.NaN, 0),
                    Double.NaN, Double.NaN, noise, Outcome.WITHIN_NOISE);
        }
        MannWhitney.Result u = MannWhitney.test(b.values(), c.values());
        return new GateRow(key, metric, b, c, HodgesLehmann.of(b.values(), c.values()), u.pValue(), Double.NaN,
                noise, Outcome.WITHIN_NOISE);
    }

    private static Outcome verdict(GateRow row, double pAdjusted, GateOptions options) {
        if (!row.onBothSides()) {
            return row.outcome();
        }
        boolean real = row.noise() == Noise.UNKNOWN || pAdjusted < options.alpha();
        double ratio = row.ratioEstimate();
        double t = options.threshold();
        boolean up = ratio > 1 + t;
        boolean down = ratio < 1 - t;
        if (real && (up || down)) {
            return up == row.metric().lowerIsBetter() ? Outcome.REGRESSION : Outcome.IMPROVEMENT;
        }
        return Outcome.WITHIN_NOISE;
    }

    private static List<String> warnings(List<GateRow> rows, GateOptions options) {
        List<String> warnings = new ArrayList<>();
        List<GateRow> both = rows.stream().filter(GateRow::onBothSides).toList();
        long iterations = both.stream().filter(r -> r.noise() == Noise.ITERATIONS).count();
        long unknown = both.stream().filter(r -> r.noise() == Noise.UNKNOWN).count();
        if (iterations > 0) {
            warnings.add(iterations + " rows are tested on iterations within forks (a side has fewer than two fork "
                    + "values): within-fork repeats understate run-to-run noise, so their p-values are too small; "
                    + "measure two or more forks (--profile ci) or pool several runs per side");
        }
        if (unknown > 0) {
            warnings.add(unknown + " rows have fewer than two values on a side (noise unknown): they are judged on "
                    + "the threshold alone; measure two or more forks or iterations");
        }
        List<GateRow> tested = both.stream().filter(r -> r.noise() != Noise.UNKNOWN).toList();
        // Holm multiplies the smallest p by the number of tested rows and never lowers a later one below it.
        double floor = tested.size() * tested.stream().mapToDouble(r -> smallestP(r.baselineN(), r.currentN()))
                .min().orElse(1);
        long powerless = tested.stream().filter(r -> Math.max(floor, smallestP(r.baselineN(), r.currentN()))
                >= options.alpha()).count();
        if (powerless > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d tested rows have too few values to reach alpha %s "
                    + "after Holm's adjustment over %d rows (with n and m values on the two sides no two-sided p is "
                    + "much below 2/C(n+m, n)): they cannot be flagged; measure more forks or pool more runs per side",
                    powerless, tested.size(), options.alpha(), tested.size()));
        }
        long oneSide = rows.size() - both.size();
        if (oneSide > 0) {
            warnings.add(oneSide + " rows were measured on one side only; they are listed, not judged");
        }
        return warnings;
    }

    /** 2 / C(n+m, n): the two-sided p of complete separation, the smallest the exact U test can give. */
    static double smallestP(int n, int m) {
        double inverse = 1;
        for (int i = 1; i <= Math.min(n, m); i++) {
            inverse = inverse * i / (Math.max(n, m) + i);
        }
        return Math.min(1, 2 * inverse);
    }
}
