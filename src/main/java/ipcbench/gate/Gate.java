package ipcbench.gate;

import ipcbench.results.ResultKey;
import ipcbench.stats.HodgesLehmann;
import ipcbench.stats.Holm;
import ipcbench.stats.RankSum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code compare}'s statistics over two {@link RunPool}s (a run or a pool of runs each) measured separately (no I/O, no rendering). The run is the unit:
 * each row has one value per run on each side. A row is tested only when the test can say something: the exact
 * one-sided rank-sum test ({@link RankSum}) of n and m runs cannot give a p below 1 / C(n + m, n), and Holm's
 * correction multiplies the smallest p by the number of rows, so with too few runs per side a row is
 * <b>not tested</b>: its ratio is shown, it never fails, and the pointer is to {@code gate}, which pairs forks in one
 * invocation instead. A tested row is a <b>regression</b> when its Holm-adjusted p (of "current worse") &lt; α and the
 * Hodges–Lehmann ratio current / baseline is worse than the threshold (latency &gt; 1 + t, throughput &lt; 1 − t);
 * an <b>improvement</b> is the mirror image, with its own test and correction; else <b>within noise</b>. Rows on
 * one side only are listed and never fail.
 */
public final class Gate {
    private Gate() {
    }

    /** Fails with "nothing to compare" when no benchmark × metric is on both sides. */
    public static GateResult compare(RunPool baseline, RunPool current, GateOptions options) throws GateException {
        TreeSet<ResultKey> keys = new TreeSet<>(ResultKey.ORDER);
        keys.addAll(baseline.runValues().keySet());
        keys.addAll(current.runValues().keySet());
        List<GateRow> listed = new ArrayList<>();
        for (ResultKey key : keys) {
            Map<Metric, double[]> before = baseline.runValues().getOrDefault(key, Map.of());
            Map<Metric, double[]> after = current.runValues().getOrDefault(key, Map.of());
            for (Metric metric : Metric.values()) {
                double[] b = before.get(metric);
                double[] c = after.get(metric);
                if (b != null || c != null) {
                    listed.add(new GateRow(key, metric, b == null ? null : new Sample(b, Noise.NOT_TESTED),
                            c == null ? null : new Sample(c, Noise.NOT_TESTED), b == null || c == null ? null
                            : HodgesLehmann.of(b, c), Double.NaN, Double.NaN, Noise.NOT_TESTED,
                            b == null ? Outcome.ONLY_IN_CURRENT : c == null ? Outcome.ONLY_IN_BASELINE
                                    : Outcome.NOT_TESTED));
                }
            }
        }
        List<GateRow> both = listed.stream().filter(GateRow::onBothSides).toList();
        if (both.isEmpty()) {
            throw new GateException(baseline.dir() + " and " + current.dir() + " have no mechanism × payload × "
                    + "placement measured on both sides: nothing to compare");
        }
        double smallest = both.stream().mapToDouble(r -> RankSum.smallestP(r.baselineN(), r.currentN())).min()
                .orElse(1);
        List<GateRow> tested = both.stream().filter(r -> Math.max(RankSum.smallestP(r.baselineN(), r.currentN()),
                both.size() * smallest) < options.alpha()).toList();
        double[] worse = Holm.adjust(tested.stream().mapToDouble(r -> p(r, true)).toArray());
        double[] better = Holm.adjust(tested.stream().mapToDouble(r -> p(r, false)).toArray());
        List<GateRow> rows = new ArrayList<>();
        for (GateRow row : listed) {
            int t = tested.indexOf(row);
            rows.add(t < 0 ? row : judged(row, worse[t], better[t], options));
        }
        return new GateResult(rows, warnings(rows, both.size(), options), options);
    }

    /** The exact one-sided p of "current worse" ({@code worse}) or "current better", on the run values. */
    private static double p(GateRow row, boolean worse) {
        double[] b = row.baseline().values();
        double[] c = row.current().values();
        boolean currentLarger = worse == row.metric().lowerIsBetter();
        return currentLarger ? RankSum.pGreater(b, c) : RankSum.pGreater(c, b);
    }

    private static GateRow judged(GateRow row, double pWorse, double pBetter, GateOptions options) {
        double ratio = row.ratioEstimate();
        double t = options.threshold();
        boolean worseBeyond = row.metric().lowerIsBetter() ? ratio > 1 + t : ratio < 1 - t;
        boolean betterBeyond = row.metric().lowerIsBetter() ? ratio < 1 - t : ratio > 1 + t;
        Outcome outcome = pWorse < options.alpha() && worseBeyond ? Outcome.REGRESSION
                : pBetter < options.alpha() && betterBeyond ? Outcome.IMPROVEMENT : Outcome.WITHIN_NOISE;
        return new GateRow(row.key(), row.metric(), new Sample(row.baseline().values(), Noise.RUNS),
                new Sample(row.current().values(), Noise.RUNS), row.ratio(), p(row, true), pWorse, Noise.RUNS,
                outcome);
    }

    private static List<String> warnings(List<GateRow> rows, int onBothSides, GateOptions options) {
        List<String> warnings = new ArrayList<>();
        long notTested = rows.stream().filter(r -> r.outcome() == Outcome.NOT_TESTED).count();
        if (notTested > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d rows are not tested: with n and m runs per side no"
                    + " one-sided p is below 1/C(n+m, n) (1/20 for 3 + 3 runs), and Holm multiplies the smallest by"
                    + " the %d rows, so alpha %s cannot be reached; their ratios are shown, none can fail. Forks of"
                    + " separate runs are not independent and are not pooled: to gate a change, measure both sides"
                    + " in one invocation with ./run-bench.sh gate", notTested, onBothSides, onBothSides,
                    options.alpha()));
        }
        long oneSide = rows.stream().filter(r -> !r.onBothSides()).count();
        if (oneSide > 0) {
            warnings.add(oneSide + " rows were measured on one side only; they are listed, not judged");
        }
        return warnings;
    }
}
