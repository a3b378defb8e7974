package ipcbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
public record LoadRow(String mechanism, int payloadBytes, String placement, String waitStrategy, double offeredPerS,
                      double achievedPerS, long samples, long p50Ns, long p90Ns, long p99Ns, long p999Ns, long maxNs,
                      long lost, String rate, double capacityPerS, long p99IterMinNs, long p99IterMaxNs,
                      String receiver) {

    /** The header of load.csv before the {@code receiver} column was added (read, never written). */
    static final String HEADER_WITHOUT_RECEIVER = "mechanism,payload_bytes,placement,wait,offered_per_s,achieved_per_s,"
            + "samples,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,lost,rate,capacity_per_s,p99_iter_min_ns,p99_iter_max_ns";
    public static final String HEADER = HEADER_WITHOUT_RECEIVER + ",receiver";
    /** The receiver of a row from a load.csv written before the column existed (a thread on the sender's CPU). */
    public static final String RECEIVER_UNRECORDED = "unrecorded";

    public String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, waitStrategy,
                Csv.number(offeredPerS, 1), Csv.number(achievedPerS, 1), Long.toString(samples), Long.toString(p50Ns),
                Long.toString(p90Ns), Long.toString(p99Ns), Long.toString(p999Ns), Long.toString(maxNs),
                Long.toString(lost), rate, Csv.optional(capacityPerS, 1), Long.toString(p99IterMinNs),
                Long.toString(p99IterMaxNs), receiver);
    }

    /** Appends one row to a trial's part file (no header). */
    public void appendTo(Path part) throws IOException {
        Files.createDirectories(part.getParent());
        Files.writeString(part, toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The rows of a part file, read as any result file ({@link ResultFile}: bounded, no link, strict UTF-8). */
    public static List<LoadRow> readPart(Path part) throws IOException {
        List<LoadRow> rows = new ArrayList<>();
        for (String line : ResultFile.text(part, ResultFile.MAX_CSV_BYTES).lines().toList()) {
            if (!line.isBlank()) {
                rows.add(parse(line.split(",", -1), part));
            }
        }
        return rows;
    }

    public static void write(Path file, List<LoadRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, LoadRow::toCsv);
    }

    /** load.csv's rows; a file without the receiver column reads as {@link #RECEIVER_UNRECORDED}. */
    public static List<LoadRow> read(Path file) throws IOException {
        String first = LatencyRow.firstLine(file);
        boolean old = first.equals(HEADER_WITHOUT_RECEIVER);
        List<LoadRow> rows = new ArrayList<>();
        for (String[] fields : Csv.read(file, old ? HEADER_WITHOUT_RECEIVER : HEADER)) {
            if (old) {
                fields = java.util.Arrays.copyOf(fields, fields.length + 1);
                fields[fields.length - 1] = RECEIVER_UNRECORDED;
            }
            rows.add(parse(fields, file));
        }
        return rows;
    }

    private static LoadRow parse(String[] f, Path file) throws IOException {
        if (f.length != HEADER.split(",").length) {
            throw new IOException(file + ": a load row of " + f.length + " fields: " + String.join(",", f));
        }
        try {
            return new LoadRow(ResultFile.id(file, "mechanism", f[0]), ResultFile.payloadBytes(file, f[1]),
                    ResultFile.id(file, "placement", f[2]), ResultFile.id(file, "wait", f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                    Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]), f[13],
                    Csv.parseOptional(f[14]), Long.parseLong(f[15]), Long.parseLong(f[16]), f[17]);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number in row " + String.join(",", f), e);
        }
    }
}
