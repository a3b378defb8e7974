package ipcbench.gate;

/** What the gate compares, in which unit, and which way is better. */
public enum Metric {
    P50("p50", "ns", true),
    P99("p99", "ns", true),
    THROUGHPUT("throughput", "bytes_per_s", false);

    private final String id;
    private final String unit;
    private final boolean lowerIsBetter;

    Metric(String id, String unit, boolean lowerIsBetter) {
        this.id = id;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The token in compare.csv. */
    public String id() {
        return id;
    }

    /** The unit of the values, as in compare.csv. */
    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
