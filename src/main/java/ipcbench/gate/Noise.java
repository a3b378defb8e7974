package ipcbench.gate;

/**
 * Whether a row of {@code compare} was tested: on per-run values ({@link #RUNS}), or not, because a side has too
 * few runs for the exact test to reach α after Holm's correction ({@link #NOT_TESTED}); then only the ratio is shown.
 */
public enum Noise {
    RUNS("runs"),
    NOT_TESTED("not-tested");

    private final String id;

    Noise(String id) {
        this.id = id;
    }

    /** The token in compare.csv. */
    public String id() {
        return id;
    }
}
