package ipcbench.gate;

import ipcbench.results.ResultKey;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The paired gate's settings: α, the family-wise false-alarm rate over the gated rows (in (0, 0.5]); the minimum
 * effect e, the smallest change that counts as a regression (a fraction in [0, 1): worse by a factor above 1 + e);
 * and whether p99 rows are gated (they drift about twice as much as p50 between forks, so by default they are shown,
 * not gated); and the mechanisms whose rows are only reported (too noisy on this machine to gate: they could only
 * miss, and they would dilute Holm's correction for the rest).
 */
public record PairedOptions(double alpha, double minEffect, boolean gateP99, Set<String> reportOnly) {
    private static final Pattern MECHANISM_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public static final double DEFAULT_ALPHA = 0.05;
    /**
     * 5%: below it a change is within what a JDK update or a kernel patch moves on these hosts, and with 10 pairs the
     * interval of a row's ratio is rarely narrower than ±5% here, so a smaller bar would flag changes nobody can act on.
     */
    public static final double DEFAULT_MIN_EFFECT = 0.05;
    public static final PairedOptions DEFAULT = new PairedOptions(DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, false);

    public PairedOptions {
        reportOnly = Set.copyOf(reportOnly);
    }

    public PairedOptions(double alpha, double minEffect, boolean gateP99) {
        this(alpha, minEffect, gateP99, Set.of());
    }

    public static PairedOptions of(double alpha, double minEffect, boolean gateP99, Set<String> reportOnly)
            throws GateException {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new GateException("alpha " + String.format(Locale.ROOT, "%s", alpha) + " is outside (0, 0.5]; "
                    + "write e.g. 0.05");
        }
        if (!(minEffect >= 0 && minEffect < 1)) {
            throw new GateException(String.format(Locale.ROOT, "min-effect %.4g%% is outside [0%%, 100%%); write"
                    + " e.g. 5%%", minEffect * 100));
        }
        for (String mechanism : reportOnly) {
            if (!MECHANISM_ID.matcher(mechanism).matches()) {
                throw new GateException("--report-only '" + mechanism + "' is not a mechanism id (such as shm)");
            }
        }
        return new PairedOptions(alpha, minEffect, gateP99, reportOnly);
    }

    /** "5%", "5 %" or "0.05" → 0.05. */
    public static double parseFraction(String name, String text) throws GateException {
        return GateOptions.parseFraction(name, text);
    }

    /** Whether a row can fail the gate. */
    public boolean gates(ResultKey key, Metric metric) {
        return (metric != Metric.P99 || gateP99) && !reportOnly.contains(key.mechanism());
    }
}
