package ipcbench.results;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of members.csv: one client of a fan-in benchmark, its round trips over every fork in nanoseconds. The
 * key's latency row holds all clients' round trips together; these rows show how far the clients differ (the
 * slowest and the fastest client are the ones the report names).
 *
 * @param member  the client's index, 0 .. fan - 1
 * @param samples the client's measured round trips; the key's latency row counts their sum
 */
public record MemberRow(ResultKey key, int member, long samples, long p50Ns, long p90Ns, long p99Ns, long maxNs,
                        double meanNs) implements Keyed {

    static final String COLUMNS = "member,samples,p50_ns,p90_ns,p99_ns,max_ns,mean_ns";

    public static MemberRow of(ResultKey key, int member, Histogram histogram) {
        return new MemberRow(key, member, histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                histogram.getMean());
    }

    String cells() {
        return String.join(",", Integer.toString(member), Long.toString(samples), Long.toString(p50Ns),
                Long.toString(p90Ns), Long.toString(p99Ns), Long.toString(maxNs), Csv.number(meanNs, 1));
    }

    public static void write(Path file, List<MemberRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, MemberRow::key, MemberRow::cells);
    }

    public static List<MemberRow> read(Path file) throws IOException {
        List<MemberRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of())) {
            rows.add(new MemberRow(r.key(), (int) r.whole("member"), r.whole("samples"), r.whole("p50_ns"),
                    r.whole("p90_ns"), r.whole("p99_ns"), r.whole("max_ns"), r.number("mean_ns")));
        }
        return rows;
    }
}
