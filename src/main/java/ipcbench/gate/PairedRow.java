package ipcbench.gate;

import ipcbench.results.ResultKey;

import java.util.List;

/**
 * One row of a paired gate: a benchmark × metric over its pairs.
 *
 * @param ratios     each pair's head / base, in round order
 * @param ratio      the Hodges–Lehmann estimate of head / base (exp of the centre of the log ratios)
 * @param ratioLow   its interval's lower end (a ratio; for throughput the interval is of head / base too)
 * @param coverage   the interval's actual coverage
 * @param p          the exact one-sided signed-rank p of "head worse than base"
 * @param pAdjusted  p after Holm's correction over the gated rows; NaN for rows that are not gated
 */
public record PairedRow(ResultKey key, Metric metric, List<Double> ratios, int nonzero, double ratio, double ratioLow,
                        double ratioHigh, double coverage, double p, double pAdjusted, PairedOutcome outcome,
                        String reason) {
    public PairedRow {
        ratios = List.copyOf(ratios);
    }

    public int pairs() {
        return ratios.size();
    }
}
