package ipcbench.gate;

import java.util.Locale;

/**
 * The paired gate's settings: α, the family-wise false-alarm rate over the gated rows (in (0, 0.5]); the minimum
 * effect e, the smallest change that counts as a regression (a fraction in [0, 1): worse by a factor above 1 + e);
 * and whether p99 rows are gated (they drift about twice as much as p50 between forks, so by default they are shown,
 * not gated).
 */
public record PairedOptions(double alpha, double minEffect, boolean gateP99) {
    public static final double DEFAULT_ALPHA = 0.05;
    /**
     * 5%: below it a change is within what a JDK update or a kernel patch moves on these hosts, and with 10 pairs the
     * interval of a row's ratio is rarely narrower than ±5% here, so a smaller bar would flag changes nobody can act on.
     */
    public static final double DEFAULT_MIN_EFFECT = 0.05;
    public static final PairedOptions DEFAULT = new PairedOptions(DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, false);

    public static PairedOptions of(double alpha, double minEffect, boolean gateP99) throws GateException {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new GateException("alpha " + String.format(Locale.ROOT, "%s", alpha) + " is outside (0, 0.5]; "
                    + "write e.g. 0.05");
        }
        if (!(minEffect >= 0 && minEffect < 1)) {
            throw new GateException(String.format(Locale.ROOT, "min-effect %.4g%% is outside [0%%, 100%%); write"
                    + " e.g. 5%%", minEffect * 100));
        }
        return new PairedOptions(alpha, minEffect, gateP99);
    }

    /** "5%", "5 %" or "0.05" → 0.05. */
    public static double parseFraction(String name, String text) throws GateException {
        return GateOptions.parseFraction(name, text);
    }

    /** Whether a metric's rows can fail the gate. */
    public boolean gates(Metric metric) {
        return metric != Metric.P99 || gateP99;
    }
}
