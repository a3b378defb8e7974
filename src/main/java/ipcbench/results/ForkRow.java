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
 */
public record ForkRow(String mechanism, int payloadBytes, String placement, String mode, int fork, double p50Ns,
                      double p90Ns, double p99Ns, double p99_9Ns, double messagesPerS, double bytesPerS) {

    public static final String HEADER = "mechanism,payload_bytes,placement,mode,fork,p50_ns,p90_ns,p99_ns,p99_9_ns,"
            + "messages_per_s,bytes_per_s";

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, mode, Integer.toString(fork),
                Csv.optional(p50Ns, 0), Csv.optional(p90Ns, 0), Csv.optional(p99Ns, 0), Csv.optional(p99_9Ns, 0),
                Csv.optional(messagesPerS, 1), Csv.optional(bytesPerS, 1));
    }

    public static void write(Path file, List<ForkRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, ForkRow::toCsv);
    }

    public static List<ForkRow> read(Path file) throws IOException {
        List<ForkRow> rows = new ArrayList<>();
        for (String[] f : Csv.read(file, HEADER)) {
            try {
                rows.add(new ForkRow(f[0], Integer.parseInt(f[1]), f[2], f[3], Integer.parseInt(f[4]),
                        Csv.parseOptional(f[5]), Csv.parseOptional(f[6]), Csv.parseOptional(f[7]),
                        Csv.parseOptional(f[8]), Csv.parseOptional(f[9]), Csv.parseOptional(f[10])));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }
}
