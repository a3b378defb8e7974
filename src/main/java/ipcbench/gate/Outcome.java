package ipcbench.gate;

/** A row's verdict, in the order reports list them. */
public enum Outcome {
    REGRESSION("regression"),
    IMPROVEMENT("improvement"),
    WITHIN_NOISE("within-noise"),
    /** Too few runs on a side for the test to reach alpha: the ratio is shown, nothing is judged. */
    NOT_TESTED("not-tested"),
    ONLY_IN_BASELINE("only-in-baseline"),
    ONLY_IN_CURRENT("only-in-current");

    private final String id;

    Outcome(String id) {
        this.id = id;
    }

    /** The token in compare.csv. */
    public String id() {
        return id;
    }

    /** The words in compare.md and on the console. */
    public String words() {
        return id.replace('-', ' ');
    }
}
