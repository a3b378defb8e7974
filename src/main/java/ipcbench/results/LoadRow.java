package ipcbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of load.csv: one open-loop rate point of one mechanism × payload × placement. Latency is receive time minus
 * the message's intended send time, over every measured message of the point. {@code wait} is how the client waits
 * (the mechanism's first strategy: {@code block}, or {@code spin} for those that only spin). {@code lost} counts
 * measured messages whose echo never came (only a lossy mechanism, udp, can have any: for the others a gap fails the
 * point). {@code rate} is the rate as asked ({@code 50%} of
 * {@code capacityPerS}, or messages/s); {@code p99IterMinNs}/{@code p99IterMaxNs} are the lowest and highest p99 of
 * the point's measurement iterations: the spread to read its p99 against. {@code receiver} is where the echoes were
 * received: {@code same-thread} (the sending thread polls for them), {@code cpu<N>} (a receiving thread pinned to CPU
 * N) or {@code unpinned}; a load.csv written before the column existed reads as {@link #RECEIVER_UNRECORDED}.
 */
public record LoadRow(ResultKey key, double offeredPerS, double achievedPerS, long samples, long p50Ns, long p90Ns,
                      long p99Ns, long p999Ns, long maxNs, long lost, String rate, double capacityPerS,
                      long p99IterMinNs, long p99IterMaxNs, String receiver) implements Keyed {

    static final String COLUMNS = "offered_per_s,achieved_per_s,samples,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,lost,rate,"
            + "capacity_per_s,p99_iter_min_ns,p99_iter_max_ns,receiver";
    /** The receiver of a row from a load.csv written before the column existed (a thread on the sender's CPU). */
    public static final String RECEIVER_UNRECORDED = "unrecorded";

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    String cells() {
        return String.join(",", Csv.number(offeredPerS, 1), Csv.number(achievedPerS, 1), Long.toString(samples),
                Long.toString(p50Ns), Long.toString(p90Ns), Long.toString(p99Ns), Long.toString(p999Ns),
                Long.toString(maxNs), Long.toString(lost), rate, Csv.optional(capacityPerS, 1),
                Long.toString(p99IterMinNs), Long.toString(p99IterMaxNs), receiver);
    }

    /** Appends one row to a trial's part file, which starts with the header. */
    public void appendTo(Path part) throws IOException {
        Files.createDirectories(part.getParent());
        String line = key.cells() + "," + cells() + "\n";
        Files.writeString(part, Files.exists(part, LinkOption.NOFOLLOW_LINKS) ? line : header() + "\n" + line,
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public static void write(Path file, List<LoadRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, LoadRow::key, LoadRow::cells);
    }

    /**
     * The rows of load.csv or of a trial's part file; a file without the receiver column reads as
     * {@link #RECEIVER_UNRECORDED}.
     */
    public static List<LoadRow> read(Path file) throws IOException {
        List<LoadRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of("receiver"))) {
            rows.add(new LoadRow(r.key(), r.number("offered_per_s"), r.number("achieved_per_s"), r.whole("samples"),
                    r.whole("p50_ns"), r.whole("p90_ns"), r.whole("p99_ns"), r.whole("p99_9_ns"), r.whole("max_ns"),
                    r.whole("lost"), r.text("rate"), r.optional("capacity_per_s"), r.whole("p99_iter_min_ns"),
                    r.whole("p99_iter_max_ns"), r.has("receiver") ? r.text("receiver") : RECEIVER_UNRECORDED));
        }
        return rows;
    }
}
