package ipcbench.gate;

import java.util.Locale;

/** A gate row's verdict. Only {@link #REGRESSION} fails a gate. */
public enum PairedOutcome {
    /** Adjusted p below α and the ratio worse than 1 + min-effect. */
    REGRESSION,
    /** The mirror image, tested the other way round; it never fails a gate. */
    IMPROVEMENT,
    /** Tested, neither of the above. */
    NO_CHANGE,
    /** Too few pairs for any outcome to reach α: listed, never failing. */
    INCONCLUSIVE,
    /** A p99 row without --gate-p99: computed and shown, never failing. */
    REPORT_ONLY;

    /** The token in gate.csv: {@code no-change}, {@code report-only}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
