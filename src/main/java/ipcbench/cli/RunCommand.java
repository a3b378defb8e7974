package ipcbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import ipcbench.bench.RoundTripLatency;
import ipcbench.bench.StreamingThroughput;
import ipcbench.preflight.Pins;
import ipcbench.preflight.Preflight;
import ipcbench.process.LeftoverSweep;
import ipcbench.mechanism.Trial;
import ipcbench.report.Report;
import ipcbench.report.ReportException;
import ipcbench.results.AllocationRow;
import ipcbench.results.HistogramFiles;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The main job: checks the options, sweeps what killed runs left, runs JMH group by group, then turns what the
 * forks wrote into the run directory's CSV and histogram files (see {@link RunLayout}) and prints a summary.
 */
final class RunCommand {
    private static final String LATENCY_BENCHMARK = RoundTripLatency.class.getName() + ".roundTrip";
    private static final String THROUGHPUT_BENCHMARK = StreamingThroughput.class.getName() + ".batch";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunCommand() {
    }

    static int run(RunOptions options, Path home, PrintStream out) throws UsageException, IOException {
        RunPlan plan = RunPlan.of(options);
        JmhRun jmh = new JmhRun(options.jmhArgs);
        Instant start = Instant.now();
        String runId = RUN_ID.format(start);
        Path resultsRoot = home.resolve("results");
        Path dir = options.results != null ? options.results.toAbsolutePath() : resultsRoot.resolve(runId);
        RunLayout layout = new RunLayout(dir);
        if (Files.exists(layout.runJson())) {
            throw new UsageException(dir + " already holds a run; choose another --results");
        }

        for (String line : LeftoverSweep.sweep()) {
            out.println("ipcbench: removed a leftover of a killed run: " + line);
        }
        Files.createDirectories(dir);
        var cpus = plan.placement.cpus();
        RunInfo info = new RunInfo(runId, start.toString(), null, HostFacts.gitCommit(home),
                HostFacts.environment(plan.allowedCpus, JmhRun.forkFlags()),
                new RunInfo.Options(plan.mechanisms(), options.mechanismsExplicit, options.sizes,
                        options.measure.name().toLowerCase(java.util.Locale.ROOT), options.profile.id(),
                        warmup(plan, options), options.profile.measurement(), options.profile.forks,
                        plan.placement.id(), options.verify, options.jmhArgs),
                new RunInfo.Cpus(cpus.clientCpu(), cpus.serverCpu()), plan.skipped, List.of(),
                Preflight.check(new Pins(cpus.clientCpu(), cpus.serverCpu()), plan.allowedCpus.size()));
        info.write(layout.runJson());
        echoOptions(out, info, plan, dir);

        List<RunResult> results = new ArrayList<>();
        List<Path> jsonParts = new ArrayList<>();
        for (int i = 0; i < plan.groups.size(); i++) {
            Path json = dir.resolve("jmh-result." + i + ".json.part");
            jsonParts.add(json);
            try {
                results.addAll(jmh.run(plan.groups.get(i), options, options.profile, plan.placement.id(), dir, json));
            } catch (RunnerException e) {
                out.println("ipcbench: JMH could not run " + plan.groups.get(i).mechanisms() + ": " + e.getMessage());
            }
        }

        Set<String> succeeded = new TreeSet<>();
        List<ThroughputRow> throughput = new ArrayList<>();
        List<AllocationRow> allocation = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String mechanism = result.getParams().getParam("mechanism");
            int payloadBytes = Integer.parseInt(result.getParams().getParam("payloadBytes"));
            succeeded.add(benchmarkKey(benchmark, mechanism, payloadBytes));
            if (benchmark.equals(THROUGHPUT_BENCHMARK)) {
                Result<?> messages = result.getSecondaryResults().get("messages");
                Result<?> bytes = result.getSecondaryResults().get("bytes");
                throughput.add(new ThroughputRow(mechanism, payloadBytes, plan.placement.id(), messages.getScore(),
                        bytes.getScore(), bytes.getScoreError()));
            }
            Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (allocated != null) {
                boolean batch = benchmark.equals(THROUGHPUT_BENCHMARK);
                allocation.add(new AllocationRow(mechanism, payloadBytes, plan.placement.id(),
                        batch ? "throughput" : "latency", batch ? Trial.batchMessagesFor(payloadBytes) : 1,
                        allocated.getScore()));
            }
        }
        List<LatencyRow> latency = new ArrayList<>();
        for (LatencyRow row : HistogramFiles.merge(layout)) {
            if (succeeded.contains(benchmarkKey(LATENCY_BENCHMARK, row.mechanism(), row.payloadBytes()))) {
                latency.add(row);
            } else {
                String key = RunLayout.key(row.mechanism(), row.payloadBytes(), row.placement());
                Files.deleteIfExists(layout.histogramLog(key));
                Files.deleteIfExists(layout.percentiles(key));
            }
        }
        LatencyRow.write(layout.latencyCsv(), latency);
        ThroughputRow.write(layout.throughputCsv(), throughput);
        if (!allocation.isEmpty()) {
            AllocationRow.write(layout.allocationCsv(), allocation);
        }
        joinJmhResults(jsonParts, layout.jmhResultJson());
        deleteIfEmpty(layout.logsDir());

        List<String> failed = failed(plan, options, succeeded);
        info.finished(Instant.now().toString(), failed).write(layout.runJson());
        if (options.results == null) {
            FileCommands.pointLatest(resultsRoot, runId);
        }
        SummaryTable.print(out, latency, throughput, plan.skipped, failed, layout);
        boolean reported = report(dir, FileCommands.plotsDir(home, dir, null), out);
        if (options.results == null && reported) {
            FileCommands.pointLatest(home.resolve("plots"), runId);
        }
        return failed.isEmpty() && reported ? 0 : 1;
    }

    /** The profile's warm-up, and the longer one of mechanisms that need it (unless JMH options override both). */
    private static String warmup(RunPlan plan, RunOptions options) {
        StringBuilder warmup = new StringBuilder(options.profile.warmup());
        for (RunPlan.Group group : plan.groups) {
            if (group.warmupIterations() != options.profile.warmupIterations) {
                warmup.append("; ").append(String.join(",", group.mechanisms())).append(": ")
                        .append(group.warmupIterations()).append(" x ").append(options.profile.warmupMillis).append(" ms");
            }
        }
        return warmup.toString();
    }

    /** Charts and report.md/html from the files just written; the numbers stand even if drawing fails. */
    private static boolean report(Path dir, Path plotsDir, PrintStream out) {
        if (!Files.exists(dir.resolve("latency.csv"))) {
            return false;
        }
        try {
            Report.Written written = Report.write(dir, plotsDir);
            out.println("plots           " + plotsDir + " (PNG and SVG)");
            out.println("report          " + written.markdown() + ", " + written.html());
            return true;
        } catch (ReportException e) {
            out.println("ipcbench: the results are written, but the report could not be: " + e.getMessage());
            return false;
        }
    }

    private static void echoOptions(PrintStream out, RunInfo info, RunPlan plan, Path dir) {
        RunInfo.Options o = info.options();
        out.printf("ipcbench run %s%n  mechanisms  %s%n  sizes       %s%n  mode        %s%n  profile     %s (warm-up %s,"
                        + " measurement %s, %d fork(s))%n  placement   %s (client CPU %d, echo CPU %d)%n  verify      %s%n"
                        + "  JMH args    %s%n  results     %s%n",
                info.runId(), String.join(",", plan.mechanisms()), o.payloadBytes(), o.mode(), o.profile(), o.warmup(),
                o.measurement(), o.forks(), o.placement(), info.cpus().clientCpu(), info.cpus().serverCpu(), o.verify(),
                o.jmhArgs().isEmpty() ? "-" : String.join(" ", o.jmhArgs()), dir);
        for (RunInfo.Skipped s : plan.skipped) {
            out.println("  skipped     " + s.mechanism() + (s.payloadBytes() == null ? "" : " " + s.payloadBytes() + " B")
                    + ": " + s.reason());
        }
        info.preflight().warnings().forEach(warning -> out.println("  warning     " + warning));
    }

    private static String benchmarkKey(String benchmark, String mechanism, int payloadBytes) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1) + " " + mechanism
                + " " + payloadBytes + " B";
    }

    /** Benchmarks the plan asked for that produced no result. */
    private static List<String> failed(RunPlan plan, RunOptions options, Set<String> succeeded) {
        List<String> benchmarks = new ArrayList<>();
        if (options.measure.latency()) {
            benchmarks.add(LATENCY_BENCHMARK);
        }
        if (options.measure.throughput()) {
            benchmarks.add(THROUGHPUT_BENCHMARK);
        }
        List<String> failed = new ArrayList<>();
        for (RunPlan.Group group : plan.groups) {
            for (String benchmark : benchmarks) {
                for (String mechanism : group.mechanisms()) {
                    for (int size : group.sizes()) {
                        String key = benchmarkKey(benchmark, mechanism, size);
                        if (!succeeded.contains(key)) {
                            failed.add(key);
                        }
                    }
                }
            }
        }
        return failed;
    }

    /** JMH writes one JSON array per run; the run directory keeps their elements, unchanged, in one array. */
    private static void joinJmhResults(List<Path> parts, Path target) throws IOException {
        JsonArray all = new JsonArray();
        for (Path part : parts) {
            if (Files.exists(part)) {
                all.addAll(JsonParser.parseString(Files.readString(part, StandardCharsets.UTF_8)).getAsJsonArray());
                Files.delete(part);
            }
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();
        Files.writeString(target, gson.toJson(all) + "\n", StandardCharsets.UTF_8);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}
