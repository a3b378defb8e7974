package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of iterations.csv: one measurement iteration of one fork. Steady-state checks read these, and a run
 * with a single fork takes its (within-fork, so narrower than the truth) intervals from them. Cells that do not
 * apply to the mode are empty.
 *
 * @param mode      latency | throughput
 * @param fork      1-based, as in forks.csv
 * @param iteration 1-based measurement iteration within the fork
 * @param meanNs    the iteration's histogram mean (latency), to set against JMH's own score
 * @param waitStrategy block | spin (files without the column read as block)
 * @param peers jvm-jvm | jvm-native | native-native (files without the column read as jvm-jvm)
 */
public record IterationRow(String mechanism, int payloadBytes, String placement, String mode, int fork,
                           int iteration, double p50Ns, double p99Ns, double meanNs, double messagesPerS,
                           double bytesPerS, String waitStrategy, String peers) {

    public static final String HEADER_WITHOUT_WAIT = "mechanism,payload_bytes,placement,mode,fork,iteration,p50_ns,"
            + "p99_ns,mean_ns,messages_per_s,bytes_per_s";
    public static final String HEADER_WITHOUT_PEERS = HEADER_WITHOUT_WAIT + ",wait";
    public static final String HEADER = HEADER_WITHOUT_PEERS + ",peers";

    /** A jvm-jvm benchmark's row. */
    public IterationRow(String mechanism, int payloadBytes, String placement, String mode, int fork, int iteration,
                        double p50Ns, double p99Ns, double meanNs, double messagesPerS, double bytesPerS,
                        String waitStrategy) {
        this(mechanism, payloadBytes, placement, mode, fork, iteration, p50Ns, p99Ns, meanNs, messagesPerS, bytesPerS,
                waitStrategy, RunLayout.DEFAULT_PEERS);
    }

    /** A blocking benchmark's row. */
    public IterationRow(String mechanism, int payloadBytes, String placement, String mode, int fork, int iteration,
                        double p50Ns, double p99Ns, double meanNs, double messagesPerS, double bytesPerS) {
        this(mechanism, payloadBytes, placement, mode, fork, iteration, p50Ns, p99Ns, meanNs, messagesPerS, bytesPerS,
                RunLayout.DEFAULT_WAIT);
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, mode, Integer.toString(fork),
                Integer.toString(iteration), Csv.optional(p50Ns, 0), Csv.optional(p99Ns, 0), Csv.optional(meanNs, 1),
                Csv.optional(messagesPerS, 1), Csv.optional(bytesPerS, 1), waitStrategy, peers);
    }

    public static void write(Path file, List<IterationRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, IterationRow::toCsv);
    }

    public static List<IterationRow> read(Path file) throws IOException {
        List<IterationRow> rows = new ArrayList<>();
        String header = LatencyRow.firstLine(file);
        boolean withPeers = header.equals(HEADER);
        boolean withWait = withPeers || header.equals(HEADER_WITHOUT_PEERS);
        for (String[] f : Csv.read(file, withPeers ? HEADER : withWait ? HEADER_WITHOUT_PEERS : HEADER_WITHOUT_WAIT)) {
            try {
                rows.add(new IterationRow(ResultFile.id(file, "mechanism", f[0]), ResultFile.payloadBytes(file, f[1]),
                        ResultFile.id(file, "placement", f[2]), ResultFile.id(file, "mode", f[3]), Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]), Csv.parseOptional(f[6]), Csv.parseOptional(f[7]),
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
