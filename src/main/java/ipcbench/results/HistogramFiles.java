package ipcbench.results;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

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

/**
 * Histogram files of a run. Each JMH fork appends one interval per measurement iteration to its own part file ({@link
 * IntervalLog}); when the run ends {@link #readParts} reads them ({@link HistogramLog}, bounded) fork by fork and
 * {@link #merge} joins the parts of each benchmark into one {@code .hlog} and writes the {@code .hgrm} percentile
 * distribution. Values are nanoseconds; the {@code .hgrm} prints them in microseconds.
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
     * order of their first interval's start time. In a fan-in each fork's interval i is the sum of its clients'
     * intervals i (the fork stays the unit of repetition), and {@code members} keeps each client's intervals over
     * every fork, client by client; it is empty for a pair.
     */
    public record ForkParts(String fileName, List<Path> files, List<List<Histogram>> forks,
                            List<List<Histogram>> members) {

        /** Every interval of every fork, forks in order. */
        public List<Histogram> intervals() {
            List<Histogram> all = new ArrayList<>();
            forks.forEach(all::addAll);
            return all;
        }
    }

    /**
     * The part files of every benchmark in the run, by the file name of its key ({@link ResultKey#fileName}); parts
     * without an interval are left out.
     */
    public static List<ForkParts> readParts(RunLayout layout) throws IOException {
        Map<String, List<Path>> partsByKey = new TreeMap<>();
        if (Files.isDirectory(layout.latencyDir())) {
            try (DirectoryStream<Path> parts = Files.newDirectoryStream(layout.latencyDir(), "*.hlog.part")) {
                for (Path part : parts) {
                    String name = part.getFileName().toString();
                    partsByKey.computeIfAbsent(name.substring(0, name.indexOf(RunLayout.FORK_PART)), k -> new ArrayList<>()).add(part);
                }
            }
        }
        List<ForkParts> result = new ArrayList<>();
        for (Map.Entry<String, List<Path>> entry : partsByKey.entrySet()) {
            // fork pid -> member -> intervals; a pair's part is member -1
            Map<String, Map<Integer, List<Histogram>>> byFork = new TreeMap<>();
            for (Path part : entry.getValue()) {
                List<Histogram> intervals = HistogramLog.intervals(part);
                if (!intervals.isEmpty()) {
                    String rest = part.getFileName().toString().substring(entry.getKey().length()
                            + RunLayout.FORK_PART.length());
                    String fork = rest.substring(0, rest.indexOf('.'));
                    byFork.computeIfAbsent(fork, k -> new TreeMap<>()).put(memberOf(rest), intervals);
                }
            }
            List<List<Histogram>> forks = new ArrayList<>();
            Map<Integer, List<Histogram>> members = new TreeMap<>();
            for (Map<Integer, List<Histogram>> fork : byFork.values()) {
                forks.add(sumByIteration(fork.values()));
                fork.forEach((member, intervals) -> {
                    if (member >= 0) {
                        members.computeIfAbsent(member, k -> new ArrayList<>()).addAll(intervals);
                    }
                });
            }
            forks.sort(Comparator.comparingLong((List<Histogram> fork) -> fork.get(0).getStartTimeStamp()));
            result.add(new ForkParts(entry.getKey(), List.copyOf(entry.getValue()), forks,
                    List.copyOf(members.values())));
        }
        return result;
    }

    /** The client a part's name after {@code .fork-} names ({@code PID.mI.hlog.part}), or -1 for a pair's part. */
    private static int memberOf(String afterFork) {
        String[] parts = afterFork.split("\\.");
        String member = parts.length > 1 ? parts[1] : "";
        return member.matches("m[0-9]{1,2}") ? Integer.parseInt(member.substring(1)) : -1;
    }

    /**
     * Interval i of the result holds interval i of every log given (the clients of one fork measured the same
     * iterations), from the earliest start to the latest end; only iterations every log has are kept.
     */
    static List<Histogram> sumByIteration(java.util.Collection<List<Histogram>> logs) {
        if (logs.size() == 1) {
            return logs.iterator().next();
        }
        int iterations = logs.stream().mapToInt(List::size).min().orElse(0);
        List<Histogram> sums = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
            sum.setAutoResize(true);
            long startMs = Long.MAX_VALUE;
            long endMs = 0;
            for (List<Histogram> log : logs) {
                Histogram interval = log.get(i);
                sum.add(interval);
                startMs = Math.min(startMs, interval.getStartTimeStamp());
                endMs = Math.max(endMs, interval.getEndTimeStamp());
            }
            sum.setStartTimeStamp(startMs);
            sum.setEndTimeStamp(endMs);
            sum.setTag(logs.iterator().next().get(i).getTag());
            sums.add(sum);
        }
        return sums;
    }

    /**
     * Joins the parts of benchmark {@code key} into {@code KEY.hlog} (forks in order), a fan-in client's into its own
     * {@code KEY.member-I.hlog}, and {@code KEY.hgrm}, deletes the parts and returns the whole histogram.
     */
    public static Histogram merge(RunLayout layout, ResultKey key, ForkParts parts) throws IOException {
        List<Histogram> intervals = parts.intervals();
        writeLog(layout.histogramLog(key), key.fileName(), intervals);
        for (int member = 0; member < parts.members().size(); member++) {
            writeLog(layout.memberHistogramLog(key, member), key.fileName() + " client " + member,
                    parts.members().get(member));
        }
        Histogram total = total(intervals);
        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(layout.percentiles(key)), false,
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
