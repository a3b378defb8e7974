package ipcbench.results;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins one-fork runs of the same options into one run directory whose forks they are, as if one run had measured
 * them: the forks' histogram logs become the run's fork parts (ordered by their start time), their throughput
 * iterations and JMH latency scores become outcomes (without allocation: a gate's forks run no profiler), and {@link RunRows} then makes every CSV as a run does, so
 * {@code report} and {@code plot} work on the result. A gate measures each side this way, one fork at a time between
 * the other side's. Per-fork CPU cost parts are not kept by a finished run, so the joined run has no cost.csv.
 */
public final class RunMerge {
    private RunMerge() {
    }

    /**
     * @param forkRuns finished run directories (each with run.json), in the order they were measured
     * @param target   a directory to create; it must not exist
     */
    public static void merge(List<Path> forkRuns, Path target, String runId, String gitCommit) throws IOException {
        if (forkRuns.isEmpty()) {
            throw new IOException("no run to join into " + target);
        }
        Files.createDirectory(target);
        RunLayout layout = new RunLayout(target);
        Files.createDirectories(layout.latencyDir());
        List<JmhOutcome> outcomes = new ArrayList<>();
        Set<String> mechanisms = new LinkedHashSet<>();
        Set<Integer> sizes = new TreeSet<>();
        List<String> failed = new ArrayList<>();
        RunInfo first = RunInfo.read(new RunLayout(forkRuns.get(0)).runJson());
        String finishedAt = first.finishedAt();
        int part = 0;
        for (Path forkRun : forkRuns) {
            RunLayout fork = new RunLayout(forkRun);
            RunInfo info = RunInfo.read(fork.runJson());
            mechanisms.addAll(info.options().mechanisms());
            sizes.addAll(info.options().payloadBytes());
            if (info.failed() != null) {
                failed.addAll(info.failed());
            }
            finishedAt = info.finishedAt() != null ? info.finishedAt() : finishedAt;
            part++;
            if (Files.isRegularFile(fork.latencyCsv())) {
                for (LatencyRow row : LatencyRow.read(fork.latencyCsv())) {
                    Files.copy(fork.histogramLog(row.key()), layout.forkHistogramLog(row.key(), part));
                    outcomes.add(new JmhOutcome(JmhOutcome.LATENCY, row.key(), latencyScoreNs(fork, row), Double.NaN,
                            Double.NaN, Double.NaN, List.of(), Double.NaN, 1));
                }
            }
            if (Files.isRegularFile(fork.throughputCsv())) {
                List<IterationRow> iterations = Files.isRegularFile(fork.iterationsCsv())
                        ? IterationRow.read(fork.iterationsCsv()) : List.of();
                for (ThroughputRow row : ThroughputRow.read(fork.throughputCsv())) {
                    List<JmhOutcome.Rates> rates = new ArrayList<>();
                    for (IterationRow iteration : iterations) {
                        if (iteration.mode().equals(JmhOutcome.THROUGHPUT) && iteration.key().equals(row.key())) {
                            rates.add(new JmhOutcome.Rates(iteration.messagesPerS(), iteration.bytesPerS()));
                        }
                    }
                    outcomes.add(new JmhOutcome(JmhOutcome.THROUGHPUT, row.key(), Double.NaN, row.messagesPerS(),
                            row.bytesPerS(), Double.NaN, List.of(rates), Double.NaN, 1));
                }
            }
        }
        RunRows.collect(layout, outcomes).write(layout);
        RunInfo.Options o = first.options();
        RunInfo.Options options = new RunInfo.Options(List.copyOf(mechanisms), o.mechanismsExplicit(),
                List.copyOf(sizes), o.mode(), o.profile(), o.warmup(), o.measurement(), forkRuns.size(), o.placement(),
                o.verify(), o.jmhArgs(), o.waitStrategy(), o.peers());
        new RunInfo(runId, first.startedAt(), finishedAt, gitCommit, first.environment(), options, first.cpus(),
                first.skipped(), failed, first.harness(), first.mechanisms(), first.preflight(),
                first.floors(), first.links())
                .write(layout.runJson());
    }

    /** JMH's own latency score of the benchmark in the fork's jmh-result.json, in ns; NaN when it is not there. */
    private static double latencyScoreNs(RunLayout fork, LatencyRow row) throws IOException {
        Path json = fork.jmhResultJson();
        if (!Files.isRegularFile(json)) {
            return Double.NaN;
        }
        for (JsonElement element : JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8))
                .getAsJsonArray()) {
            JsonObject result = element.getAsJsonObject();
            JsonObject params = result.getAsJsonObject("params");
            if (!result.get("benchmark").getAsString().endsWith(".roundTrip") || params == null
                    || !row.mechanism().equals(params.get("mechanism").getAsString())
                    || row.payloadBytes() != params.get("payloadBytes").getAsInt()) {
                continue;
            }
            JsonObject primary = result.getAsJsonObject("primaryMetric");
            return primary.get("score").getAsDouble() * JmhOutcome.nanosPer(primary.get("scoreUnit").getAsString());
        }
        return Double.NaN;
    }
}
