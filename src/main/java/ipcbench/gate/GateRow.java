package ipcbench.gate;

import ipcbench.results.ResultKey;
import ipcbench.stats.HodgesLehmann;
import ipcbench.stats.MedianInterval;

/**
 * One benchmark × metric of a comparison. A side that lacks it has a null sample and NaN statistics.
 *
 * @param baseline    the baseline side's values, null when only the current side measured it
 * @param current     the current side's values, null when only the baseline side measured it
 * @param ratio       Hodges–Lehmann current / baseline over the run values with its 95% interval; null when a side
 *                    lacks the row
 * @param pValue      the exact one-sided rank-sum p of "current worse"; NaN when not tested
 * @param pAdjusted   Holm-adjusted over every tested row of the comparison; NaN when untested
 */
public record GateRow(ResultKey key, Metric metric, Sample baseline, Sample current, HodgesLehmann ratio,
                      double pValue, double pAdjusted, Noise noise, Outcome outcome) {

    public boolean onBothSides() {
        return baseline != null && current != null;
    }

    public double baselineMedian() {
        return baseline == null ? Double.NaN : baseline.median();
    }

    public double currentMedian() {
        return current == null ? Double.NaN : current.median();
    }

    public MedianInterval baselineInterval() {
        return interval(baseline);
    }

    public MedianInterval currentInterval() {
        return interval(current);
    }

    public int baselineN() {
        return baseline == null ? 0 : baseline.n();
    }

    public int currentN() {
        return current == null ? 0 : current.n();
    }

    public double ratioEstimate() {
        return ratio == null ? Double.NaN : ratio.ratio();
    }

    private static MedianInterval interval(Sample sample) {
        return sample == null || sample.n() < 2 ? new MedianInterval(Double.NaN, Double.NaN, 0, sample == null ? 0
                : sample.n()) : MedianInterval.of(sample.values());
    }
}
