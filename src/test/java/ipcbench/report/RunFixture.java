package ipcbench.report;

import ipcbench.preflight.Preflight;
import ipcbench.results.AllocationRow;
import ipcbench.results.Dimension;
import ipcbench.results.ForkRow;
import ipcbench.results.HostFloor;
import ipcbench.results.HistogramFiles;
import ipcbench.results.Interval;
import ipcbench.results.IterationRow;
import ipcbench.results.LatencyRow;
import ipcbench.results.Repeats;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hand-made run directory, written with the results writers as a real run would leave it: run.json, latency.csv
 * from HdrHistogram intervals recorded here (one per measurement iteration), their .hlog files, throughput.csv, and
 * the per-fork and per-iteration values (forks.csv, iterations.csv) of a run that records them; a run made without
 * {@link #forks} or {@link #iterations} has neither file, like an older run. Report steps only read files, so no
 * IPC is involved.
 */
final class RunFixture {
    /** Round trips recorded per iteration. */
    private static final int SAMPLES_PER_ITERATION = 2_000;

    private final Path dir;
    private final String runId;
    private String kernel = "6.1.0-test-amd64";
    private String jdkVersion = "17.0.15";
    private String measurement = "3 x 1 s";
    private List<Integer> payloads = List.of(64, 4096);
    private final List<LatencyRow> latency = new ArrayList<>();
    private final List<ThroughputRow> throughput = new ArrayList<>();
    private final List<ForkRow> forks = new ArrayList<>();
    private final List<IterationRow> iterations = new ArrayList<>();
    private final List<RunInfo.Skipped> skipped = new ArrayList<>();
    private Preflight preflight;
    private List<HostFloor> floors;
    private RunInfo.Cpus cpus = new RunInfo.Cpus(0, 1);
    private final List<String> failed = new ArrayList<>();
    private final List<RunInfo.MechanismInfo> described = new ArrayList<>();
    private final List<AllocationRow> allocation = new ArrayList<>();
    private Map<String, String> libraryVersions;
    private String link = Dimension.LINK.defaultValue();
    private final List<RunInfo.LinkInfo> links = new ArrayList<>();

    RunFixture(Path dir, String runId) {
        this.dir = dir;
        this.runId = runId;
    }

    RunFixture kernel(String value) {
        kernel = value;
        return this;
    }

    RunFixture jdkVersion(String value) {
        jdkVersion = value;
        return this;
    }

    RunFixture measurement(String value) {
        measurement = value;
        return this;
    }

    RunFixture payloads(Integer... values) {
        payloads = List.of(values);
        return this;
    }

    /**
     * One latency benchmark whose measurement iteration i has its median at {@code iterationMediansNs[i]}: values
     * spread ±10% around it, and the slowest 2% at three times it (a tail for p99).
     */
    RunFixture latency(String mechanism, int payloadBytes, String placement, long... iterationMediansNs)
            throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        long start = 1_700_000_000_000L;
        for (long median : iterationMediansNs) {
            Histogram interval = new Histogram(HistogramFiles.SIGNIFICANT_DIGITS);
            interval.setAutoResize(true);
            for (int i = 0; i < SAMPLES_PER_ITERATION; i++) {
                double position = (double) i / SAMPLES_PER_ITERATION;
                long value = position >= 0.98 ? 3 * median : Math.round(median * (0.9 + 0.2 * position / 0.98));
                interval.recordValue(value);
            }
            interval.setStartTimeStamp(start);
            interval.setEndTimeStamp(start + 1_000);
            start += 1_000;
            intervals.add(interval);
        }
        RunLayout layout = new RunLayout(dir);
        ResultKey key = key(mechanism, payloadBytes, placement);
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(layout.histogramLog(key), "test " + key,
                intervals.get(0).getStartTimeStamp())) {
            intervals.forEach(log::append);
        }
        latency.add(LatencyRow.of(key, HistogramFiles.total(intervals)));
        return this;
    }

    /** The link of the rows added after this call (loopback until called). */
    RunFixture over(String value) {
        link = value;
        return this;
    }

    /** A link besides loopback as run.json describes it (none: a loopback run's run.json). */
    RunFixture linkInfo(RunInfo.LinkInfo described) {
        links.add(described);
        return this;
    }

    /**
     * Gives the latency row already added for {@code mechanism} at {@code payloadBytes} (over the current link) these
     * p50 and p99 intervals (ns), as over five forks with 94% coverage, stable.
     */
    RunFixture intervals(String mechanism, int payloadBytes, String placement, double p50LowNs, double p50HighNs,
                         double p99LowNs, double p99HighNs) {
        for (int i = 0; i < latency.size(); i++) {
            LatencyRow row = latency.get(i);
            if (row.key().equals(key(mechanism, payloadBytes, placement))) {
                latency.set(i, row.withRepeats(new Interval(p50LowNs, p50HighNs), new Interval(p99LowNs, p99HighNs),
                        new Repeats(5, Repeats.FROM_FORKS, 0.94, true, "")));
                return this;
            }
        }
        throw new IllegalStateException("no latency row " + mechanism + " " + payloadBytes + " " + placement);
    }

    /** One allocation.csv row (only a run with such rows has the file). */
    RunFixture allocation(String mechanism, int payloadBytes, String placement, String benchmark, int messagesPerOp,
                          double bytesPerOp) {
        allocation.add(new AllocationRow(key(mechanism, payloadBytes, placement), benchmark, messagesPerOp,
                bytesPerOp));
        return this;
    }

    /** The library versions run.json records (none: an older run's run.json). */
    RunFixture libraryVersions(Map<String, String> versions) {
        libraryVersions = versions;
        return this;
    }

    RunFixture throughput(String mechanism, int payloadBytes, String placement, double bytesPerS, double error) {
        throughput.add(new ThroughputRow(key(mechanism, payloadBytes, placement), bytesPerS / payloadBytes,
                bytesPerS, error));
        return this;
    }

    /**
     * Gives the throughput row already added for {@code mechanism} at {@code payloadBytes} (over the current link)
     * this interval (bytes/s), as over five forks with 94% coverage, stable.
     */
    RunFixture throughputInterval(String mechanism, int payloadBytes, String placement, double low, double high) {
        for (int i = 0; i < throughput.size(); i++) {
            ThroughputRow row = throughput.get(i);
            if (row.key().equals(key(mechanism, payloadBytes, placement))) {
                throughput.set(i, new ThroughputRow(row.key(), row.messagesPerS(), row.bytesPerS(),
                        row.bytesPerSError(), new Interval(low, high), new Repeats(5, Repeats.FROM_FORKS, 0.94, true,
                        "")));
                return this;
            }
        }
        throw new IllegalStateException("no throughput row " + mechanism + " " + payloadBytes + " " + placement);
    }

    /** forks.csv latency rows, one per fork: p50 as given, p90 1.5×, p99 2×, p99.9 3× it. */
    RunFixture forks(String mechanism, int payloadBytes, String placement, double... p50Ns) {
        for (double p50 : p50Ns) {
            forks.add(new ForkRow(key(mechanism, payloadBytes, placement), "latency", forkCount(mechanism, payloadBytes,
                    placement, "latency") + 1, p50, 1.5 * p50, 2 * p50, 3 * p50, Double.NaN, Double.NaN));
        }
        return this;
    }

    /** forks.csv throughput rows, one per fork. */
    RunFixture throughputForks(String mechanism, int payloadBytes, String placement, double... bytesPerS) {
        for (double rate : bytesPerS) {
            forks.add(new ForkRow(key(mechanism, payloadBytes, placement), "throughput", forkCount(mechanism, payloadBytes,
                    placement, "throughput") + 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    rate / payloadBytes, rate));
        }
        return this;
    }

    /** iterations.csv latency rows of fork 1: p50 as given, p99 2× it. */
    RunFixture iterations(String mechanism, int payloadBytes, String placement, double... p50Ns) {
        for (int i = 0; i < p50Ns.length; i++) {
            iterations.add(new IterationRow(key(mechanism, payloadBytes, placement), "latency", 1, i + 1, p50Ns[i],
                    2 * p50Ns[i], 1.2 * p50Ns[i], Double.NaN, Double.NaN));
        }
        return this;
    }

    /** iterations.csv throughput rows of fork 1. */
    RunFixture throughputIterations(String mechanism, int payloadBytes, String placement, double... bytesPerS) {
        for (int i = 0; i < bytesPerS.length; i++) {
            iterations.add(new IterationRow(key(mechanism, payloadBytes, placement), "throughput", 1, i + 1, Double.NaN,
                    Double.NaN, Double.NaN, bytesPerS[i] / payloadBytes, bytesPerS[i]));
        }
        return this;
    }

    /** The key of a blocking jvm-jvm benchmark over the current link. */
    private ResultKey key(String mechanism, int payloadBytes, String placement) {
        return ResultKey.of(mechanism, payloadBytes, placement, "block", "jvm-jvm").with(Dimension.LINK, link);
    }

    private int forkCount(String mechanism, int payloadBytes, String placement, String mode) {
        return (int) forks.stream().filter(f -> f.mechanism().equals(mechanism) && f.payloadBytes() == payloadBytes
                && f.placement().equals(placement) && f.mode().equals(mode)).count();
    }

    RunFixture skipped(String mechanism, Integer payloadBytes, String reason) {
        skipped.add(new RunInfo.Skipped(mechanism, payloadBytes, reason));
        return this;
    }

    RunFixture cpus(int client, int server) {
        cpus = new RunInfo.Cpus(client, server);
        return this;
    }

    RunFixture floors(List<HostFloor> measured) {
        floors = measured;
        return this;
    }

    RunFixture preflight(Preflight checks) {
        preflight = checks;
        return this;
    }

    /** Describes a mechanism in run.json, as a run made today does; without any, run.json is an older run's. */
    RunFixture described(String mechanism, String family, String summary) {
        described.add(new RunInfo.MechanismInfo(mechanism, family, summary, described.size()));
        return this;
    }

    RunFixture failed(String benchmark) {
        failed.add(benchmark);
        return this;
    }

    Path write() throws IOException {
        Files.createDirectories(dir);
        RunLayout layout = new RunLayout(dir);
        List<String> mechanisms = new ArrayList<>();
        latency.forEach(row -> addOnce(mechanisms, row.mechanism()));
        forks.forEach(row -> addOnce(mechanisms, row.mechanism()));
        iterations.forEach(row -> addOnce(mechanisms, row.mechanism()));
        throughput.forEach(row -> addOnce(mechanisms, row.mechanism()));
        skipped.forEach(row -> addOnce(mechanisms, row.mechanism()));
        RunInfo info = new RunInfo(runId, "2026-11-26T07:00:00Z", "2026-11-26T07:05:00Z", "abc1234",
                new RunInfo.Environment("testhost", "Linux", kernel, "amd64", "Test CPU @ 2.0GHz", 2, List.of(0, 1),
                        "Debian", jdkVersion, "OpenJDK 64-Bit Server VM", "/usr/lib/jvm/test", List.of("-Xmx1g"),
                        List.of("-Xmx256m"), libraryVersions),
                new RunInfo.Options(mechanisms, true, payloads, "both", "smoke", "1 x 1 s", measurement, 1, "cross",
                        false, List.of()),
                cpus, skipped, failed, null, null, preflight, floors);
        if (!described.isEmpty()) {
            info = info.withMechanisms(described);
        }
        if (!links.isEmpty()) {
            info = info.withLinks(links);
        }
        info.write(layout.runJson());
        if (!latency.isEmpty()) {
            LatencyRow.write(layout.latencyCsv(), latency);
        }
        if (!throughput.isEmpty()) {
            ThroughputRow.write(layout.throughputCsv(), throughput);
        }
        if (!allocation.isEmpty()) {
            AllocationRow.write(layout.allocationCsv(), allocation);
        }
        if (!forks.isEmpty()) {
            ForkRow.write(dir.resolve("forks.csv"), forks);
        }
        if (!iterations.isEmpty()) {
            IterationRow.write(dir.resolve("iterations.csv"), iterations);
        }
        return dir;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
