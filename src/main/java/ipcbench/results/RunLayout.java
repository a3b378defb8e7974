package ipcbench.results;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The files of one run, a contract that plots, reports and the CI comparison read:
 * <pre>
 * run.json                  environment, options, placement, skipped mechanisms ({@link RunInfo})
 * jmh-result.json           JMH's own JSON results, untouched
 * latency.csv               one row per mechanism × payload × placement ({@link LatencyRow})
 * throughput.csv            one row per mechanism × payload × placement ({@link ThroughputRow})
 * forks.csv                 one row per benchmark and JMH fork ({@link ForkRow})
 * iterations.csv            one row per benchmark, fork and measurement iteration ({@link IterationRow})
 * allocation.csv            heap bytes per operation, only when JMH's gc profiler ran ({@link AllocationRow})
 * cost.csv                  CPU time and context switches per operation, both sides, thread and process ({@link CostRow})
 * latency/KEY.hlog          every measured round trip, one interval per measurement iteration (HdrHistogram log)
 * latency/KEY.hgrm          the whole histogram's percentile distribution, values in microseconds
 * latency/KEY.member-I.hlog --topology fanin: client I's round trips alone (KEY's log holds every client's)
 * members.csv               --topology fanin: one latency row per client ({@link MemberRow})
 * load.csv                  --mode load: one row per mechanism × payload × placement × offered rate ({@link LoadRow})
 * latency/load/KEY_R.hlog   --mode load: every measured message of the point at R messages/s, one interval per
 *                           measurement iteration
 * logs/                     echo-server logs of children that printed anything or failed
 * </pre>
 * where KEY is {@link ResultKey#fileName}: {@code <mechanism>_<payloadBytes>_<placement>_<wait>}, then every later
 * dimension not at its default (runs made before the wait strategy was a dimension have
 * {@code <mechanism>_<payloadBytes>_<placement>}, read as {@code block}). Every CSV starts with the key's columns
 * ({@link Dimension}) and is read by header name; a column a file lacks reads as its dimension's default.
 */
public record RunLayout(Path dir) {
    public Path runJson() {
        return dir.resolve("run.json");
    }

    public Path jmhResultJson() {
        return dir.resolve("jmh-result.json");
    }

    /** JMH's own console output during the run. */
    public Path jmhLog() {
        return dir.resolve("jmh.log");
    }

    public Path latencyCsv() {
        return dir.resolve("latency.csv");
    }

    public Path throughputCsv() {
        return dir.resolve("throughput.csv");
    }

    public Path forksCsv() {
        return dir.resolve("forks.csv");
    }

    public Path iterationsCsv() {
        return dir.resolve("iterations.csv");
    }

    public Path allocationCsv() {
        return dir.resolve("allocation.csv");
    }

    public Path costCsv() {
        return dir.resolve("cost.csv");
    }

    /** Where the forks' cost part files wait for {@link CostRow#collect}; removed once merged. */
    public Path costDir() {
        return dir.resolve("cost");
    }

    /** One JMH fork's cost sums for one benchmark ({@code mode}: latency | throughput). */
    public Path forkCostPart(ResultKey key, String mode, long forkPid) {
        return costDir().resolve(key.fileName() + "_" + mode + ".fork-" + forkPid + ".csv.part");
    }

    public Path latencyDir() {
        return dir.resolve("latency");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    /**
     * Where open-loop trials write: a CSV in load.csv's format, and a directory of each point's histogram log
     * ({@code KEY_<offered messages/s>.hlog}) and each trial's part file ({@code KEY.csv.part}, written point by
     * point by the trial's JVM and joined into the CSV when the run ends).
     */
    public record LoadFiles(Path csv, Path dir) {
        public Path histogramLog(ResultKey key, long offeredPerS) {
            return dir.resolve(key.fileName() + "_" + offeredPerS + ".hlog");
        }

        public Path part(ResultKey key) {
            return dir.resolve(key.fileName() + ".csv.part");
        }
    }

    /** A {@code --mode load} run's: load.csv and {@code latency/load/}. */
    public LoadFiles load() {
        return new LoadFiles(dir.resolve("load.csv"), latencyDir().resolve("load"));
    }

    /** The CPU at fixed offered rates that a latency run measures: cpu-at-load.csv and {@code latency/cpu-at-load/}. */
    public LoadFiles cpuAtLoad() {
        return new LoadFiles(dir.resolve("cpu-at-load.csv"), latencyDir().resolve("cpu-at-load"));
    }

    /**
     * The histogram log of one benchmark, {@code latency/<key's file name>.hlog}; for a key that a run made before
     * the wait strategy was a dimension named by its first three parts only, that older log when it is the one there.
     */
    public Path histogramLog(ResultKey key) {
        Path log = histogramLog(key.fileName());
        String older = key.nameBeforeDimensions();
        if (older == null || Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            return log;
        }
        Path legacy = histogramLog(older);
        return Files.exists(legacy, LinkOption.NOFOLLOW_LINKS) ? legacy : log;
    }

    private Path histogramLog(String name) {
        return latencyDir().resolve(name + ".hlog");
    }

    public Path percentiles(ResultKey key) {
        return latencyDir().resolve(key.fileName() + ".hgrm");
    }

    /** One JMH fork's part of a histogram log, merged into {@link #histogramLog} when the run ends. */
    public Path forkHistogramLog(ResultKey key, long forkPid) {
        return latencyDir().resolve(key.fileName() + FORK_PART + forkPid + ".hlog.part");
    }

    /** One fan-in client's part of a fork's histogram log ({@link #forkHistogramLog}): member {@code member}'s. */
    public Path forkMemberHistogramLog(ResultKey key, long forkPid, int member) {
        return latencyDir().resolve(key.fileName() + FORK_PART + forkPid + MEMBER_PART + member + ".hlog.part");
    }

    /** The histogram log of one fan-in client over all forks, {@code latency/<key's file name>.member-<i>.hlog}. */
    public Path memberHistogramLog(ResultKey key, int member) {
        return latencyDir().resolve(key.fileName() + ".member-" + member + ".hlog");
    }

    /** Per-client rows of fan-in runs. */
    public Path membersCsv() {
        return dir.resolve("members.csv");
    }

    /** What follows the key's file name in a fork part's name. */
    static final String FORK_PART = ".fork-";
    /** What follows the fork's pid in a fan-in client's part name. */
    static final String MEMBER_PART = ".m";
}
