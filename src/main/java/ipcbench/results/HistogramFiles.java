package ipcbench.results;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Histogram files of a run. Each JMH fork appends one interval per measurement iteration to its own part file
 * ({@link IntervalLog}); when the run ends {@link #readParts} reads them fork by fork and {@link #merge} joins the
 * parts of each benchmark into one {@code .hlog} and writes the {@code .hgrm} percentile distribution. Values are
 * nanoseconds; the {@code .hgrm} prints them in microseconds.
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

    /** The largest .hlog read: a full run's are tens of KiB. */
    public static final long MAX_LOG_BYTES = 64L << 20;
    /** An interval line as HistogramLogWriter writes it: [Tag=tag,]start,length,max,base64 histogram. */
    private static final Pattern INTERVAL = Pattern.compile(
            "(Tag=[^,\\s]*,)?[0-9]+(\\.[0-9]+)?,[0-9]+(\\.[0-9]+)?,[0-9]+(\\.[0-9]+)?,[A-Za-z0-9+/]+=*");
    /** The most memory a log's intervals may take once read; one of ours takes a few hundred KiB per interval. */
    public static final long MAX_LOG_FOOTPRINT_BYTES = 256L << 20;

    /**
     * All intervals of a histogram log, in file order. The log may come from someone else: it is read as a
     * {@link ResultFile} (bounded, no link, UTF-8), each interval must keep {@link #SIGNIFICANT_DIGITS} digits or
     * fewer, and all together at most {@link #MAX_LOG_FOOTPRINT_BYTES}; anything else fails with one line naming the
     * file.
     */
    public static List<Histogram> readIntervals(Path hlog) throws IOException {
        return readIntervals(hlog, MAX_LOG_FOOTPRINT_BYTES);
    }

    static List<Histogram> readIntervals(Path hlog, long maxFootprintBytes) throws IOException {
        String log = ResultFile.text(hlog, MAX_LOG_BYTES);
        // HdrHistogram's reader stops in silence at a line it cannot parse, keeping what came before: check each line.
        List<String> lines = log.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("#") && !line.startsWith("\"StartTimestamp\"") && !INTERVAL.matcher(line).matches()) {
                throw new IOException(hlog + ": line " + (i + 1) + " is neither a comment nor an interval");
            }
        }
        byte[] text = log.getBytes(StandardCharsets.UTF_8);
        List<Histogram> intervals = new ArrayList<>();
        long footprintBytes = 0;
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(text));
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof Histogram interval)) {
                    throw new IOException(hlog + ": interval " + (intervals.size() + 1)
                            + " is not an integer histogram");
                }
                if (interval.getNumberOfSignificantValueDigits() > SIGNIFICANT_DIGITS) {
                    throw new IOException(hlog + ": interval " + (intervals.size() + 1) + " keeps "
                            + interval.getNumberOfSignificantValueDigits() + " significant digits, more than the "
                            + SIGNIFICANT_DIGITS + " of ours");
                }
                footprintBytes += interval.getEstimatedFootprintInBytes();
                if (footprintBytes > maxFootprintBytes) {
                    throw new IOException(hlog + ": its intervals take more than the limit of " + maxFootprintBytes
                            + " bytes of memory");
                }
                intervals.add(interval);
            }
        } catch (RuntimeException e) {
            // HdrHistogram's log reader fails on malformed lines with whatever its parsers throw.
            throw new IOException(hlog + ": not a histogram log at interval " + (intervals.size() + 1) + " ("
                    + e.getClass().getSimpleName() + ")", e);
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
     * One benchmark's fork part files, read: one list of intervals (measurement iterations) per fork, forks in the
     * order of their first interval's start time.
     */
    public record ForkParts(String key, List<Path> files, List<List<Histogram>> forks) {
        public String mechanism() {
            return key.split("_")[0];
        }

        public int payloadBytes() {
            return Integer.parseInt(key.split("_")[1]);
        }

        public String placement() {
            return key.split("_")[2];
        }

        public String waitStrategy() {
            return RunLayout.waitOf(key);
        }

        public String peers() {
            return RunLayout.peersOf(key);
        }

        /** Every interval of every fork, forks in order. */
        public List<Histogram> intervals() {
            List<Histogram> all = new ArrayList<>();
            forks.forEach(all::addAll);
            return all;
        }
    }

    /** The part files of every benchmark in the run, by key; parts without an interval are left out. */
    public static List<ForkParts> readParts(RunLayout layout) throws IOException {
        Map<String, List<Path>> partsByKey = new TreeMap<>();
        if (Files.isDirectory(layout.latencyDir())) {
            try (DirectoryStream<Path> parts = Files.newDirectoryStream(layout.latencyDir(), "*.hlog.part")) {
                for (Path part : parts) {
                    String name = part.getFileName().toString();
                    partsByKey.computeIfAbsent(name.substring(0, name.indexOf(".fork-")), k -> new ArrayList<>()).add(part);
                }
            }
        }
        List<ForkParts> result = new ArrayList<>();
        for (Map.Entry<String, List<Path>> entry : partsByKey.entrySet()) {
            List<List<Histogram>> forks = new ArrayList<>();
            for (Path part : entry.getValue()) {
                List<Histogram> intervals = readIntervals(part);
                if (!intervals.isEmpty()) {
                    forks.add(intervals);
                }
            }
            forks.sort(Comparator.comparingLong((List<Histogram> fork) -> fork.get(0).getStartTimeStamp()));
            result.add(new ForkParts(entry.getKey(), List.copyOf(entry.getValue()), forks));
        }
        return result;
    }

    /**
     * Joins one benchmark's parts into {@code KEY.hlog} (forks in order) and {@code KEY.hgrm}, deletes the parts and
     * returns the whole histogram.
     */
    public static Histogram merge(RunLayout layout, ForkParts parts) throws IOException {
        List<Histogram> intervals = parts.intervals();
        writeLog(layout.histogramLog(parts.key()), parts.key(), intervals);
        Histogram total = total(intervals);
        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(layout.percentiles(parts.key())), false,
                StandardCharsets.UTF_8)) {
            total.outputPercentileDistribution(hgrm, 5, HGRM_UNIT_RATIO);
        }
        delete(parts);
        return total;
    }

    /** Removes the part files of a benchmark that left no result. */
    public static void delete(ForkParts parts) throws IOException {
        for (Path part : parts.files()) {
            Files.deleteIfExists(part);
        }
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
