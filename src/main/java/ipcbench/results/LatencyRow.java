package ipcbench.results;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of latency.csv: the whole round-trip distribution of one benchmark, in nanoseconds. */
public record LatencyRow(String mechanism, int payloadBytes, String placement, long samples, long minNs, long p50Ns,
                         long p90Ns, long p99Ns, long p99_9Ns, long p99_99Ns, long maxNs, double meanNs,
                         double stddevNs) {

    public static final String HEADER = "mechanism,payload_bytes,placement,samples,min_ns,p50_ns,p90_ns,p99_ns,"
            + "p99_9_ns,p99_99_ns,max_ns,mean_ns,stddev_ns";

    /** Summarises a histogram recorded in nanoseconds. */
    public static LatencyRow of(String mechanism, int payloadBytes, String placement, Histogram histogram) {
        return new LatencyRow(mechanism, payloadBytes, placement, histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue(), histogram.getMean(),
                histogram.getStdDeviation());
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, Long.toString(samples),
                Long.toString(minNs), Long.toString(p50Ns), Long.toString(p90Ns), Long.toString(p99Ns),
                Long.toString(p99_9Ns), Long.toString(p99_99Ns), Long.toString(maxNs), Csv.number(meanNs, 1),
                Csv.number(stddevNs, 1));
    }

    public static void write(Path file, List<LatencyRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, LatencyRow::toCsv);
    }

    public static List<LatencyRow> read(Path file) throws IOException {
        List<LatencyRow> rows = new ArrayList<>();
        for (String[] f : Csv.read(file, HEADER)) {
            try {
                rows.add(new LatencyRow(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                        Long.parseLong(f[9]), Long.parseLong(f[10]), Double.parseDouble(f[11]),
                        Double.parseDouble(f[12])));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }
}
