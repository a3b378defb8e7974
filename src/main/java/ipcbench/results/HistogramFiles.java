package ipcbench.results;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Histogram files of a run. Each JMH fork appends one interval per measurement iteration to its own part file
 * ({@link IntervalLog}); when the run ends {@link #merge} joins the parts of each benchmark into one {@code .hlog}, writes
 * the {@code .hgrm} percentile distribution and returns the CSV rows. Values are nanoseconds; the {@code .hgrm}
 * prints them in microseconds.
 */
public final class HistogramFiles {
    /** Significant digits every latency histogram keeps. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Values printed in .hgrm files are nanoseconds divided by this: microseconds. */
    public static final double HGRM_UNIT_RATIO = 1000.0;

    private HistogramFiles() {
    }

    /** A log being written: header on open, then one interval per {@link #append}, flushed at once. */
    public static final class IntervalLog implements AutoCloseable {
        private final PrintStream out;
        private final HistogramLogWriter writer;

        public IntervalLog(Path file, String comment, long startTimeMs) throws IOException {
            Files.createDirectories(file.getParent());
            out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
            writer = new HistogramLogWriter(out);
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startTimeMs);
            writer.outputLegend();
        }

        /** Writes the interval (its start/end timestamps and tag must be set). */
        public void append(Histogram interval) {
            writer.outputIntervalHistogram(interval);
            out.flush();
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    /** All intervals of a histogram log, in file order. */
    public static List<Histogram> readIntervals(Path hlog) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                intervals.add((Histogram) next);
            }
        } finally {
            reader.close();
        }
        return intervals;
    }

    /** The sum of all intervals of a log. */
    public static Histogram total(List<Histogram> intervals) {
        Histogram total = new Histogram(SIGNIFICANT_DIGITS);
        total.setAutoResize(true);
        for (Histogram interval : intervals) {
            total.add(interval);
        }
        return total;
    }

    /**
     * Joins each benchmark's fork parts into {@code KEY.hlog} and {@code KEY.hgrm}, deletes the parts and returns
     * one row per benchmark, ordered by key.
     */
    public static List<LatencyRow> merge(RunLayout layout) throws IOException {
        Map<String, List<Path>> partsByKey = new TreeMap<>();
        if (Files.isDirectory(layout.latencyDir())) {
            try (DirectoryStream<Path> parts = Files.newDirectoryStream(layout.latencyDir(), "*.hlog.part")) {
                for (Path part : parts) {
                    String name = part.getFileName().toString();
                    partsByKey.computeIfAbsent(name.substring(0, name.indexOf(".fork-")), k -> new ArrayList<>()).add(part);
                }
            }
        }
        List<LatencyRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<Path>> entry : partsByKey.entrySet()) {
            String key = entry.getKey();
            List<Path> parts = entry.getValue();
            parts.sort(null);
            List<Histogram> intervals = new ArrayList<>();
            for (Path part : parts) {
                intervals.addAll(readIntervals(part));
            }
            if (intervals.isEmpty()) {
                continue;
            }
            writeLog(layout.histogramLog(key), key, intervals);
            Histogram total = total(intervals);
            try (PrintStream hgrm = new PrintStream(Files.newOutputStream(layout.percentiles(key)), false,
                    StandardCharsets.UTF_8)) {
                total.outputPercentileDistribution(hgrm, 5, HGRM_UNIT_RATIO);
            }
            String[] parsed = key.split("_");
            rows.add(LatencyRow.of(parsed[0], Integer.parseInt(parsed[1]), parsed[2], total));
            for (Path part : parts) {
                Files.delete(part);
            }
        }
        return rows;
    }

    private static void writeLog(Path file, String key, List<Histogram> intervals) throws IOException {
        try (IntervalLog log = new IntervalLog(file, "ipcbench round-trip latency " + key + ", nanoseconds, one "
                + "interval per measurement iteration, all forks", intervals.get(0).getStartTimeStamp())) {
            for (Histogram interval : intervals) {
                log.append(interval);
            }
        }
    }
}
