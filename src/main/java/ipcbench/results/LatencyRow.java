package ipcbench.results;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of latency.csv: the whole round-trip distribution of one benchmark, in nanoseconds, then the intervals
 * of its p50 and p99 over repeats and its steady-state verdict ({@link Repeats}). Files written before the
 * intervals existed ({@link #HEADER_WITHOUT_REPEATS}) still read, with unknown intervals and repeats; files without
 * the {@code wait} column ({@link #HEADER_WITHOUT_WAIT}) read as {@code block}, files without the {@code peers}
 * column ({@link #HEADER_WITHOUT_PEERS}) as {@code jvm-jvm}.
 */
public record LatencyRow(String mechanism, int payloadBytes, String placement, long samples, long minNs, long p50Ns,
                         long p90Ns, long p99Ns, long p99_9Ns, long p99_99Ns, long maxNs, double meanNs,
                         double stddevNs, Interval p50NsCi, Interval p99NsCi, Repeats repeats, String waitStrategy,
                         String peers) {

    public static final String HEADER_WITHOUT_REPEATS = "mechanism,payload_bytes,placement,samples,min_ns,p50_ns,"
            + "p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns,mean_ns,stddev_ns";
    public static final String HEADER_WITHOUT_WAIT = HEADER_WITHOUT_REPEATS + "," + Repeats.HEADER
            + ",p50_ns_ci_low,p50_ns_ci_high,p99_ns_ci_low,p99_ns_ci_high," + Repeats.STABILITY_HEADER;
    public static final String HEADER_WITHOUT_PEERS = HEADER_WITHOUT_WAIT + ",wait";
    public static final String HEADER = HEADER_WITHOUT_PEERS + ",peers";

    /** A jvm-jvm benchmark's row. */
    public LatencyRow(String mechanism, int payloadBytes, String placement, long samples, long minNs, long p50Ns,
                      long p90Ns, long p99Ns, long p99_9Ns, long p99_99Ns, long maxNs, double meanNs,
                      double stddevNs, Interval p50NsCi, Interval p99NsCi, Repeats repeats, String waitStrategy) {
        this(mechanism, payloadBytes, placement, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns, p99_99Ns, maxNs, meanNs,
                stddevNs, p50NsCi, p99NsCi, repeats, waitStrategy, RunLayout.DEFAULT_PEERS);
    }

    /** A blocking benchmark's row. */
    public LatencyRow(String mechanism, int payloadBytes, String placement, long samples, long minNs, long p50Ns,
                      long p90Ns, long p99Ns, long p99_9Ns, long p99_99Ns, long maxNs, double meanNs,
                      double stddevNs, Interval p50NsCi, Interval p99NsCi, Repeats repeats) {
        this(mechanism, payloadBytes, placement, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns, p99_99Ns, maxNs, meanNs,
                stddevNs, p50NsCi, p99NsCi, repeats, RunLayout.DEFAULT_WAIT);
    }

    /** A row whose repeats are not known. */
    public LatencyRow(String mechanism, int payloadBytes, String placement, long samples, long minNs, long p50Ns,
                      long p90Ns, long p99Ns, long p99_9Ns, long p99_99Ns, long maxNs, double meanNs,
                      double stddevNs) {
        this(mechanism, payloadBytes, placement, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns, p99_99Ns, maxNs, meanNs,
                stddevNs, Interval.UNKNOWN, Interval.UNKNOWN, Repeats.UNKNOWN);
    }

    /** Summarises a histogram recorded in nanoseconds; repeats unknown. */
    public static LatencyRow of(String mechanism, int payloadBytes, String placement, Histogram histogram) {
        return new LatencyRow(mechanism, payloadBytes, placement, histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue(), histogram.getMean(),
                histogram.getStdDeviation());
    }

    public LatencyRow withRepeats(Interval p50Ci, Interval p99Ci, Repeats with) {
        return new LatencyRow(mechanism, payloadBytes, placement, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns,
                p99_99Ns, maxNs, meanNs, stddevNs, p50Ci, p99Ci, with, waitStrategy, peers);
    }

    public LatencyRow withWait(String strategy) {
        return new LatencyRow(mechanism, payloadBytes, placement, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns,
                p99_99Ns, maxNs, meanNs, stddevNs, p50NsCi, p99NsCi, repeats, strategy, peers);
    }

    public LatencyRow withPeers(String newPeers) {
        return new LatencyRow(mechanism, payloadBytes, placement, samples, minNs, p50Ns, p90Ns, p99Ns, p99_9Ns,
                p99_99Ns, maxNs, meanNs, stddevNs, p50NsCi, p99NsCi, repeats, waitStrategy, newPeers);
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, Long.toString(samples),
                Long.toString(minNs), Long.toString(p50Ns), Long.toString(p90Ns), Long.toString(p99Ns),
                Long.toString(p99_9Ns), Long.toString(p99_99Ns), Long.toString(maxNs), Csv.number(meanNs, 1),
                Csv.number(stddevNs, 1), repeats.toCsv(), Csv.optional(p50NsCi.low(), 0),
                Csv.optional(p50NsCi.high(), 0), Csv.optional(p99NsCi.low(), 0), Csv.optional(p99NsCi.high(), 0),
                repeats.stabilityCsv(), waitStrategy, peers);
    }

    public static void write(Path file, List<LatencyRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, LatencyRow::toCsv);
    }

    public static List<LatencyRow> read(Path file) throws IOException {
        String header = firstLine(file);
        boolean old = header.equals(HEADER_WITHOUT_REPEATS);
        boolean withPeers = header.equals(HEADER);
        boolean withWait = withPeers || header.equals(HEADER_WITHOUT_PEERS);
        List<LatencyRow> rows = new ArrayList<>();
        for (String[] f : Csv.read(file, old ? HEADER_WITHOUT_REPEATS
                : withPeers ? HEADER : withWait ? HEADER_WITHOUT_PEERS : HEADER_WITHOUT_WAIT)) {
            try {
                LatencyRow row = new LatencyRow(ResultFile.id(file, "mechanism", f[0]),
                        ResultFile.payloadBytes(file, f[1]), ResultFile.id(file, "placement", f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                        Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), Double.parseDouble(f[11]),
                        Double.parseDouble(f[12]));
                if (!old) {
                    row = row.withRepeats(
                            new Interval(Csv.parseOptional(f[16]), Csv.parseOptional(f[17])),
                            new Interval(Csv.parseOptional(f[18]), Csv.parseOptional(f[19])),
                            Repeats.parse(f[13], f[14], f[15], f[20], f[21]));
                }
                if (withWait) {
                    row = row.withWait(ResultFile.id(file, "wait", f[22]));
                }
                if (withPeers) {
                    row = row.withPeers(ResultFile.id(file, "peers", f[23]));
                }
                rows.add(row);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }

    /** The header line, trimmed; empty for an empty file (which {@link Csv#read} then rejects). */
    static String firstLine(Path file) throws IOException {
        return ResultFile.text(file, ResultFile.MAX_CSV_BYTES).lines().findFirst().orElse("").trim();
    }
}
