package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of forks.csv: one benchmark's value in one JMH fork, the unit of repetition from which every interval
 * and the CI gate's test derive. A latency row has the fork's percentiles from its own histogram and NaN rates; a
 * throughput row has the fork's mean rates over its measurement iterations and NaN percentiles (written as empty
 * cells).
 *
 * @param mode latency | throughput
 * @param fork 1-based, in the order JMH ran the forks
 */
public record ForkRow(ResultKey key, String mode, int fork, double p50Ns, double p90Ns, double p99Ns, double p99_9Ns,
                      double messagesPerS, double bytesPerS) implements Keyed {

    static final String COLUMNS = "mode,fork,p50_ns,p90_ns,p99_ns,p99_9_ns,messages_per_s,bytes_per_s";

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    String cells() {
        return String.join(",", mode, Integer.toString(fork), Csv.optional(p50Ns, 0), Csv.optional(p90Ns, 0),
                Csv.optional(p99Ns, 0), Csv.optional(p99_9Ns, 0), Csv.optional(messagesPerS, 1),
                Csv.optional(bytesPerS, 1));
    }

    public static void write(Path file, List<ForkRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, ForkRow::key, ForkRow::cells);
    }

    public static List<ForkRow> read(Path file) throws IOException {
        List<ForkRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of())) {
            rows.add(new ForkRow(r.key(), r.id("mode"), r.integer("fork"), r.optional("p50_ns"), r.optional("p90_ns"),
                    r.optional("p99_ns"), r.optional("p99_9_ns"), r.optional("messages_per_s"),
                    r.optional("bytes_per_s")));
        }
        return rows;
    }
}
