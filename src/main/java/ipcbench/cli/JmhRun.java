package ipcbench.cli;

import ipcbench.bench.ForkSettings;
import ipcbench.bench.Profile;
import ipcbench.bench.RoundTripLatency;
import ipcbench.bench.StreamingThroughput;
import ipcbench.process.ClassArchives;
import ipcbench.process.EchoSession;
import ipcbench.process.JvmFlags;
import ipcbench.process.Link;
import ipcbench.process.NativePeer;
import ipcbench.process.Peers;
import ipcbench.process.SerialFilter;
import ipcbench.results.Dimension;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JMH run over a group of mechanisms: the launcher that owns every JVM flag of the forks. The profile sets
 * warm-up, measurement and forks unless the JMH pass-through options set them.
 */
final class JmhRun {
    /** A fixed heap, so that heap sizing does not differ from host to host. */
    static final List<String> FORK_HEAP = List.of("-Xms1g", "-Xmx1g");

    private final CommandLineOptions user;
    private final RunConfig config;
    private final ClassArchives archives;
    /** Where the run's files go, its placement and native peer: set by {@link #into}, null before. */
    private final Path runDir;
    private final RunPlan plan;
    /** The run's links besides loopback, handed to every fork ({@link Link#PROPERTY}); empty for none. */
    private final List<Link> links;

    JmhRun(RunConfig config) throws UsageException {
        try {
            user = new CommandLineOptions(config.jmhArgs().toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH option: " + e.getMessage());
        }
        this.config = config;
        archives = ClassArchives.off("off: not prepared");
        runDir = null;
        plan = null;
        links = List.of();
    }

    private JmhRun(CommandLineOptions user, RunConfig config, ClassArchives archives, Path runDir, RunPlan plan,
                   List<Link> links) {
        this.user = user;
        this.config = config;
        this.archives = archives;
        this.runDir = runDir;
        this.plan = plan;
        this.links = List.copyOf(links);
    }

    /** This run writing into {@code runDir}, as {@code plan} places it and finds its native peer. */
    JmhRun into(Path runDir, RunPlan plan) {
        return new JmhRun(user, config, archives, runDir, plan, links);
    }

    /** This run with the forks and their echo children on {@code archives}. */
    JmhRun withArchives(ClassArchives archives) {
        return new JmhRun(user, config, archives, runDir, plan, links);
    }

    /** This run with its forks told how to reach the far ends of {@code far}. */
    JmhRun withLinks(List<Link> far) {
        return new JmhRun(user, config, archives, runDir, plan, far);
    }

    /** The JVM flags the user's JMH options add to every fork. */
    List<String> userJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (var given : List.of(user.getJvmArgs(), user.getJvmArgsPrepend(), user.getJvmArgsAppend())) {
            if (given.hasValue()) {
                flags.addAll(given.get());
            }
        }
        return flags;
    }

    /** The flags every fork gets, without class archives (the system properties that carry settings are left out). */
    static List<String> forkFlags() {
        List<String> flags = new ArrayList<>(FORK_HEAP);
        flags.addAll(JvmFlags.forThisJdk());
        return flags;
    }

    /** {@link #forkFlags()} with this run's class archive, for run.json. */
    List<String> recordedForkFlags() {
        List<String> flags = forkFlags();
        flags.addAll(archives.forkFlags());
        return flags;
    }

    /** The echo children's flags with this run's class archive, for run.json. */
    List<String> recordedChildFlags() {
        List<String> flags = JvmFlags.childFlags();
        flags.addAll(archives.childFlags());
        return flags;
    }

    /** The forks each benchmark gets: JMH's {@code -f} when given, else the profile's. */
    int forks() {
        return user.getForkCount().hasValue() ? user.getForkCount().get() : config.profile().forks;
    }

    /**
     * The forks when {@code peersCount} peers values are compared: as {@link #forks()}, but at least
     * {@link #COMPARED_PEERS_FORKS} when more than one is asked and {@code -f} was not given, so the comparison has
     * intervals over forks (fork-level noise), not over one fork's iterations.
     */
    int forks(int peersCount) {
        int forks = forks();
        return peersCount > 1 && !user.getForkCount().hasValue() ? Math.max(COMPARED_PEERS_FORKS, forks) : forks;
    }

    static final int COMPARED_PEERS_FORKS = 3;

    /** JMH's verbosity: its {@code -v} when given, else normal. */
    VerboseMode verbosity() {
        return user.verbosity().orElse(VerboseMode.NORMAL);
    }

    /**
     * The benchmarks' JMH parameters: each result dimension's values ({@link RunPlan#values}) under its name, the fan
     * only {@code fan}: JMH runs one fan's clients as that many threads, fixed for one JMH run.
     */
    Map<String, List<String>> params(RunPlan.Group group, Peers peers, int fan) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        plan.values(group, peers, config).forEach((dimension, values) -> params.put(dimension.jmhParam(),
                dimension == Dimension.FAN ? List.of(String.valueOf(fan)) : values));
        return params;
    }

    /**
     * Runs one group's benchmarks with {@code peers}, a fan of {@code fan} (a fan-in's clients are JMH threads) and
     * {@code forks} forks each, writing JMH's results to {@code jsonFile}; JMH prints through {@code format} (see
     * {@link ProgressFormat}).
     */
    Collection<RunResult> run(RunPlan.Group group, Peers peers, int fan, int forks, Path jsonFile,
                              OutputFormat format) throws RunnerException {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(user);
        if (config.mode().latency()) {
            builder.include(Pattern.quote(RoundTripLatency.class.getName()) + "\\.");
        }
        if (config.mode().throughput()) {
            builder.include(Pattern.quote(StreamingThroughput.class.getName()) + "\\.");
        }
        params(group, peers, fan).forEach((param, values) -> builder.param(param, values.toArray(String[]::new)));
        // a fan-in's clients are JMH threads; a fan-out's one publisher drives its subscriber children
        builder.threads(config.fanIn() ? fan : 1);
        builder.jvmArgs(FORK_HEAP.toArray(String[]::new))
                .jvmArgsAppend(appended())
                .resultFormat(ResultFormatType.JSON)
                .result(jsonFile.toString());
        Profile profile = config.profile();
        if (!user.getWarmupIterations().hasValue()) {
            builder.warmupIterations(group.warmupIterations());
        }
        if (!user.getWarmupTime().hasValue()) {
            builder.warmupTime(TimeValue.milliseconds(profile.warmupMillis));
        }
        if (!user.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(profile.measurementIterations);
        }
        if (!user.getMeasurementTime().hasValue()) {
            builder.measurementTime(TimeValue.milliseconds(profile.measurementMillis));
        }
        builder.forks(forks);
        return new Runner(builder.build(), format).run();
    }

    private String[] appended() {
        List<String> args = new ArrayList<>(JvmFlags.forThisJdk());
        args.addAll(archives.forkFlags());
        args.addAll(archives.childProperty());
        args.add(SerialFilter.JMH_OPTION);
        args.add("-D" + ForkSettings.RESULTS_PROPERTY + "=" + runDir);
        args.add("-D" + ForkSettings.VERIFY_PROPERTY + "=" + config.verify());
        args.add("-D" + EchoSession.OWNER_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        if (plan.nativeBinary != null) {
            args.add("-D" + NativePeer.BINARY_PROPERTY + "=" + plan.nativeBinary);
        }
        if (!links.isEmpty()) {
            args.add("-D" + Link.PROPERTY + "=" + Link.encode(links));
        }
        if (user.getJvmArgsAppend().hasValue()) {
            args.addAll(user.getJvmArgsAppend().get());
        }
        return args.toArray(String[]::new);
    }
}
