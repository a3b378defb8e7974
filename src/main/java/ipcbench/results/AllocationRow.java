package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of allocation.csv, written when the run used JMH's gc profiler ({@code -- -prof gc}): heap bytes the
 * measuring JVM allocated per operation (a round trip, or a streaming batch of {@code messages_per_op} messages);
 * native-native has no rows. The raw mechanisms are expected at about zero; frameworks (RMI, gRPC) allocate per
 * call, and this shows how much.
 */
public record AllocationRow(ResultKey key, String benchmark, int messagesPerOp, double allocBytesPerOp)
        implements Keyed {

    static final String COLUMNS = "benchmark,messages_per_op,alloc_bytes_per_op";

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    public static void write(Path file, List<AllocationRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, AllocationRow::key, row -> String.join(",", row.benchmark,
                Integer.toString(row.messagesPerOp), Csv.number(row.allocBytesPerOp, 3)));
    }

    public static List<AllocationRow> read(Path file) throws IOException {
        List<AllocationRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of())) {
            rows.add(new AllocationRow(r.key(), r.text("benchmark"), r.integer("messages_per_op"),
                    r.number("alloc_bytes_per_op")));
        }
        return rows;
    }
}
