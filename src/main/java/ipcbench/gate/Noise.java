package ipcbench.gate;

/**
 * Which repeats a row's test used: fork values (the unit of repetition), iterations within forks (too few forks:
 * they understate run-to-run noise, so the test is too eager), or none (fewer than two values on a side: the
 * threshold alone decides).
 */
public enum Noise {
    FORKS("forks"),
    ITERATIONS("iterations"),
    UNKNOWN("unknown");

    private final String id;

    Noise(String id) {
        this.id = id;
    }

    /** The token in compare.csv. */
    public String id() {
        return id;
    }
}
