package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of throughput.csv: one-way streaming of one benchmark. {@code bytesPerSError} is JMH's score error
 * (half-width of the 99.9% confidence interval across measurement iterations and forks), NaN when JMH had too few
 * iterations to compute one.
 */
public record ThroughputRow(String mechanism, int payloadBytes, String placement, double messagesPerS,
                            double bytesPerS, double bytesPerSError) {

    public static final String HEADER = "mechanism,payload_bytes,placement,messages_per_s,bytes_per_s,bytes_per_s_error";

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, Csv.number(messagesPerS, 1),
                Csv.number(bytesPerS, 1), Double.isNaN(bytesPerSError) ? "NaN" : Csv.number(bytesPerSError, 1));
    }

    public static void write(Path file, List<ThroughputRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, ThroughputRow::toCsv);
    }

    public static List<ThroughputRow> read(Path file) throws IOException {
        List<ThroughputRow> rows = new ArrayList<>();
        for (String[] f : Csv.read(file, HEADER)) {
            try {
                rows.add(new ThroughputRow(f[0], Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }
}
