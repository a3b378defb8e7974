package ipcbench.report;

import ipcbench.results.AllocationRow;
import ipcbench.results.Dimension;
import ipcbench.results.CostRow;
import ipcbench.results.HistogramLog;
import ipcbench.results.LatencyRow;
import ipcbench.results.LoadRow;
import ipcbench.results.MemberRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One finished run read through the results contract ({@link RunLayout}): run.json, latency.csv, throughput.csv,
 * allocation.csv (only runs made with JMH's gc profiler have it), cost.csv, cpu-at-load.csv and, on demand, the
 * histogram log of each
 * latency row (summed as it is read, never kept interval by interval). A missing CSV means the run measured nothing of
 * that kind (a latency-only run has no throughput.csv); a CSV or log that is there but unreadable is an error. {@link
 * #latency()} and {@link #throughput()} are the rows the report's views show, those of one peers value, one io path
 * and one link ({@link PeersViews#shown}, {@link PeersViews#shownIo}, {@link PeersViews#shownLink});
 * {@link #allLatency()} and {@link #allThroughput()} hold every one.
 */
final class RunData {
    static final String UNKNOWN_FAMILY = "unknown";

    private final RunLayout layout;
    private final RunInfo info;
    private final List<LatencyRow> latency;
    private final List<ThroughputRow> throughput;
    private final String shownPeers;
    private final String shownIo;
    private final String shownLink;
    private final String shownFan;
    private final List<AllocationRow> allocation;
    private final List<CostRow> cost;
    private final List<LoadRow> cpuAtLoad;
    private final List<MemberRow> members;
    private final Map<ResultKey, Optional<Histogram>> totalsByKey = new HashMap<>();

    private RunData(RunLayout layout, RunInfo info, List<LatencyRow> latency, List<ThroughputRow> throughput,
                    List<AllocationRow> allocation, List<CostRow> cost, List<LoadRow> cpuAtLoad,
                    List<MemberRow> members) {
        this.layout = layout;
        this.info = info;
        this.latency = latency;
        this.throughput = throughput;
        this.allocation = allocation;
        this.cost = cost;
        this.cpuAtLoad = cpuAtLoad;
        this.members = members;
        this.shownPeers = PeersViews.shown(this);
        this.shownIo = PeersViews.shownIo(this);
        this.shownLink = PeersViews.shownLink(this);
        List<String> fans = GroupBy.values(Dimension.FAN, latency, throughput);
        this.shownFan = fans.isEmpty() ? Dimension.FAN.defaultValue() : fans.get(0);
    }

    static RunData load(Path dir) throws ReportException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ReportException("not a directory: " + dir);
        }
        RunLayout layout = new RunLayout(dir);
        if (!Files.isRegularFile(layout.runJson())) {
            throw new ReportException(dir + " is not an ipcbench run: it has no run.json");
        }
        try {
            RunInfo info = RunInfo.read(layout.runJson());
            List<LatencyRow> latency = Files.exists(layout.latencyCsv())
                    ? LatencyRow.read(layout.latencyCsv()) : List.of();
            List<ThroughputRow> throughput = Files.exists(layout.throughputCsv())
                    ? ThroughputRow.read(layout.throughputCsv()) : List.of();
            List<AllocationRow> allocation = Files.exists(layout.allocationCsv())
                    ? AllocationRow.read(layout.allocationCsv()) : List.of();
            List<CostRow> cost = Files.exists(layout.costCsv()) ? CostRow.read(layout.costCsv()) : List.of();
            Path cpuAtLoadCsv = layout.cpuAtLoad().csv();
            List<LoadRow> cpuAtLoad = Files.exists(cpuAtLoadCsv) ? LoadRow.read(cpuAtLoadCsv) : List.of();
            List<MemberRow> members = Files.exists(layout.membersCsv()) ? MemberRow.read(layout.membersCsv())
                    : List.of();
            return new RunData(layout, info, latency, throughput, allocation, cost, cpuAtLoad, members);
        } catch (IOException e) {
            throw new ReportException(oneLine(e.getMessage()), e);
        }
    }

    Path dir() {
        return layout.dir();
    }

    RunInfo info() {
        return info;
    }

    /**
     * The latency rows of the peers, io path, link and fan the views show: a fan-in run's views show its fewest
     * clients, and its Fan-in section shows how the rows change with more ({@link Fans}).
     */
    List<LatencyRow> latency() {
        return GroupBy.at(PeersViews.of(latency, shownPeers, shownIo, shownLink), Dimension.FAN, shownFan);
    }

    /** The throughput rows of the peers, io path, link and fan the views show. */
    List<ThroughputRow> throughput() {
        return GroupBy.at(PeersViews.of(throughput, shownPeers, shownIo, shownLink), Dimension.FAN, shownFan);
    }

    /** Every latency row, of every peers value, io path and link. */
    List<LatencyRow> allLatency() {
        return latency;
    }

    /** Every throughput row, of every peers value, io path and link. */
    List<ThroughputRow> allThroughput() {
        return throughput;
    }

    /** The peers value the views show ({@link PeersViews#shown}). */
    String shownPeers() {
        return shownPeers;
    }

    /** The link the views show ({@link PeersViews#shownLink}): loopback when measured. */
    String shownLink() {
        return shownLink;
    }

    /** allocation.csv's rows of the views' peers, io path and link; empty when the run did not use the gc profiler. */
    List<AllocationRow> allocation() {
        return GroupBy.at(PeersViews.of(allocation, shownPeers, shownIo, shownLink), Dimension.FAN, shownFan);
    }

    /** cost.csv's rows; empty for runs made before it existed. */
    List<CostRow> cost() {
        return cost;
    }

    /** members.csv's rows: each fan-in client's own latency; empty for runs of pairs. */
    List<MemberRow> members() {
        return members;
    }

    /** cpu-at-load.csv's rows: the cores each mechanism kept busy at fixed offered rates; empty when not measured. */
    List<LoadRow> cpuAtLoad() {
        return cpuAtLoad;
    }

    /** The run's id, or the directory name when run.json lacks one. */
    String label() {
        return info.runId() != null ? info.runId() : dir().getFileName().toString();
    }

    /** Every placement with a result, of any peers, sorted. */
    List<String> placements() {
        TreeSet<String> placements = new TreeSet<>();
        latency.forEach(row -> placements.add(row.placement()));
        throughput.forEach(row -> placements.add(row.placement()));
        return List.copyOf(placements);
    }

    List<RunInfo.Skipped> skipped() {
        return info.skipped() == null ? List.of() : info.skipped();
    }

    /** What run.json says about each mechanism; empty for runs made before it said anything. */
    List<RunInfo.MechanismInfo> mechanisms() {
        return info.mechanisms() == null ? List.of() : info.mechanisms();
    }

    /** The description of {@code id} in this run's run.json, or one that says there is none. */
    RunInfo.MechanismInfo mechanism(String id) {
        for (RunInfo.MechanismInfo known : mechanisms()) {
            if (known.id().equals(id)) {
                return known;
            }
        }
        return new RunInfo.MechanismInfo(id, UNKNOWN_FAMILY, "(no description: run.json does not describe it)",
                Integer.MAX_VALUE);
    }

    List<String> failed() {
        return info.failed() == null ? List.of() : info.failed();
    }

    /**
     * The sum of one latency row's measurement iterations, in nanoseconds, from its .hlog, read one interval at a time
     * ({@link HistogramLog#total}, bounded); empty when the log is absent or has no interval (the CSV row still
     * stands, only what needs the histogram is left out and says so).
     */
    Optional<Histogram> histogram(LatencyRow row) throws ReportException {
        Optional<Histogram> cached = totalsByKey.get(row.key());
        if (cached != null) {
            return cached;
        }
        // A key off its defaults is never read under an older, shorter name: a missing log is said, not replaced.
        Path log = layout.histogramLog(row.key());
        Optional<Histogram> total = Optional.empty();
        if (Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Histogram read = HistogramLog.total(log);
                total = read.getTotalCount() == 0 ? Optional.empty() : Optional.of(read);
            } catch (IOException e) {
                throw new ReportException(oneLine(e.getMessage()), e);
            }
        }
        totalsByKey.put(row.key(), total);
        return total;
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replace('\n', ' ').strip();
    }
}
