package ipcbench.gate;

import ipcbench.results.ForkRow;
import ipcbench.results.LatencyRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import ipcbench.stats.MedianInterval;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side of a comparison of separately measured runs: a run directory (it holds run.json), or a pool — a directory
 * whose immediate subdirectories are runs. The <b>run</b> is the unit: a run's forks share that run's drift, so forks of
 * different runs are not independent repeats and are never pooled. Each run gives one value per benchmark and metric:
 * the median of its fork values (forks.csv: latency p50_ns / p99_ns, throughput bytes_per_s), or for a run without
 * forks.csv its summary value (latency.csv, throughput.csv). Values that are not positive and finite are dropped.
 */
public final class RunPool {
    static final String FORKS_CSV = "forks.csv";

    private final Path dir;
    private final List<Path> runs;
    private final Map<ResultKey, Map<Metric, double[]>> runValues;

    RunPool(Path dir, List<Path> runs, Map<ResultKey, Map<Metric, double[]>> runValues) {
        this.dir = dir;
        this.runs = List.copyOf(runs);
        this.runValues = runValues;
    }

    /** The directory given: a run or a pool. */
    public Path dir() {
        return dir;
    }

    /** The run directories: one, or the pool's runs in name order. */
    public List<Path> runs() {
        return runs;
    }

    public boolean pooled() {
        return !runs.get(0).equals(dir);
    }

    /** Every benchmark this side measured, with each metric's values, one per run. */
    public Map<ResultKey, Map<Metric, double[]>> runValues() {
        return Collections.unmodifiableMap(runValues);
    }

    /** Reads a run or a pool of runs; nothing is written. */
    public static RunPool load(Path dir) throws GateException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new GateException("not a directory: " + dir);
        }
        List<Path> runs = runsIn(dir);
        Map<ResultKey, Map<Metric, List<Run.Values>>> perRun = new TreeMap<>(ResultKey.ORDER);
        for (Path runDir : runs) {
            Run run = Run.read(runDir);
            run.values().forEach((key, metrics) -> metrics.forEach((metric, values) -> perRun
                    .computeIfAbsent(key, k -> new EnumMap<>(Metric.class))
                    .computeIfAbsent(metric, m -> new ArrayList<>()).add(values)));
        }
        Map<ResultKey, Map<Metric, double[]>> runValues = new LinkedHashMap<>();
        perRun.forEach((key, metrics) -> {
            Map<Metric, double[]> byMetric = new EnumMap<>(Metric.class);
            metrics.forEach((metric, values) -> {
                double[] perRunValues = values.stream().mapToDouble(Run.Values::value).filter(v -> !Double.isNaN(v))
                        .toArray();
                if (perRunValues.length > 0) {
                    byMetric.put(metric, perRunValues);
                }
            });
            runValues.put(key, byMetric);
        });
        return new RunPool(dir, runs, runValues);
    }

    private static List<Path> runsIn(Path dir) throws GateException {
        if (Files.isRegularFile(new RunLayout(dir).runJson())) {
            return List.of(dir);
        }
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                if (Files.isRegularFile(new RunLayout(child).runJson())) {
                    runs.add(child);
                }
            }
        } catch (IOException e) {
            throw new GateException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        if (runs.isEmpty()) {
            throw new GateException(dir + " is neither an ipcbench run (it has no run.json) nor a pool of runs "
                    + "(no subdirectory holds one)");
        }
        runs.sort(null);
        return runs;
    }

    /** One run's values of every benchmark and metric: its forks' and its summary's. */
    private record Run(Map<ResultKey, Map<Metric, Values>> values) {
        /** Fork values and the run's one summary value (NaN if none). */
        record Values(List<Double> forks, double summary) {
            /** The run's one value: the median of its forks, else its summary value (NaN if it has neither). */
            double value() {
                if (forks.isEmpty()) {
                    return summary;
                }
                return MedianInterval.median(forks.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }

        private static final class Builder {
            final List<Double> forks = new ArrayList<>();
            double summary = Double.NaN;
        }

        static Run read(Path dir) throws GateException {
            RunLayout layout = new RunLayout(dir);
            Map<ResultKey, Map<Metric, Builder>> builders = new TreeMap<>(ResultKey.ORDER);
            try {
                Path forksCsv = dir.resolve(FORKS_CSV);
                if (Files.exists(forksCsv)) {
                    for (ForkRow row : ForkRow.read(forksCsv)) {
                        ResultKey key = row.key();
                        if (isLatency(row.mode())) {
                            add(builders, key, Metric.P50).forks.add(row.p50Ns());
                            add(builders, key, Metric.P99).forks.add(row.p99Ns());
                        } else {
                            add(builders, key, Metric.THROUGHPUT).forks.add(row.bytesPerS());
                        }
                    }
                }
                if (Files.exists(layout.latencyCsv())) {
                    for (LatencyRow row : LatencyRow.read(layout.latencyCsv())) {
                        ResultKey key = row.key();
                        add(builders, key, Metric.P50).summary = row.p50Ns();
                        add(builders, key, Metric.P99).summary = row.p99Ns();
                    }
                }
                if (Files.exists(layout.throughputCsv())) {
                    for (ThroughputRow row : ThroughputRow.read(layout.throughputCsv())) {
                        ResultKey key = row.key();
                        add(builders, key, Metric.THROUGHPUT).summary = row.bytesPerS();
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new GateException(dir + ": unreadable result file: " + oneLine(e.getMessage()), e);
            }
            Map<ResultKey, Map<Metric, Values>> values = new LinkedHashMap<>();
            builders.forEach((key, metrics) -> {
                Map<Metric, Values> byMetric = new EnumMap<>(Metric.class);
                metrics.forEach((metric, b) -> byMetric.put(metric, new Values(usable(b.forks),
                        usable(b.summary) ? b.summary : Double.NaN)));
                values.put(key, byMetric);
            });
            return new Run(values);
        }

        private static boolean isLatency(String mode) throws IOException {
            return switch (mode) {
                case "latency" -> true;
                case "throughput" -> false;
                default -> throw new IOException("mode '" + mode + "' is neither latency nor throughput");
            };
        }

        private static Builder add(Map<ResultKey, Map<Metric, Builder>> builders, ResultKey key, Metric metric) {
            return builders.computeIfAbsent(key, k -> new EnumMap<>(Metric.class))
                    .computeIfAbsent(metric, m -> new Builder());
        }

        private static List<Double> usable(List<Double> values) {
            return values.stream().filter(Run::usable).toList();
        }

        private static boolean usable(double value) {
            return value > 0 && !Double.isInfinite(value);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replace('\n', ' ').strip();
    }
}
