package ipcbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import ipcbench.bench.HarnessCost;
import ipcbench.bench.Profile;
import ipcbench.bench.RoundTripLatency;
import ipcbench.bench.StreamingThroughput;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.preflight.Pins;
import ipcbench.preflight.Preflight;
import ipcbench.process.ClassArchives;
import ipcbench.process.FloorMeter;
import ipcbench.process.JvmFlags;
import ipcbench.process.LeftoverSweep;
import ipcbench.process.NativePair;
import ipcbench.process.NativePeer;
import ipcbench.process.Peers;
import ipcbench.registry.Mechanisms;
import ipcbench.report.Report;
import ipcbench.report.ReportException;
import ipcbench.results.Dimension;
import ipcbench.results.HistogramFiles;
import ipcbench.results.HostFloor;
import ipcbench.results.JmhOutcome;
import ipcbench.results.Oversubscription;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.RunRows;
import ipcbench.sides.SideFork;
import org.HdrHistogram.Histogram;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The main job, in four steps: <b>prepare</b> (check the options, take the machine's run lock, sweep what killed runs
 * left, measure the harness, write run.json), <b>measure</b> (JMH group by group), <b>collect</b> (JMH's results and the
 * forks' histogram parts become rows, {@link RunRows}) and <b>finish</b> (CSV files, run.json, summary, charts and
 * report; see {@link RunLayout}).
 */
final class RunCommand {
    private static final String LATENCY_BENCHMARK = RoundTripLatency.class.getName() + ".roundTrip";
    private static final String THROUGHPUT_BENCHMARK = StreamingThroughput.class.getName() + ".batch";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A run whose directory and run.json exist: what the later steps need. */
    private record Prepared(RunInfo info, Path dir, RunLayout layout, Path resultsRoot, RunPlan plan,
                            RunConfig config, JmhRun jmh, ClassArchives archives) {
        Prepared withInfo(RunInfo described) {
            return new Prepared(described, dir, layout, resultsRoot, plan, config, jmh, archives);
        }
    }

    private RunCommand() {
    }

    static int run(RunConfig config, Path home, PrintStream out) throws UsageException, IOException {
        RunPlan plan = RunPlan.of(config);
        JmhRun jmh = new JmhRun(config);
        if (config.results() != null) {
            requireNoRun(config.results().toAbsolutePath());
        } else {
            OutputPaths.directory("the results directory", home.resolve("results").toString());
            OutputPaths.directory("the plots directory", home.resolve("plots").toString());
        }
        try (RunLock lock = RunLock.acquire(RunLock.FILE, RunLock.JMH_FILE, !config.noWait(), out);
             FarLinks far = FarLinks.open(config.far())) {
            Prepared run = prepare(config, plan, far == null ? jmh : jmh.withLinks(List.of(far.link())), home, lock,
                    out);
            if (far != null) {
                run = run.withInfo(run.info.withLinks(List.of(far.info())));
                run.info.write(run.layout.runJson());
                out.println("ipcbench: link " + far.link().id() + ": the echo child at " + far.info().address()
                        + " through " + String.join(" ", far.link().launcher())
                        + (far.info().far() == null ? "" : " (" + far.info().far().host() + ", "
                        + far.info().far().kernel() + ", JDK " + far.info().far().jdkVersion() + ")"));
                far.info().shaping().forEach(line -> out.println("ipcbench: link " + far.link().id() + ": " + line));
            }
            if (config.cpuAt() != null && System.getenv(SideFork.SKIP_REPORT) == null) {
                out.println(CpuAtLoad.announce(plan, config));
            }
            if (config.mode() == RunConfig.Mode.LOAD) {
                return LoadCommand.run(run.info, run.layout, plan, config, home, out);
            }
            List<JmhOutcome> outcomes = measure(run, out);
            for (String problem : run.archives.keep(JmhRun.forkFlags(), JvmFlags.childFlags())) {
                out.println("ipcbench: " + problem + " (the next run makes it again)");
            }
            List<RunInfo.Skipped> skipped = new ArrayList<>(run.info.skipped());
            List<String> failedAtLoad = config.cpuAt() != null && System.getenv(SideFork.SKIP_REPORT) == null
                    ? CpuAtLoad.measure(run.layout, plan, config, skipped, out) : List.of();
            List<HostFloor> floors = new ArrayList<>(run.info.floors());
            floors.addAll(floors(HostFloor.AFTER, plan, config, out));
            RunInfo measured = run.info.finished(Instant.now().toString(), failedAtLoad).withFloors(floors)
                    .withSkipped(skipped);
            RunRows rows = RunRows.collect(run.layout, outcomes);
            return finish(run, measured, outcomes, rows, home, out);
        }
    }

    /** The host's floors at the run's placement for the waits it uses ({@link HostFloor}); none in a gate's forks. */
    private static List<HostFloor> floors(String phase, RunPlan plan, RunConfig config, PrintStream out)
            throws IOException {
        Placement.Cpus cpus = plan.placement.cpus();
        List<HostFloor> floors = new ArrayList<>();
        if (System.getenv(SideFork.SKIP_REPORT) != null) {
            for (WaitStrategy wait : plan.waitsUsed()) {
                floors.add(HostFloor.notMeasured(phase, plan.placement.id(), wait.id(), cpus.clientCpu(),
                        cpus.serverCpu(), "a gate's fork run: the gate compares its two sides, not the host"));
            }
            return floors;
        }
        floors.addAll(FloorMeter.measure(NativePeer.here(), phase, plan.placement.id(), cpus.clientCpu(),
                cpus.serverCpu(), plan.waitsUsed(), config.profile() == Profile.SMOKE
                        ? FloorMeter.BRIEF_BLOCK_ROUND_TRIPS : FloorMeter.BLOCK_ROUND_TRIPS));
        floors.forEach(floor -> out.println("ipcbench: " + floor.summary()));
        return floors;
    }

    private static Prepared prepare(RunConfig config, RunPlan plan, JmhRun jmh, Path home, RunLock lock,
                                    PrintStream out)
            throws UsageException, IOException {
        ipcbench.report.Plots.fontProblem().ifPresent(problem -> out.println("ipcbench: the charts will be skipped: "
                + problem + "; measuring anyway (draw them later with ./run-bench.sh plot RUN)"));
        Instant start = Instant.now();
        String runId = RUN_ID.format(start);
        Path resultsRoot = home.resolve("results");
        Path dir = config.results() != null ? config.results().toAbsolutePath() : resultsRoot.resolve(runId);
        requireNoRun(dir);
        lock.describe(runId, dir, start.toString());
        LeftoverSweep.Outcome swept = LeftoverSweep.sweep();
        for (String line : swept.removed()) {
            out.println("ipcbench: removed a leftover of a killed run: " + line);
        }
        for (String line : swept.leftAlone()) {
            out.println("ipcbench: sweeping leftovers: " + line);
        }
        var cpus = plan.placement.cpus();
        double harnessNs;
        try {
            harnessNs = HarnessCost.clockReadAndRecordNs(cpus.clientCpu());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while measuring the harness", e);
        }
        List<HostFloor> floors = floors(HostFloor.BEFORE, plan, config, out);
        Files.createDirectories(dir);
        RunLayout layout = new RunLayout(dir);
        ClassArchives archives = config.mode() == RunConfig.Mode.LOAD
                ? ClassArchives.off("off: a load run starts its JVMs itself") : ClassArchives.prepare(jmh.userJvmFlags());
        JmhRun archived = jmh.withArchives(archives).into(dir, plan);
        RunInfo info = new RunInfo(runId, start.toString(), null, HostFacts.gitCommit(home),
                HostFacts.environment(plan.allowedCpus, archived.recordedForkFlags(), archived.recordedChildFlags()),
                new RunInfo.Options(plan.mechanisms(), config.mechanismsExplicit(), config.sizes(),
                        config.modeId(), config.profile().id(),
                        warmup(plan, config), config.profile().measurement(),
                        config.mode() == RunConfig.Mode.LOAD ? 1 : jmh.forks(plan.peers.size()),
                        plan.placement.id(), config.verify(), config.jmhArgs(), config.waitOption(), config.peerIds()),
                new RunInfo.Cpus(cpus.clientCpu(), cpus.serverCpu()), plan.skipped, List.of(),
                new RunInfo.Harness(harnessNs), MechanismFacts.describe(plan.mechanisms(), plan.skipped),
                Preflight.check(new Pins(cpus.clientCpu(), cpus.serverCpu()), plan.allowedCpus.size())
                        .withOversubscription(Oversubscription.among(plannedKeys(plan, config),
                                plan.allowedCpus.size())), floors);
        info.write(layout.runJson());
        echoOptions(out, info, plan, dir);
        out.println("ipcbench: class-data-sharing archives " + archives.state());
        return new Prepared(info, dir, layout, resultsRoot, plan, config, archived, archives);
    }

    /** The run's benchmarks and their estimated wall time, from the plan and the profile (see {@link Progress}). */
    private static Progress progress(Prepared run, PrintStream out) {
        int modes = (run.config.mode().latency() ? 1 : 0) + (run.config.mode().throughput() ? 1 : 0);
        Profile profile = run.config.profile();
        int benchmarks = 0;
        double seconds = 0;
        if (run.plan.interleaves()) {
            for (RunPlan.Step step : run.plan.interleaved(run.jmh.forks(run.plan.peers.size()),
                    run.config.mode().latency())) {
                int lines = step.peers().nativeClient() ? 1 : modes;
                benchmarks += lines;
                seconds += lines * Progress.benchmarkSeconds(1, step.warmupIterations(), profile.warmupMillis,
                        profile.measurementIterations, profile.measurementMillis);
            }
            return new Progress(out, benchmarks, seconds);
        }
        for (RunPlan.Group group : run.plan.groups) {
            Peers peers = run.plan.peers.get(0);
            long measured = group.mechanisms().stream().filter(m -> run.plan.runs(peers, m)).count();
            int count = (int) measured * group.sizes().size() * group.waits().size() * group.ios().size()
                    * group.links().size() * run.config.values(Dimension.FAN).size() * modes;
            benchmarks += count;
            seconds += count * Progress.benchmarkSeconds(run.jmh.forks(), group.warmupIterations(),
                    profile.warmupMillis, profile.measurementIterations, profile.measurementMillis);
        }
        return new Progress(out, benchmarks, seconds);
    }

    /**
     * Runs JMH group by group, one progress line per finished benchmark; JMH's own output (and anything printed to
     * the console meanwhile) goes to jmh.log, and to the terminal too with --verbose. A group JMH cannot run is
     * reported and its benchmarks end up failed.
     */
    private static List<JmhOutcome> measure(Prepared run, PrintStream out) throws IOException {
        Progress progress = progress(run, out);
        progress.start();
        Path logFile = run.layout.jmhLog();
        PrintStream console = System.out;
        PrintStream consoleErr = System.err;
        try (JmhLog log = new JmhLog(Files.newOutputStream(logFile), run.config.verbose() ? out : null)) {
            PrintStream logStream = new PrintStream(log.unclosable(), true, StandardCharsets.UTF_8);
            System.setOut(logStream);
            System.setErr(logStream);
            ProgressFormat format = new ProgressFormat(log, run.jmh.verbosity(), progress, run.layout, logFile,
                    run.plan.peers.size() > 1);
            return run.plan.interleaves() ? measureInterleaved(run, format, out) : measureGroups(run, format, out);
        } finally {
            System.setOut(console);
            System.setErr(consoleErr);
        }
    }

    private static List<JmhOutcome> measureGroups(Prepared run, ProgressFormat format, PrintStream out)
            throws IOException {
        List<JmhOutcome> outcomes = new ArrayList<>();
        List<Path> jsonParts = new ArrayList<>();
        Peers peers = run.plan.peers.get(0);
        for (int i = 0; i < run.plan.groups.size(); i++) {
            RunPlan.Group group = run.plan.groups.get(i);
            if (peers != Peers.JVM_JVM) {
                List<String> mechanisms = group.mechanisms().stream().filter(m -> run.plan.runs(peers, m)).toList();
                if (mechanisms.isEmpty()) {
                    continue;
                }
                group = new RunPlan.Group(mechanisms, group.sizes(), group.warmupIterations(), group.waits(),
                        group.ios(), group.links());
            }
            for (String fan : run.config.values(Dimension.FAN)) {
                Path json = run.dir.resolve("jmh-result." + i + "." + fan + ".json.part");
                jsonParts.add(json);
                outcomes.addAll(runJmh(run, group, peers, Integer.parseInt(fan), run.jmh.forks(), json, format,
                        out));
            }
        }
        joinJmhResults(jsonParts, run.layout.jmhResultJson());
        return outcomes;
    }

    /**
     * Measures every benchmark fork by fork, the peers alternating ({@link RunPlan#interleaved}): a JMH run of one
     * fork for jvm-jvm and jvm-native, a native pair for native-native. JMH's results of the same benchmark merge into
     * one row with all its forks at the collect step ({@link RunRows}).
     */
    private static List<JmhOutcome> measureInterleaved(Prepared run, ProgressFormat format, PrintStream out) throws IOException {
        List<JmhOutcome> outcomes = new ArrayList<>();
        List<Path> jsonParts = new ArrayList<>();
        int forks = run.jmh.forks(run.plan.peers.size());
        int index = 0;
        for (RunPlan.Step step : run.plan.interleaved(forks, run.config.mode().latency())) {
            if (step.peers().nativeClient()) {
                nativePair(run, step, forks, format, outcomes);
                continue;
            }
            Path json = run.dir.resolve("jmh-result." + index++ + ".json.part");
            jsonParts.add(json);
            format.labelSuffix(" fork " + step.fork() + "/" + forks);
            outcomes.addAll(runJmh(run, step.group(), step.peers(), 1, 1, json, format, out));
        }
        joinJmhResults(jsonParts, run.layout.jmhResultJson());
        return outcomes;
    }

    /** One JMH run of {@code group}; a run JMH cannot make is reported and gives no outcomes. */
    private static List<JmhOutcome> runJmh(Prepared run, RunPlan.Group group, Peers peers, int fan, int forks,
                                           Path json, ProgressFormat format, PrintStream out) {
        List<JmhOutcome> outcomes = new ArrayList<>();
        try {
            for (RunResult result : run.jmh.run(group, peers, fan, forks, json, format)) {
                if (JmhOutcome.incomplete(result)) {
                    // its progress line said FAILED; the run lists it among the failed benchmarks
                    continue;
                }
                boolean latency = result.getParams().getBenchmark().equals(LATENCY_BENCHMARK);
                int payloadBytes = Integer.parseInt(result.getParams().getParam("payloadBytes"));
                outcomes.add(JmhOutcome.of(result, latency ? JmhOutcome.LATENCY : JmhOutcome.THROUGHPUT,
                        latency ? 1 : Trial.batchMessagesFor(payloadBytes)));
            }
        } catch (RunnerException e) {
            out.println("ipcbench: JMH could not run " + group.mechanisms() + " (" + peers.id() + "): "
                    + Main.oneLine(String.valueOf(e.getMessage())) + " (see " + run.layout.jmhLog() + ")");
        }
        return outcomes;
    }

    /**
     * One native-native fork: the pair's measured iterations become the fork's histogram part, exactly where a JMH
     * fork writes its own, so the collect step treats them alike.
     */
    private static void nativePair(Prepared run, RunPlan.Step step, int forks, ProgressFormat format,
                                   List<JmhOutcome> outcomes) throws IOException {
        Profile profile = run.config.profile();
        String placement = run.plan.placement.id();
        ResultKey key = ResultKey.of(step.mechanism(), step.payloadBytes(), placement, step.waitStrategy(),
                step.peers().id());
        NativePair.Iterations iterations = new NativePair.Iterations(step.warmupIterations(), profile.warmupMillis,
                profile.measurementIterations, profile.measurementMillis);
        double estimate = Progress.benchmarkSeconds(1, step.warmupIterations(), profile.warmupMillis,
                profile.measurementIterations, profile.measurementMillis);
        String label = ProgressFormat.label(step.mechanism(), step.payloadBytes(), true, step.waitStrategy(), step.peers().id(),
                true) + " fork " + step.fork() + "/" + forks;
        NativePair.Result result;
        try {
            result = NativePair.run(run.plan.nativeBinary, Mechanisms.require(step.mechanism()), step.payloadBytes(),
                    run.config.verify(), run.plan.placement, WaitStrategy.parse(step.waitStrategy()), iterations,
                    run.layout.logsDir());
        } catch (IOException | RuntimeException e) {
            format.nativeFinished(label, null, "FAILED: " + Main.oneLine(String.valueOf(e.getMessage())), estimate);
            return;
        }
        List<Histogram> intervals = result.intervals();
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(
                run.layout.forkHistogramLog(key, result.pid()),
                "ipcbench round-trip latency " + key + ", nanoseconds (native pair)",
                intervals.get(0).getStartTimeStamp())) {
            for (Histogram interval : intervals) {
                interval.setTag(key.fileName());
                log.append(interval);
            }
        }
        outcomes.add(JmhOutcome.ofNativePair(key));
        format.nativeFinished(label, key, null, estimate);
    }

    /**
     * Writes the rows and run.json, prints the summary, and draws charts and report when there is anything (not for a
     * gate's one-fork runs, {@link SideFork#SKIP_REPORT}).
     */
    private static int finish(Prepared run, RunInfo measured, List<JmhOutcome> outcomes, RunRows rows, Path home,
                              PrintStream out) throws IOException {
        rows.write(run.layout);
        deleteIfEmpty(run.layout.logsDir());
        Set<String> succeeded = new TreeSet<>();
        for (JmhOutcome outcome : outcomes) {
            succeeded.add(benchmarkKey(outcome.mode(), outcome.key()));
        }
        List<String> failed = failed(run.plan, run.config, succeeded);
        failed.addAll(measured.failed());
        RunInfo info = measured.finished(measured.finishedAt(), failed);
        info.write(run.layout.runJson());
        if (run.config.results() == null) {
            FileCommands.pointLatest(run.resultsRoot, info.runId());
        }
        SummaryTable.print(out, rows.latency(), rows.throughput(), rows.cost(), info.skipped(), failed, run.layout);
        if (rows.isEmpty()) {
            out.println("ipcbench: no benchmark produced a result, so there is no report");
            return 1;
        }
        boolean reported = System.getenv(SideFork.SKIP_REPORT) != null
                || report(run.dir, FileCommands.plotsDir(home, run.dir, null), out);
        if (run.config.results() == null && reported) {
            FileCommands.pointLatest(home.resolve("plots"), info.runId());
        }
        return failed.isEmpty() && reported ? 0 : 1;
    }

    private static void requireNoRun(Path dir) throws UsageException {
        if (Files.exists(new RunLayout(dir).runJson())) {
            throw new UsageException(dir + " already holds a run; choose another --results");
        }
    }

    /** The profile's warm-up, and the longer one of mechanisms that need it (unless JMH options override both). */
    private static String warmup(RunPlan plan, RunConfig config) {
        StringBuilder warmup = new StringBuilder(config.profile().warmup());
        for (RunPlan.Group group : plan.groups) {
            if (group.warmupIterations() != config.profile().warmupIterations) {
                warmup.append("; ").append(String.join(",", group.mechanisms())).append(": ")
                        .append(group.warmupIterations()).append(" x ").append(config.profile().warmupMillis).append(" ms");
            }
        }
        return warmup.toString();
    }

    /** Charts and report.md/html from the files just written; the numbers stand even if drawing fails. */
    private static boolean report(Path dir, Path plotsDir, PrintStream out) {
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
                        + "  JMH args    %s%n  harness     %.1f ns per round trip (one System.nanoTime + one "
                        + "Histogram.recordValue, client CPU)%n  results     %s%n",
                info.runId(), String.join(",", plan.mechanisms()), o.payloadBytes(), o.mode(), o.profile(), o.warmup(),
                o.measurement(), o.forks(), o.placement(), info.cpus().clientCpu(), info.cpus().serverCpu(), o.verify(),
                o.jmhArgs().isEmpty() ? "-" : String.join(" ", o.jmhArgs()), info.harness().clockReadAndRecordNs(),
                dir);
        out.println("  wait        " + o.waitStrategy() + " (" + waitLine(plan) + ")");
        if (plan.peers.size() > 1 || plan.peers.get(0) != Peers.JVM_JVM) {
            out.println("  peers       " + String.join(",", o.peers())
                    + (plan.peers.size() > 1 ? " (measured fork by fork, alternating)" : "")
                    + (plan.nativeBinary == null ? "" : "; native peer " + plan.nativeBinary));
        }
        if (o.forks() == 1) {
            out.println("  intervals   over the measurement iterations of one fork: they understate run-to-run noise"
                    + " (use --profile ci or full for intervals over forks)");
        }
        SummaryTable.skippedLines(plan.skipped).forEach(line -> out.println("  skipped     " + line));
        info.preflight().warnings().forEach(warning -> out.println("  warning     " + warning));
    }

    /** The wait strategies each group of mechanisms runs with, for the options block. */
    private static String waitLine(RunPlan plan) {
        StringBuilder line = new StringBuilder();
        for (RunPlan.Group group : plan.groups) {
            line.append(line.length() == 0 ? "" : "; ").append(String.join(",", group.mechanisms())).append(": ")
                    .append(String.join(",", group.waits()));
        }
        return line.toString();
    }

    /**
     * How run.json names a benchmark in its failed list: {@code RoundTripLatency.roundTrip tcp 64 B}, then the value
     * of each later dimension that is not its default ({@code spin}, {@code jvm-native}); the placement is the run's.
     */
    private static String benchmarkKey(String mode, ResultKey key) {
        String benchmark = mode.equals(JmhOutcome.LATENCY) ? LATENCY_BENCHMARK : THROUGHPUT_BENCHMARK;
        StringBuilder name = new StringBuilder(benchmark.substring(
                benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1))
                .append(' ').append(key.mechanism()).append(' ').append(key.payloadBytes()).append(" B");
        for (Dimension dimension : Dimension.all()) {
            String value = key.get(dimension);
            if (dimension.defaultValue() != null && !value.equals(dimension.defaultValue())) {
                name.append(' ').append(value);
            }
        }
        return name.toString();
    }

    /** Every benchmark the plan measures (each key once, whatever its modes). */
    private static List<ResultKey> plannedKeys(RunPlan plan, RunConfig config) {
        Set<ResultKey> keys = new java.util.LinkedHashSet<>();
        for (RunPlan.Group group : plan.groups) {
            for (Peers peers : plan.peers) {
                keys.addAll(plan.keys(group, peers, config));
            }
        }
        return List.copyOf(keys);
    }

    /** Benchmarks the plan asked for that produced no result. */
    private static List<String> failed(RunPlan plan, RunConfig config, Set<String> succeeded) {
        List<String> benchmarks = new ArrayList<>();
        if (config.mode().latency()) {
            benchmarks.add(JmhOutcome.LATENCY);
        }
        if (config.mode().throughput()) {
            benchmarks.add(JmhOutcome.THROUGHPUT);
        }
        List<String> failed = new ArrayList<>();
        for (RunPlan.Group group : plan.groups) {
            for (String benchmark : benchmarks) {
                for (Peers peers : plan.peers) {
                    if (peers.nativeClient() && benchmark.equals(JmhOutcome.THROUGHPUT)) {
                        continue;
                    }
                    for (ResultKey key : plan.keys(group, peers, config)) {
                        String name = benchmarkKey(benchmark, key);
                        if (!succeeded.contains(name)) {
                            failed.add(name);
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

    static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}
