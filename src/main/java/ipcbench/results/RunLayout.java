package ipcbench.results;

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
 * load.csv                  --mode load: one row per mechanism × payload × placement × offered rate ({@link LoadRow})
 * latency/load/KEY_R.hlog   --mode load: every measured message of the point at R messages/s, one interval per
 *                           measurement iteration
 * logs/                     echo-server logs of children that printed anything or failed
 * </pre>
 * where KEY is {@code <mechanism>_<payloadBytes>_<placement>_<wait>} (runs made before the wait strategy was a
 * dimension have {@code <mechanism>_<payloadBytes>_<placement>}, read as {@code block}). Every CSV's last column but
 * cost.csv's is {@code wait}: block | spin; files without it read as {@code block}. latency.csv and throughput.csv
 * then end in {@code peers}: jvm-jvm | jvm-native | native-native; files without it read as {@link #DEFAULT_PEERS}.
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
    public Path forkCostPart(String key, String mode, long forkPid) {
        return costDir().resolve(key + "_" + mode + ".fork-" + forkPid + ".csv.part");
    }

    public Path latencyDir() {
        return dir.resolve("latency");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    public Path loadCsv() {
        return dir.resolve("load.csv");
    }

    public Path loadDir() {
        return latencyDir().resolve("load");
    }

    /** One load point's histogram log: {@code latency/load/KEY_<offered messages/s>.hlog}. */
    public Path loadHistogramLog(String key, long offeredPerS) {
        return loadDir().resolve(key + "_" + offeredPerS + ".hlog");
    }

    /** One load trial's rows, written point by point by its JVM and joined into load.csv when the run ends. */
    public Path loadPart(String key) {
        return loadDir().resolve(key + ".csv.part");
    }

    /** The wait strategy of rows and files from runs that did not record one. */
    public static final String DEFAULT_WAIT = "block";

    /**
     * Which ends were Java, client first ({@code jvm-jvm}, {@code jvm-native}: JVM client and C echo server,
     * {@code native-native}), of rows and files from runs that did not record it.
     */
    public static final String DEFAULT_PEERS = "jvm-jvm";

    /** {@code <mechanism>_<payloadBytes>_<placement>_<wait>}: names the histogram files of one benchmark. */
    public static String key(String mechanism, int payloadBytes, String placement, String wait) {
        return mechanism + "_" + payloadBytes + "_" + placement + "_" + wait;
    }

    /** The key of a blocking benchmark. */
    public static String key(String mechanism, int payloadBytes, String placement) {
        return key(mechanism, payloadBytes, placement, DEFAULT_WAIT);
    }

    /** The wait strategy in a key; {@code block} for a three-part key of an older run. */
    public static String waitOf(String key) {
        String[] parts = key.split("_");
        return parts.length > 3 ? parts[3] : DEFAULT_WAIT;
    }

    /**
     * The histogram log of one benchmark: {@link #histogramLog} of its key, or for a blocking benchmark of an older
     * run, the log under its three-part key.
     */
    public Path histogramLog(String mechanism, int payloadBytes, String placement, String wait) {
        Path log = histogramLog(key(mechanism, payloadBytes, placement, wait));
        Path legacy = latencyDir().resolve(mechanism + "_" + payloadBytes + "_" + placement + ".hlog");
        return !java.nio.file.Files.exists(log) && wait.equals(DEFAULT_WAIT) && java.nio.file.Files.exists(legacy)
                ? legacy : log;
    }

    public Path histogramLog(String key) {
        return latencyDir().resolve(key + ".hlog");
    }

    public Path percentiles(String key) {
        return latencyDir().resolve(key + ".hgrm");
    }

    /** One JMH fork's part of a histogram log, merged into {@link #histogramLog} when the run ends. */
    public Path forkHistogramLog(String key, long forkPid) {
        return latencyDir().resolve(key + ".fork-" + forkPid + ".hlog.part");
    }
}
