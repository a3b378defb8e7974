package ipcbench.cli;

import ipcbench.gate.GateException;
import ipcbench.gate.GateReplay;
import ipcbench.gate.Metric;
import ipcbench.gate.PairRow;
import ipcbench.gate.PairedOptions;
import ipcbench.gate.PairsCsv;
import ipcbench.report.GateReport;
import ipcbench.process.Peers;
import ipcbench.results.ResultKey;
import ipcbench.sides.GateMeasure;
import ipcbench.sides.GateRecord;
import ipcbench.sides.GateSchedule;
import ipcbench.sides.SideBuilds;
import ipcbench.sides.SideException;
import ipcbench.sides.SideFork;
import ipcbench.sides.SideJar;
import ipcbench.stats.ClopperPearson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code gate} command: the CI regression check measured in one invocation. Both sides are built (cached by
 * commit), then measured pair by pair in the seeded, randomized order of {@link GateSchedule}; the verdict comes from
 * pairs.csv alone ({@link GateReport#judgeAndWrite}), which is also all {@code --judge} reads. Bad input (a side that
 * is not a revision, checkout or jar; a dirty checkout; an unknown mechanism) exits 2 before anything is created.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"The CI regression gate: measures --base and --head in one invocation, in --pairs rounds; each"
                + " round runs, for every benchmark in shuffled order, one base fork and one head fork back to back in"
                + " a random order, and tests the per-pair ratios (exact one-sided signed-rank test, Holm across rows,"
                + " Hodges-Lehmann ratio).",
            "Writes pairs.csv, gate.json, gate.md, gate.csv and a forest chart to --out.",
            "--judge DIR re-judges a gate directory from its pairs.csv without measuring."},
        footer = {"", "Without --mechanisms and --sizes: the CI subset " + GateCommand.CI_MECHANISMS + " at "
                + GateCommand.CI_SIZES + " B, " + GateCommand.CI_REPORT_ONLY + " reported and not gated.",
            "Exit codes: 0 no regression, 1 a regression (or a side failed to build), 2 bad input."})
final class GateCommand implements Callable<Integer> {
    static final String CI_MECHANISMS = "pipe,tcp,shm";
    static final String CI_SIZES = "64";
    /** Bimodal between forks at 64 B across CPUs on the reference VM: no slowdown up to 3x is caught reliably. */
    static final String CI_REPORT_ONLY = "shm";
    static final int DEFAULT_PAIRS = 10;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--base", paramLabel = "REV", order = 1,
            description = "the reference: a git revision of this checkout, a checkout directory, or a benchmarks jar")
    String base;

    @Option(names = "--head", paramLabel = "REV", order = 2, description = "the candidate, named the same ways")
    String head;

    @Option(names = "--pairs", paramLabel = "K", order = 3,
            description = "rounds, each one base and one head fork per benchmark (default: " + DEFAULT_PAIRS + ")")
    int pairs = DEFAULT_PAIRS;

    @Option(names = "--seed", paramLabel = "S", order = 4, description = "the seed of the order (default: random,"
            + " recorded in gate.json)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", order = 5, description = "the gate directory (default:"
            + " results/gate-<time>); with --judge, where the new verdict goes (default: DIR itself)")
    String outDir;

    @Option(names = "--judge", paramLabel = "DIR", order = 6, description = "re-judge a gate directory's pairs.csv")
    Path judge;

    @Option(names = "--replay", paramLabel = "DIR,...", order = 6, split = ",",
            description = "error rates from A/A gate directories (both sides one build): their rounds judged in"
                    + " consecutive blocks of --block rounds, and as --resamples random gates, as-is and with the head"
                    + " made worse on chosen rows")
    List<Path> replay;

    @Option(names = "--block", paramLabel = "K", order = 6, description = "--replay: rounds per replayed gate"
            + " (default: " + DEFAULT_PAIRS + ")")
    int block = DEFAULT_PAIRS;

    @Option(names = "--resamples", paramLabel = "N", order = 6, description = "--replay: random gates per rate"
            + " (default: 1000)")
    int resamples = 1000;

    @Option(names = "--alpha", paramLabel = "A", order = 7, description = "family-wise false-alarm rate (default: 0.05)")
    String alpha;

    @Option(names = "--min-effect", paramLabel = "E", order = 8,
            description = "the smallest change that counts as a regression (default: 5%%)")
    String minEffect;

    @Option(names = "--gate-p99", order = 9, description = "gate p99 rows too (otherwise they are reported only)")
    boolean gateP99;

    @Option(names = "--report-only", paramLabel = "a,b", order = 9, description = "mechanisms whose rows are shown,"
            + " not gated (default: " + CI_REPORT_ONLY + " with the CI subset, else none; --judge: as the gate"
            + " recorded)")
    String reportOnly;

    @Option(names = "--allow-dirty", order = 10, description = "measure a checkout's uncommitted working tree")
    boolean allowDirty;

    @Option(names = "--mechanisms", paramLabel = "a,b,c", order = 11, description = "as for run (default: the CI"
            + " subset)")
    String mechanisms;

    @Option(names = "--sizes", paramLabel = "64,64k", order = 12, description = "as for run (default: " + CI_SIZES + ")")
    String sizes;

    @Option(names = {"--pin", "--placement"}, paramLabel = "P", order = 13, description = "as for run")
    String placement;

    @Option(names = "--wait", paramLabel = "W", order = 14, description = "as for run: block, spin or both")
    String waitStrategy;

    @Option(names = "--mode", paramLabel = "M", order = 15, description = "latency, throughput or both (default)")
    String mode = "both";

    @Option(names = "--profile", paramLabel = "P", order = 16, description = "warm-up and measurement of each fork"
            + " (default: ci; its fork count does not apply: each pair is one fork per side)")
    String profile = "ci";

    private final Main.Context context;

    GateCommand(Main.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        PairedOptions options = options(judge == null && replay == null && mechanisms == null
                ? List.of(CI_REPORT_ONLY.split(",")) : List.of());
        if (judge != null) {
            return judge(options);
        }
        if (replay != null) {
            return replay(options);
        }
        if (base == null || head == null) {
            throw new UsageException("gate needs --base and --head (or --judge DIR)");
        }
        if (pairs < 1 || pairs > 1000) {
            throw new UsageException("--pairs " + pairs + " is outside 1 to 1000");
        }
        if (!List.of("latency", "throughput", "both").contains(mode)) {
            throw new UsageException("--mode " + mode + ": a gate measures latency, throughput or both");
        }
        RunConfig run = RunOptions.parse(runArgs());
        RunPlan plan = RunPlan.of(run);
        List<ResultKey> benchmarks = benchmarks(plan, run);
        Path home = context.home();
        SideBuilds.Source baseSource;
        SideBuilds.Source headSource;
        try {
            baseSource = SideBuilds.resolve("base", base, home, allowDirty);
            headSource = SideBuilds.resolve("head", head, home, allowDirty);
        } catch (SideException e) {
            throw new UsageException(e.getMessage());
        }
        Path gateDir = outDir != null ? OutputPaths.directory("--out", outDir)
                : OutputPaths.directory("the gate directory",
                home.resolve("results").resolve("gate-" + STAMP.format(Instant.now())).toString());
        if (Files.exists(gateDir.resolve(GateRecord.FILE))) {
            throw new UsageException(gateDir + " already holds a gate; choose another --out");
        }
        Files.createDirectories(gateDir.resolve("logs"));
        SideJar baseJar;
        SideJar headJar;
        try {
            Path cache = SideBuilds.cacheRoot();
            baseJar = SideBuilds.build(baseSource, cache, gateDir, context.out());
            headJar = SideBuilds.build(headSource, cache, gateDir, context.out());
        } catch (SideException e) {
            context.out().println("ipcbench gate: " + e.getMessage());
            return 1;
        }
        long seedUsed = seed != null ? seed : new SecureRandom().nextLong();
        GateSchedule schedule = GateSchedule.of(seedUsed, pairs, benchmarks);
        GateRecord record = new GateRecord(Instant.now().toString(), null, seedUsed, pairs,
                GateRecord.Side.of(baseJar), GateRecord.Side.of(headJar),
                new GateRecord.Options(benchmarks.stream().map(ResultKey::mechanism).distinct().toList(), run.sizes(),
                        plan.placement.id(), run.waitOption(), mode, run.profile().id(),
                        options.reportOnly().stream().sorted().toList()),
                "unknown", List.of(), List.of());
        record.write(gateDir);
        announce(schedule, benchmarks, record, gateDir, plan);
        GateMeasure.run(schedule, new SideFork.Spec(mode, run.profile().id()), baseJar, headJar, record, gateDir,
                context.out());
        return GateReport.judgeAndWrite(gateDir.resolve(GateMeasure.PAIRS_CSV), GateRecord.read(gateDir).context(),
                options, gateDir, context.out());
    }

    /** {@code --judge DIR}: the verdict again, from the directory's pairs.csv, with this invocation's settings. */
    private int judge(PairedOptions options) throws UsageException, IOException {
        if (base != null || head != null || mechanisms != null || sizes != null || placement != null
                || waitStrategy != null || seed != null) {
            throw new UsageException("--judge measures nothing: it takes only --alpha, --min-effect, --gate-p99,"
                    + " --report-only and --out");
        }
        Path dir = judge.toAbsolutePath().normalize();
        Path pairsCsv = dir.resolve(GateMeasure.PAIRS_CSV);
        if (!Files.isRegularFile(pairsCsv)) {
            throw new UsageException("--judge " + judge + ": no " + GateMeasure.PAIRS_CSV + " there (not a gate"
                    + " directory)");
        }
        try {
            PairsCsv.read(pairsCsv);
        } catch (IOException unreadable) {
            throw new UsageException(unreadable.getMessage());
        }
        List<String> context = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(GateRecord.FILE))) {
            GateRecord record = GateRecord.read(dir);
            context.addAll(record.context());
            if (reportOnly == null) {
                options = options(record.options().reportOnlyOrNone());
            }
        }
        context.add(String.format(Locale.ROOT, "re-judged %s from pairs.csv", Instant.now()));
        Path to = outDir != null ? OutputPaths.directory("--out", outDir) : dir;
        Files.createDirectories(to);
        return GateReport.judgeAndWrite(pairsCsv, context, options, to, this.context.out());
    }

    /** {@code --replay}: the error rates of A/A gate directories, measured by judging their rounds again. */
    private int replay(PairedOptions options) throws UsageException, IOException {
        if (base != null || head != null || block < 1 || resamples < 1) {
            throw new UsageException("--replay measures nothing: it takes A/A gate directories, --block K >= 1,"
                    + " --resamples N >= 1, --seed and the judging options");
        }
        List<List<PairRow>> sources = new ArrayList<>();
        for (Path dir : replay) {
            Path pairsCsv = dir.resolve(GateMeasure.PAIRS_CSV);
            if (!Files.isRegularFile(pairsCsv)) {
                throw new UsageException("--replay " + dir + ": no " + GateMeasure.PAIRS_CSV + " there");
            }
            sources.add(PairsCsv.read(pairsCsv));
        }
        List<List<PairRow>> rounds = GateReplay.rounds(sources);
        if (rounds.size() < block) {
            throw new UsageException("--replay: " + rounds.size() + " rounds hold no gate of --block " + block);
        }
        long seedUsed = seed != null ? seed : 1;
        var out = context.out();
        Set<GateReplay.Row> gated = new LinkedHashSet<>();
        rounds.forEach(round -> round.stream()
                .filter(p -> options.gates(p.key(), p.metric()))
                .forEach(p -> gated.add(new GateReplay.Row(p.key(), p.metric()))));
        out.printf(Locale.ROOT, "replay of %d A/A rounds from %d gate directories; gates of %d rounds; %d resamples"
                + " (seed %d); alpha %s, min-effect %s%n", rounds.size(), replay.size(), block, resamples, seedUsed,
                options.alpha(), options.minEffect());
        out.println(rate("A/A, consecutive blocks (independent gates), exit 1", GateReplay.blocks(rounds, block,
                options)));
        out.println(rate("A/A, resampled gates, exit 1", GateReplay.resampled(rounds, block, resamples, seedUsed,
                options, (k, m) -> false, 1)));
        for (GateReplay.Row row : gated) {
            for (double factor : new double[] {1.10, 1.25, 2.0}) {
                if (factor == 2.0 && row.metric() != Metric.THROUGHPUT) {
                    continue;
                }
                out.println(rate(String.format(Locale.ROOT, "%s %s x%.2f worse, caught",
                        GateMeasure.label(row.key()), row.metric().id(), factor), GateReplay.resampled(rounds, block, resamples, seedUsed,
                        options, (k, m) -> k.equals(row.key()) && m == row.metric(), factor)));
            }
        }
        for (String mechanism : gated.stream().map(r -> r.key().mechanism()).distinct().toList()) {
            out.println(rate(mechanism + ", all gated rows x1.10 worse, caught", GateReplay.resampled(rounds, block,
                    resamples, seedUsed, options, (k, m) -> k.mechanism().equals(mechanism)
                            && gated.contains(new GateReplay.Row(k, m)), 1.10)));
        }
        GateReplay.smallestCaught(rounds, block, resamples, seedUsed, options, gated).forEach((row, caught) ->
                out.println(GateMeasure.label(row.key()) + " " + row.metric().id() + ": smallest slowdown caught in"
                        + " >= 90% of gates: " + (caught == null ? "none up to x3 (report it, do not gate it)"
                        : String.format(Locale.ROOT, "x%.2f", caught.getKey()) + " " + rate("", caught.getValue()))));
        return 0;
    }

    private static String rate(String what, ClopperPearson rate) {
        return String.format(Locale.ROOT, "%s %d of %d = %.3f [95%% CI %.3f–%.3f]", what, rate.successes(),
                rate.trials(), rate.proportion(), rate.low(), rate.high()).strip();
    }

    /** The judging options; {@code defaultReportOnly} applies when --report-only is not given. */
    private PairedOptions options(List<String> defaultReportOnly) throws UsageException {
        try {
            return PairedOptions.of(
                    alpha == null ? PairedOptions.DEFAULT_ALPHA : PairedOptions.parseFraction("alpha", alpha),
                    minEffect == null ? PairedOptions.DEFAULT_MIN_EFFECT
                            : PairedOptions.parseFraction("min-effect", minEffect),
                    gateP99, Set.copyOf(reportOnly == null ? defaultReportOnly
                            : List.of(reportOnly.split(",", -1))));
        } catch (GateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The run options every fork shares, in the run command's words, so that run's checks apply. */
    private List<String> runArgs() {
        List<String> args = new ArrayList<>(List.of("--mechanisms", mechanisms != null ? mechanisms : CI_MECHANISMS,
                "--sizes", sizes != null ? sizes : CI_SIZES, "--profile", profile));
        if (placement != null) {
            args.addAll(List.of("--pin", placement));
        }
        if (waitStrategy != null) {
            args.addAll(List.of("--wait", waitStrategy));
        }
        return args;
    }

    /** Every mechanism × size × wait the plan runs here (mechanisms that cannot run here are named, as by run). */
    private static List<ResultKey> benchmarks(RunPlan plan, RunConfig run) {
        List<ResultKey> benchmarks = new ArrayList<>();
        for (RunPlan.Group group : plan.groups) {
            benchmarks.addAll(plan.keys(group, Peers.JVM_JVM, run));
        }
        return benchmarks;
    }

    private void announce(GateSchedule schedule, List<ResultKey> benchmarks, GateRecord record, Path gateDir,
                          RunPlan plan) {
        var out = context.out();
        out.println("ipcbench gate " + gateDir);
        out.println("  " + record.base().describe("base"));
        out.println("  " + record.head().describe("head"));
        out.println("  benchmarks  " + String.join(", ", benchmarks.stream().map(b -> b.mechanism() + " "
                + b.payloadBytes() + " B " + b.placementShown()).toList()));
        out.println(String.format(Locale.ROOT, "  method      %d rounds x %d benchmarks, a base and a head fork per"
                + " benchmark and round (order shuffled, seed %d)", schedule.rounds(), benchmarks.size(),
                schedule.seed()));
        plan.skipped.forEach(s -> out.println("  skipped     " + s.mechanism() + ": " + s.reason()));
    }
}
