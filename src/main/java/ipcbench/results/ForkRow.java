package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of forks.csv: one benchmark's value in one JMH fork, the unit of repetition from which every interval
 * and the CI gate's test derive. A latency row has the fork's percentiles from its own histogram and NaN rates; a
 * throughput row has the fork's mean rates over its measurement iterations and NaN percentiles (written as empty
 * cells).
 *
 * @param mode latency | throughput
 * @param fork 1-based, in the order JMH ran the forks
 * @param waitStrategy block | spin (files without the column read as block)
 * @param peers jvm-jvm | jvm-native | native-native (files without the column read as jvm-jvm)
 */
public record ForkRow(String mechanism, int payloadBytes, String placement, String mode, int fork, double p50Ns,
                      double p90Ns, double p99Ns, double p99_9Ns, double messagesPerS, double bytesPerS,
                      String waitStrategy, String peers) {

    public static final String HEADER_WITHOUT_WAIT = "mechanism,payload_bytes,placement,mode,fork,p50_ns,p90_ns,"
            + "p99_ns,p99_9_ns,messages_per_s,bytes_per_s";
    public static final String HEADER_WITHOUT_PEERS = HEADER_WITHOUT_WAIT + ",wait";
    public static final String HEADER = HEADER_WITHOUT_PEERS + ",peers";

    /** A jvm-jvm benchmark's row. */
    public ForkRow(String mechanism, int payloadBytes, String placement, String mode, int fork, double p50Ns,
                   double p90Ns, double p99Ns, double p99_9Ns, double messagesPerS, double bytesPerS,
                   String waitStrategy) {
        this(mechanism, payloadBytes, placement, mode, fork, p50Ns, p90Ns, p99Ns, p99_9Ns, messagesPerS, bytesPerS,
                waitStrategy, RunLayout.DEFAULT_PEERS);
    }

    /** A blocking benchmark's row. */
    public ForkRow(String mechanism, int payloadBytes, String placement, String mode, int fork, double p50Ns,
                   double p90Ns, double p99Ns, double p99_9Ns, double messagesPerS, double bytesPerS) {
        this(mechanism, payloadBytes, placement, mode, fork, p50Ns, p90Ns, p99Ns, p99_9Ns, messagesPerS, bytesPerS,
                RunLayout.DEFAULT_WAIT);
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, mode, Integer.toString(fork),
                Csv.optional(p50Ns, 0), Csv.optional(p90Ns, 0), Csv.optional(p99Ns, 0), Csv.optional(p99_9Ns, 0),
                Csv.optional(messagesPerS, 1), Csv.optional(bytesPerS, 1), waitStrategy, peers);
    }

    public static void write(Path file, List<ForkRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, ForkRow::toCsv);
    }

    public static List<ForkRow> read(Path file) throws IOException {
        List<ForkRow> rows = new ArrayList<>();
        String header = LatencyRow.firstLine(file);
        boolean withPeers = header.equals(HEADER);
        boolean withWait = withPeers || header.equals(HEADER_WITHOUT_PEERS);
        for (String[] f : Csv.read(file, withPeers ? HEADER : withWait ? HEADER_WITHOUT_PEERS : HEADER_WITHOUT_WAIT)) {
            try {
                rows.add(new ForkRow(ResultFile.id(file, "mechanism", f[0]), ResultFile.payloadBytes(file, f[1]),
                        ResultFile.id(file, "placement", f[2]), ResultFile.id(file, "mode", f[3]), Integer.parseInt(f[4]),
                        Csv.parseOptional(f[5]), Csv.parseOptional(f[6]), Csv.parseOptional(f[7]),
                        Csv.parseOptional(f[8]), Csv.parseOptional(f[9]), Csv.parseOptional(f[10]),
                        withWait ? ResultFile.id(file, "wait", f[11]) : RunLayout.DEFAULT_WAIT,
                        withPeers ? ResultFile.id(file, "peers", f[12]) : RunLayout.DEFAULT_PEERS));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }
}
