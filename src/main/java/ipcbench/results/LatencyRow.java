package ipcbench.results;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of latency.csv: the key, then the whole round-trip distribution of one benchmark in nanoseconds, the
 * intervals of its p50 and p99 over repeats and its steady-state verdict ({@link Repeats}). Files written before the
 * intervals existed (no {@code forks} column) read with unknown intervals and repeats.
 */
public record LatencyRow(ResultKey key, long samples, long minNs, long p50Ns, long p90Ns, long p99Ns, long p99_9Ns,
                         long p99_99Ns, long maxNs, double meanNs, double stddevNs, Interval p50NsCi,
                         Interval p99NsCi, Repeats repeats) implements Keyed {

    static final String COLUMNS = "samples,min_ns,p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns,mean_ns,stddev_ns,"
            + Repeats.HEADER + ",p50_ns_ci_low,p50_ns_ci_high,p99_ns_ci_low,p99_ns_ci_high," + Repeats.STABILITY_HEADER;
    private static final Set<String> REPEATS_COLUMNS = Repeats.columns("p50_ns_ci_low", "p50_ns_ci_high",
            "p99_ns_ci_low", "p99_ns_ci_high");

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    /** Summarises a histogram recorded in nanoseconds; repeats unknown. */
    public static LatencyRow of(ResultKey key, Histogram histogram) {
        return new LatencyRow(key, histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue(), histogram.getMean(),
                histogram.getStdDeviation(), Interval.UNKNOWN, Interval.UNKNOWN, Repeats.UNKNOWN);
    }

    public LatencyRow withRepeats(Interval p50Ci, Interval p99Ci, Repeats with) {
        return new LatencyRow(key, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns, p99_99Ns, maxNs, meanNs, stddevNs,
                p50Ci, p99Ci, with);
    }

    String cells() {
        return String.join(",", Long.toString(samples), Long.toString(minNs), Long.toString(p50Ns),
                Long.toString(p90Ns), Long.toString(p99Ns), Long.toString(p99_9Ns), Long.toString(p99_99Ns),
                Long.toString(maxNs), Csv.number(meanNs, 1), Csv.number(stddevNs, 1), repeats.toCsv(),
                Csv.optional(p50NsCi.low(), 0), Csv.optional(p50NsCi.high(), 0), Csv.optional(p99NsCi.low(), 0),
                Csv.optional(p99NsCi.high(), 0), repeats.stabilityCsv());
    }

    public static void write(Path file, List<LatencyRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, LatencyRow::key, LatencyRow::cells);
    }

    public static List<LatencyRow> read(Path file) throws IOException {
        List<LatencyRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, REPEATS_COLUMNS)) {
            LatencyRow row = new LatencyRow(r.key(), r.whole("samples"), r.whole("min_ns"), r.whole("p50_ns"),
                    r.whole("p90_ns"), r.whole("p99_ns"), r.whole("p99_9_ns"), r.whole("p99_99_ns"),
                    r.whole("max_ns"), r.number("mean_ns"), r.number("stddev_ns"), Interval.UNKNOWN,
                    Interval.UNKNOWN, Repeats.UNKNOWN);
            if (r.has("forks")) {
                row = row.withRepeats(new Interval(r.optional("p50_ns_ci_low"), r.optional("p50_ns_ci_high")),
                        new Interval(r.optional("p99_ns_ci_low"), r.optional("p99_ns_ci_high")), Repeats.read(r));
            }
            rows.add(row);
        }
        return rows;
    }
}
