package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of iterations.csv: one measurement iteration of one fork. Steady-state checks read these, and a run
 * with a single fork takes its (within-fork, so narrower than the truth) intervals from them. Cells that do not
 * apply to the mode are empty.
 *
 * @param mode      latency | throughput
 * @param fork      1-based, as in forks.csv
 * @param iteration 1-based measurement iteration within the fork
 * @param meanNs    the iteration's histogram mean (latency), to set against JMH's own score
 */
public record IterationRow(ResultKey key, String mode, int fork, int iteration, double p50Ns, double p99Ns,
                           double meanNs, double messagesPerS, double bytesPerS) implements Keyed {

    static final String COLUMNS = "mode,fork,iteration,p50_ns,p99_ns,mean_ns,messages_per_s,bytes_per_s";

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    String cells() {
        return String.join(",", mode, Integer.toString(fork), Integer.toString(iteration), Csv.optional(p50Ns, 0),
                Csv.optional(p99Ns, 0), Csv.optional(meanNs, 1), Csv.optional(messagesPerS, 1),
                Csv.optional(bytesPerS, 1));
    }

    public static void write(Path file, List<IterationRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, IterationRow::key, IterationRow::cells);
    }

    public static List<IterationRow> read(Path file) throws IOException {
        List<IterationRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of())) {
            rows.add(new IterationRow(r.key(), r.id("mode"), r.integer("fork"), r.integer("iteration"),
                    r.optional("p50_ns"), r.optional("p99_ns"), r.optional("mean_ns"), r.optional("messages_per_s"),
                    r.optional("bytes_per_s")));
        }
        return rows;
    }
}
