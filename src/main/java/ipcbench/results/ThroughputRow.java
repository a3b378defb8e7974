package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of throughput.csv: the key, then one-way streaming of one benchmark, the interval of its bytes/s over
 * repeats and its steady-state verdict ({@link Repeats}). {@code bytesPerSError} is JMH's score error (half-width of
 * its 99.9% interval, which assumes normal iterations), NaN when JMH had too few iterations; it stays in the file,
 * ipcbench itself uses {@code bytesPerSCi}. Files written before the intervals existed (no {@code forks} column) read
 * with unknown interval and repeats.
 */
public record ThroughputRow(ResultKey key, double messagesPerS, double bytesPerS, double bytesPerSError,
                            Interval bytesPerSCi, Repeats repeats) implements Keyed {

    static final String COLUMNS = "messages_per_s,bytes_per_s,bytes_per_s_error," + Repeats.HEADER
            + ",bytes_per_s_ci_low,bytes_per_s_ci_high," + Repeats.STABILITY_HEADER;
    private static final Set<String> REPEATS_COLUMNS = Repeats.columns("bytes_per_s_ci_low", "bytes_per_s_ci_high");

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    /** A row whose repeats are not known. */
    public ThroughputRow(ResultKey key, double messagesPerS, double bytesPerS, double bytesPerSError) {
        this(key, messagesPerS, bytesPerS, bytesPerSError, Interval.UNKNOWN, Repeats.UNKNOWN);
    }

    String cells() {
        return String.join(",", Csv.number(messagesPerS, 1), Csv.number(bytesPerS, 1),
                Double.isNaN(bytesPerSError) ? "NaN" : Csv.number(bytesPerSError, 1), repeats.toCsv(),
                Csv.optional(bytesPerSCi.low(), 1), Csv.optional(bytesPerSCi.high(), 1), repeats.stabilityCsv());
    }

    public static void write(Path file, List<ThroughputRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, ThroughputRow::key, ThroughputRow::cells);
    }

    public static List<ThroughputRow> read(Path file) throws IOException {
        List<ThroughputRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, REPEATS_COLUMNS)) {
            boolean repeats = r.has("forks");
            rows.add(new ThroughputRow(r.key(), r.number("messages_per_s"), r.number("bytes_per_s"),
                    r.number("bytes_per_s_error"), repeats ? new Interval(r.optional("bytes_per_s_ci_low"),
                    r.optional("bytes_per_s_ci_high")) : Interval.UNKNOWN,
                    repeats ? Repeats.read(r) : Repeats.UNKNOWN));
        }
        return rows;
    }
}
