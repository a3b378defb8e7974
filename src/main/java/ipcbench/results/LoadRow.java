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
 * {@code cores} is the CPU both processes used while the point's measurement ran ({@link Cores}); NaN in a file
 * written before it was measured.
 */
public record LoadRow(ResultKey key, double offeredPerS, double achievedPerS, long samples, long p50Ns, long p90Ns,
                      long p99Ns, long p999Ns, long maxNs, long lost, String rate, double capacityPerS,
                      long p99IterMinNs, long p99IterMaxNs, String receiver, Cores cores) implements Keyed {

    /**
     * The cores a point kept busy: CPU time (the kernel's run time) per second of wall time, over each measurement
     * iteration, of the threads that carry the messages: the client's sending and receiving threads (or its one
     * polling thread) and the echo thread. {@code total} is their median over iterations, {@code low} and
     * {@code high} its interval ({@link ipcbench.stats.MedianInterval}: iterations of one trial, so it leaves out
     * trial-to-trial noise); {@code client} and {@code server} are each side's median. {@code processes} is the
     * median of both whole processes, every JVM thread included (the compiler and the collector too, which are busiest
     * in a short trial). 1.0 is one core busy all the time.
     */
    public record Cores(double total, double low, double high, double client, double server, double processes) {
        public static final Cores NOT_MEASURED = new Cores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);

        public boolean measured() {
            return !Double.isNaN(total);
        }
    }

    static final String COLUMNS = "offered_per_s,achieved_per_s,samples,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,lost,rate,"
            + "capacity_per_s,p99_iter_min_ns,p99_iter_max_ns,receiver,cores,cores_low,cores_high,client_cores,"
            + "server_cores,process_cores";
    private static final Set<String> OPTIONAL = Set.of("receiver", "cores", "cores_low", "cores_high", "client_cores",
            "server_cores", "process_cores");
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
                Long.toString(p99IterMinNs), Long.toString(p99IterMaxNs), receiver, Csv.optional(cores.total, 4),
                Csv.optional(cores.low, 4), Csv.optional(cores.high, 4), Csv.optional(cores.client, 4),
                Csv.optional(cores.server, 4), Csv.optional(cores.processes, 4));
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
     * The rows of load.csv, cpu-at-load.csv or a trial's part file; a file without the receiver column reads as
     * {@link #RECEIVER_UNRECORDED}, one without the cores columns as {@link Cores#NOT_MEASURED}.
     */
    public static List<LoadRow> read(Path file) throws IOException {
        List<LoadRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, OPTIONAL)) {
            rows.add(new LoadRow(r.key(), r.number("offered_per_s"), r.number("achieved_per_s"), r.whole("samples"),
                    r.whole("p50_ns"), r.whole("p90_ns"), r.whole("p99_ns"), r.whole("p99_9_ns"), r.whole("max_ns"),
                    r.whole("lost"), r.text("rate"), r.optional("capacity_per_s"), r.whole("p99_iter_min_ns"),
                    r.whole("p99_iter_max_ns"), r.has("receiver") ? r.text("receiver") : RECEIVER_UNRECORDED,
                    r.has("cores") ? new Cores(r.optional("cores"), r.optional("cores_low"), r.optional("cores_high"),
                            r.optional("client_cores"), r.optional("server_cores"), r.optional("process_cores"))
                            : Cores.NOT_MEASURED));
        }
        return rows;
    }
}
