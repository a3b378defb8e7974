package ipcbench.gate;

import ipcbench.results.ResultKey;
import ipcbench.stats.Holm;
import ipcbench.stats.PairedShift;
import ipcbench.stats.SignedRank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paired gate's verdict from pairs alone (no I/O). For each row (benchmark × metric) and pair k,
 * d_k = log(head / base) for latency and log(base / head) for throughput, so a positive d is always worse.
 * <ol>
 * <li>The exact one-sided signed-rank test ({@link SignedRank}) gives p, the chance of d this positive under "no
 *     change". The randomized order of each pair makes its two forks exchangeable under "no change" whatever the
 *     machine's drift, so the test's level holds without assuming independent forks or any distribution.</li>
 * <li>Holm's correction over the gated rows (p50 and throughput; p99 too with --gate-p99) keeps the chance of any
 *     false alarm in a gate at most α.</li>
 * <li>The change is the Hodges–Lehmann ratio head / base with its distribution-free 95% interval
 *     ({@link PairedShift}).</li>
 * </ol>
 * A row is a <b>regression</b> when its adjusted p &lt; α and it is worse by more than a factor 1 + min-effect
 * (latency ratio &gt; 1 + e, throughput ratio &lt; 1 / (1 + e): symmetric on the log scale, as the test is). An
 * <b>improvement</b> is the mirror image, tested the other way round with its own Holm correction; it never fails a
 * gate. A row whose pairs cannot give a p small enough to pass Holm's first step (2^−n with n nonzero differences,
 * times the number of gated rows, ≥ α) is <b>inconclusive</b>, listed and never failing.
 */
public final class PairedGate {
    private static final double INTERVAL_LEVEL = 0.95;

    private PairedGate() {
    }

    public static PairedVerdict judge(List<PairRow> pairs, PairedOptions options) {
        Map<ResultKey, Map<Metric, List<PairRow>>> grouped = new TreeMap<>(ResultKey.ORDER);
        for (PairRow pair : pairs) {
            grouped.computeIfAbsent(pair.key(), k -> new java.util.EnumMap<>(Metric.class))
                    .computeIfAbsent(pair.metric(), m -> new ArrayList<>()).add(pair);
        }
        List<Tested> tested = new ArrayList<>();
        grouped.forEach((key, metrics) -> metrics.forEach((metric, rowPairs) -> tested.add(test(key, metric,
                rowPairs))));
        List<Tested> gated = tested.stream().filter(t -> options.gates(t.key, t.metric)).toList();
        double[] worse = Holm.adjust(gated.stream().mapToDouble(t -> t.pWorse).toArray());
        double[] better = Holm.adjust(gated.stream().mapToDouble(t -> t.pBetter).toArray());
        double smallestGated = gated.stream().mapToDouble(t -> SignedRank.smallestP(t.nonzero)).min().orElse(1);
        List<PairedRow> rows = new ArrayList<>();
        for (Tested t : tested) {
            int g = gated.indexOf(t);
            if (g < 0) {
                rows.add(t.row(Double.NaN, PairedOutcome.REPORT_ONLY, options.reportOnly().contains(t.key.mechanism())
                        ? t.key.mechanism() + " is shown, not gated (--report-only: too noisy here to gate)"
                        : t.metric.id() + " is shown, not gated (--gate-p99 gates it)"));
            } else {
                rows.add(verdict(t, worse[g], better[g], gated.size(), smallestGated, options));
            }
        }
        return new PairedVerdict(rows, options);
    }

    private static PairedRow verdict(Tested t, double pWorse, double pBetter, int gatedRows, double smallestGated,
                                     PairedOptions options) {
        double bestAdjusted = Math.max(SignedRank.smallestP(t.nonzero), gatedRows * smallestGated);
        if (bestAdjusted >= options.alpha()) {
            return t.row(pWorse, PairedOutcome.INCONCLUSIVE, String.format(Locale.ROOT, "%d pairs (%d not tied):"
                    + " the smallest p they can give after Holm over %d gated rows is %.3g, not below alpha %s;"
                    + " measure more pairs", t.ratios.size(), t.nonzero, gatedRows, bestAdjusted, options.alpha()));
        }
        double worseBy = t.metric.lowerIsBetter() ? t.ratio : 1 / t.ratio;
        double bar = 1 + options.minEffect();
        if (pWorse < options.alpha() && worseBy > bar) {
            return t.row(pWorse, PairedOutcome.REGRESSION, String.format(Locale.ROOT, "%s worse, beyond the minimum"
                    + " effect %s", percent(worseBy - 1), percent(options.minEffect())));
        }
        if (pBetter < options.alpha() && 1 / worseBy > bar) {
            return t.row(pWorse, PairedOutcome.IMPROVEMENT, String.format(Locale.ROOT, "%s better (adjusted p of"
                    + " the other direction %.3g)", percent(1 / worseBy - 1), pBetter));
        }
        if (pWorse < options.alpha()) {
            return t.row(pWorse, PairedOutcome.NO_CHANGE, String.format(Locale.ROOT, "worse by %s: real, but not"
                    + " beyond the minimum effect %s", percent(worseBy - 1), percent(options.minEffect())));
        }
        return t.row(pWorse, PairedOutcome.NO_CHANGE, "");
    }

    private static Tested test(ResultKey key, Metric metric, List<PairRow> pairs) {
        List<PairRow> ordered = pairs.stream().sorted(Comparator.comparingInt(PairRow::round)).toList();
        double[] d = new double[ordered.size()];
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            PairRow pair = ordered.get(i);
            double logRatio = Math.log(pair.headValue() / pair.baseValue());
            d[i] = metric.lowerIsBetter() ? logRatio : -logRatio;
            ratios.add(pair.headValue() / pair.baseValue());
        }
        SignedRank rank = SignedRank.of(d);
        PairedShift shift = PairedShift.of(d, INTERVAL_LEVEL);
        double sign = metric.lowerIsBetter() ? 1 : -1;
        double low = Math.exp(sign > 0 ? shift.low() : -shift.high());
        double high = Math.exp(sign > 0 ? shift.high() : -shift.low());
        return new Tested(key, metric, ratios, rank.nonzero(), Math.exp(sign * shift.shift()), low, high,
                shift.level(), rank.pGreater(), rank.pLess());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A row tested, its verdict still open. */
    private record Tested(ResultKey key, Metric metric, List<Double> ratios, int nonzero, double ratio, double low,
                          double high, double coverage, double pWorse, double pBetter) {
        PairedRow row(double pAdjusted, PairedOutcome outcome, String reason) {
            return new PairedRow(key, metric, ratios, nonzero, ratio, low, high, coverage, pWorse, pAdjusted, outcome,
                    reason);
        }
    }
}
