package ipcbench.gate;

import java.util.Locale;

/**
 * The gate's two knobs: the threshold t, the smallest change that matters (a fraction in (0, 1)), and α, the
 * family-wise false-alarm rate the Holm-adjusted p-values are held to (in (0, 0.5]).
 */
public record GateOptions(double threshold, double alpha) {
    public static final double DEFAULT_THRESHOLD = 0.10;
    public static final double DEFAULT_ALPHA = 0.05;
    public static final GateOptions DEFAULT = new GateOptions(DEFAULT_THRESHOLD, DEFAULT_ALPHA);

    /** Fails unless t is in (0, 1) and α in (0, 0.5]. */
    public static GateOptions of(double threshold, double alpha) throws GateException {
        if (!(threshold > 0 && threshold < 1)) {
            throw new GateException("threshold " + percent(threshold) + " is outside (0%, 100%); write e.g. 10%");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new GateException("alpha " + String.format(Locale.ROOT, "%s", alpha) + " is outside (0, 0.5]; "
                    + "write e.g. 0.05");
        }
        return new GateOptions(threshold, alpha);
    }

    /** "10%", "10 %" or "0.10" → 0.10 (a fraction; "10" is refused as ambiguous). */
    public static double parseFraction(String name, String text) throws GateException {
        String trimmed = text == null ? "" : text.strip();
        double value;
        try {
            value = trimmed.endsWith("%")
                    ? Double.parseDouble(trimmed.substring(0, trimmed.length() - 1).strip()) / 100
                    : Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new GateException(name + " '" + text + "' is not a number; write e.g. "
                    + ("alpha".equals(name) ? "0.05" : "10% or 0.10"));
        }
        if (!trimmed.endsWith("%") && value >= 1) {
            throw new GateException(name + " '" + text + "' must be a fraction below 1 or a percentage (e.g. 10%)");
        }
        return value;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.4g%%", fraction * 100);
    }
}
