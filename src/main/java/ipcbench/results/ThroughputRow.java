package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of throughput.csv: one-way streaming of one benchmark, then the interval of its bytes/s over repeats and
 * its steady-state verdict ({@link Repeats}). {@code bytesPerSError} is JMH's score error (half-width of its 99.9%
 * interval, which assumes normal iterations), NaN when JMH had too few iterations; it stays in the file, ipcbench
 * itself uses {@code bytesPerSCi}. Files written before the intervals existed ({@link #HEADER_WITHOUT_REPEATS})
 * still read, with unknown interval and repeats; files without the {@code wait} column read as {@code block}, files without {@code peers} as {@code jvm-jvm}.
 */
public record ThroughputRow(String mechanism, int payloadBytes, String placement, double messagesPerS,
                            double bytesPerS, double bytesPerSError, Interval bytesPerSCi, Repeats repeats,
                            String waitStrategy, String peers) {

    public static final String HEADER_WITHOUT_REPEATS =
            "mechanism,payload_bytes,placement,messages_per_s,bytes_per_s,bytes_per_s_error";
    public static final String HEADER_WITHOUT_WAIT = HEADER_WITHOUT_REPEATS + "," + Repeats.HEADER
            + ",bytes_per_s_ci_low,bytes_per_s_ci_high," + Repeats.STABILITY_HEADER;
    public static final String HEADER_WITHOUT_PEERS = HEADER_WITHOUT_WAIT + ",wait";
    public static final String HEADER = HEADER_WITHOUT_PEERS + ",peers";

    /** A jvm-jvm benchmark's row. */
    public ThroughputRow(String mechanism, int payloadBytes, String placement, double messagesPerS, double bytesPerS,
                         double bytesPerSError, Interval bytesPerSCi, Repeats repeats, String waitStrategy) {
        this(mechanism, payloadBytes, placement, messagesPerS, bytesPerS, bytesPerSError, bytesPerSCi, repeats,
                waitStrategy, RunLayout.DEFAULT_PEERS);
    }

    /** A blocking benchmark's row. */
    public ThroughputRow(String mechanism, int payloadBytes, String placement, double messagesPerS, double bytesPerS,
                         double bytesPerSError, Interval bytesPerSCi, Repeats repeats) {
        this(mechanism, payloadBytes, placement, messagesPerS, bytesPerS, bytesPerSError, bytesPerSCi, repeats,
                RunLayout.DEFAULT_WAIT);
    }

    /** A row whose repeats are not known. */
    public ThroughputRow(String mechanism, int payloadBytes, String placement, double messagesPerS, double bytesPerS,
                         double bytesPerSError) {
        this(mechanism, payloadBytes, placement, messagesPerS, bytesPerS, bytesPerSError, Interval.UNKNOWN,
                Repeats.UNKNOWN);
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, Csv.number(messagesPerS, 1),
                Csv.number(bytesPerS, 1), Double.isNaN(bytesPerSError) ? "NaN" : Csv.number(bytesPerSError, 1),
                repeats.toCsv(), Csv.optional(bytesPerSCi.low(), 1), Csv.optional(bytesPerSCi.high(), 1),
                repeats.stabilityCsv(), waitStrategy, peers);
    }

    public static void write(Path file, List<ThroughputRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, ThroughputRow::toCsv);
    }

    public static List<ThroughputRow> read(Path file) throws IOException {
        String header = LatencyRow.firstLine(file);
        boolean old = header.equals(HEADER_WITHOUT_REPEATS);
        boolean withPeers = header.equals(HEADER);
        boolean withWait = withPeers || header.equals(HEADER_WITHOUT_PEERS);
        List<ThroughputRow> rows = new ArrayList<>();
        for (String[] f : Csv.read(file, old ? HEADER_WITHOUT_REPEATS
                : withPeers ? HEADER : withWait ? HEADER_WITHOUT_PEERS : HEADER_WITHOUT_WAIT)) {
            try {
                rows.add(new ThroughputRow(ResultFile.id(file, "mechanism", f[0]), ResultFile.payloadBytes(file, f[1]),
                        ResultFile.id(file, "placement", f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                        old ? Interval.UNKNOWN : new Interval(Csv.parseOptional(f[9]), Csv.parseOptional(f[10])),
                        old ? Repeats.UNKNOWN : Repeats.parse(f[6], f[7], f[8], f[11], f[12]),
                        withWait ? ResultFile.id(file, "wait", f[13]) : RunLayout.DEFAULT_WAIT,
                        withPeers ? ResultFile.id(file, "peers", f[14]) : RunLayout.DEFAULT_PEERS));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }
}
