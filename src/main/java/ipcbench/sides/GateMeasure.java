package ipcbench.sides;

import ipcbench.gate.Metric;
import ipcbench.gate.PairRow;
import ipcbench.gate.PairsCsv;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunMerge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures a gate's schedule: for every step, the two sides' forks back to back in the step's order, each in a run
 * directory of its own ({@code <gate>/<side>/forks/r03-<key>}), then one {@link PairRow} per metric both forks
 * measured. pairs.csv and gate.json are rewritten after every step, so a gate stopped half-way can still be judged.
 * A side that refuses a benchmark (its exit 2: an older revision without that mechanism, say) is not asked again,
 * and the benchmark's remaining steps are dropped with the reason recorded.
 */
public final class GateMeasure {
    public static final String PAIRS_CSV = "pairs.csv";

    private GateMeasure() {
    }

    public static List<PairRow> run(GateSchedule schedule, SideFork.Spec spec, SideJar base, SideJar head,
                                    GateRecord record, Path gateDir, PrintStream out) throws IOException {
        List<PairRow> pairs = new ArrayList<>();
        List<GateRecord.Fork> forks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<ResultKey> refused = new HashSet<>();
        String machine = null;
        long startNanos = System.nanoTime();
        int done = 0;
        for (GateSchedule.Step step : schedule.steps()) {
            done++;
            if (refused.contains(step.benchmark())) {
                continue;
            }
            SideJar first = step.headFirst() ? head : base;
            SideJar second = step.headFirst() ? base : head;
            SideFork.Finished[] outcomes = new SideFork.Finished[2];
            for (int i = 0; i < 2; i++) {
                SideJar side = i == 0 ? first : second;
                Path runDir = forkDir(gateDir, side.name(), step);
                Files.createDirectories(runDir.getParent());
                SideFork.Finished outcome = SideFork.run(side, step.benchmark(), spec, sideHome(gateDir, side.name()),
                        runDir, gateDir.resolve("logs").resolve(side.name() + "-" + runDir.getFileName() + ".log"));
                outcomes[i] = outcome;
                forks.add(new GateRecord.Fork(step.round(), step.benchmark().mechanism(), step.benchmark().payloadBytes(),
                        step.benchmark().placement(), step.benchmark().waitStrategy(), side.name(), i == 0,
                        outcome.startedAt().toString(), outcome.exitCode(), gateDir.relativize(runDir).toString()));
                if (machine == null && Files.isRegularFile(runDir.resolve("run.json"))) {
                    machine = machine(runDir.resolve("run.json"));
                }
                if (outcome.refused()) {
                    refused.add(step.benchmark());
                    problems.add(side.name() + " refused " + label(step.benchmark()) + ": " + outcome.refusal());
                    out.println("ipcbench gate: " + side.name() + " cannot run " + label(step.benchmark()) + " ("
                            + outcome.refusal() + "); its remaining pairs are dropped");
                    break;
                }
            }
            SideFork.Finished baseOutcome = step.headFirst() ? outcomes[1] : outcomes[0];
            SideFork.Finished headOutcome = step.headFirst() ? outcomes[0] : outcomes[1];
            if (baseOutcome != null && headOutcome != null) {
                for (Metric metric : Metric.values()) {
                    Double b = baseOutcome.values().get(metric);
                    Double h = headOutcome.values().get(metric);
                    if (b != null && h != null) {
                        pairs.add(new PairRow(step.round(), step.order(), step.benchmark(), metric, b, h,
                                baseOutcome.startedAt().toString(), headOutcome.startedAt().toString()));
                    }
                }
                missing(baseOutcome, headOutcome, step, problems);
            }
            PairsCsv.write(gateDir.resolve(PAIRS_CSV), pairs);
            record.with(forks, problems, null, machine == null ? "unknown" : machine).write(gateDir);
            out.println(progress(step, schedule, done, baseOutcome, headOutcome, startNanos));
        }
        record.with(forks, problems, Instant.now().toString(), machine == null ? "unknown" : machine).write(gateDir);
        for (SideJar side : List.of(base, head)) {
            joinSide(side, forks, gateDir, out);
        }
        return pairs;
    }

    /** The side's forks as one normal run directory, {@code <gate>/<side>/run}, for report and plot. */
    private static void joinSide(SideJar side, List<GateRecord.Fork> forks, Path gateDir, PrintStream out) {
        List<Path> runs = forks.stream().filter(f -> f.side().equals(side.name()))
                .map(f -> gateDir.resolve(f.runDir()))
                .filter(dir -> Files.isRegularFile(dir.resolve("run.json"))).toList();
        if (runs.isEmpty()) {
            return;
        }
        try {
            RunMerge.merge(runs, gateDir.resolve(side.name()).resolve("run"), "gate-" + side.name(), side.commit());
        } catch (IOException | RuntimeException e) {
            out.println("ipcbench gate: the " + side.name() + " forks could not be joined into one run directory: "
                    + e.getMessage());
        }
    }

    /** A fork that measured less than the other (a failed benchmark): recorded, its pair left out. */
    private static void missing(SideFork.Finished base, SideFork.Finished head, GateSchedule.Step step,
                                List<String> problems) {
        if (base.exitCode() != 0 || head.exitCode() != 0) {
            problems.add(String.format(Locale.ROOT, "round %d %s: base exit %d, head exit %d (see logs/)",
                    step.round(), label(step.benchmark()), base.exitCode(), head.exitCode()));
        }
    }

    /** Where one side's fork of one step writes: a normal run directory. */
    static Path forkDir(Path gateDir, String side, GateSchedule.Step step) {
        ResultKey b = step.benchmark();
        return gateDir.resolve(side).resolve("forks").resolve(String.format(Locale.ROOT, "r%02d-%s_%d_%s_%s",
                step.round(), b.mechanism(), b.payloadBytes(), b.placement(), b.waitStrategy()));
    }

    /** The side's IPCBENCH_HOME: a private directory of the gate for what the side keeps (its native peer build). */
    private static Path sideHome(Path gateDir, String side) throws IOException {
        Path home = gateDir.resolve(side).resolve("home");
        Files.createDirectories(home);
        return home;
    }

    private static String machine(Path runJson) {
        try {
            RunInfo info = RunInfo.read(runJson);
            RunInfo.Environment e = info.environment();
            return String.format(Locale.ROOT, "%s, %s, %d CPUs, Linux %s, JDK %s (%s); client CPU %d, echo CPU %d",
                    e.host(), e.cpuModel(), e.onlineCpus(), e.kernel(), e.jdkVersion(), e.jdkVendor(),
                    info.cpus().clientCpu(), info.cpus().serverCpu());
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** How progress lines and replays name a benchmark: {@code pipe 64 B cross/spin}. */
    public static String label(ResultKey b) {
        return b.mechanism() + " " + b.payloadBytes() + " B " + b.placementShown();
    }

    private static String progress(GateSchedule.Step step, GateSchedule schedule, int done, SideFork.Finished base,
                                   SideFork.Finished head, long startNanos) {
        double elapsedS = (System.nanoTime() - startNanos) / 1e9;
        double leftS = elapsedS / done * (schedule.steps().size() - done);
        return String.format(Locale.ROOT, "[round %d/%d, pair %d/%d] %s, %s: base %s · head %s · ETA %s",
                step.round(), schedule.rounds(), done, schedule.steps().size(), label(step.benchmark()), step.order(),
                shown(base), shown(head), minutes(leftS));
    }

    private static String shown(SideFork.Finished outcome) {
        if (outcome == null) {
            return "not run";
        }
        Map<Metric, Double> v = outcome.values();
        StringBuilder text = new StringBuilder();
        if (v.containsKey(Metric.P50)) {
            text.append(String.format(Locale.ROOT, "p50 %.3g µs", v.get(Metric.P50) / 1000));
        }
        if (v.containsKey(Metric.THROUGHPUT)) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g MB/s",
                    v.get(Metric.THROUGHPUT) / 1e6));
        }
        return text.length() == 0 ? "FAILED (exit " + outcome.exitCode() + ")" : text.toString();
    }

    private static String minutes(double seconds) {
        return seconds < 90 ? Math.round(seconds) + " s" : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
