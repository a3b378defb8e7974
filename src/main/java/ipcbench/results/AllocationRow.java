package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of allocation.csv, written when the run used JMH's gc profiler ({@code -- -prof gc}): heap bytes the
 * measuring JVM allocated per operation (a round trip, or a streaming batch of {@code messages_per_op} messages).
 * The last column is {@code peers} (files without it read as jvm-jvm; native-native has no rows). The raw mechanisms are
 * expected at about zero; frameworks (RMI, gRPC) allocate per call, and this shows how much.
 */
public record AllocationRow(String mechanism, int payloadBytes, String placement, String benchmark,
                            int messagesPerOp, double allocBytesPerOp, String peers) {

    public static final String HEADER_WITHOUT_PEERS =
            "mechanism,payload_bytes,placement,benchmark,messages_per_op,alloc_bytes_per_op";
    public static final String HEADER = HEADER_WITHOUT_PEERS + ",peers";

    /** A jvm-jvm benchmark's row. */
    public AllocationRow(String mechanism, int payloadBytes, String placement, String benchmark, int messagesPerOp,
                         double allocBytesPerOp) {
        this(mechanism, payloadBytes, placement, benchmark, messagesPerOp, allocBytesPerOp, RunLayout.DEFAULT_PEERS);
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, benchmark,
                Integer.toString(messagesPerOp), Csv.number(allocBytesPerOp, 3), peers);
    }

    public static void write(Path file, List<AllocationRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, AllocationRow::toCsv);
    }

    public static List<AllocationRow> read(Path file) throws IOException {
        List<AllocationRow> rows = new ArrayList<>();
        boolean withPeers = LatencyRow.firstLine(file).equals(HEADER);
        for (String[] f : Csv.read(file, withPeers ? HEADER : HEADER_WITHOUT_PEERS)) {
            try {
                rows.add(new AllocationRow(ResultFile.id(file, "mechanism", f[0]), ResultFile.payloadBytes(file, f[1]),
                        ResultFile.id(file, "placement", f[2]), f[3], Integer.parseInt(f[4]), Double.parseDouble(f[5]),
                        withPeers ? ResultFile.id(file, "peers", f[6]) : RunLayout.DEFAULT_PEERS));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }
}
