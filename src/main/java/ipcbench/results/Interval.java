package ipcbench.results;

/**
 * A confidence interval for the median of a result's repeats, in the unit of the column it belongs to; NaN bounds
 * when unknown (a run written before intervals existed).
 */
public record Interval(double low, double high) {
    public static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Whether the two share a value; unknown intervals overlap nothing. */
    public boolean overlaps(Interval other) {
        return known() && other.known() && !(high < other.low || other.high < low);
    }
}
