package ipcbench.cli;

import ipcbench.bench.ForkSettings;
import ipcbench.bench.Profile;
import ipcbench.bench.RoundTripLatency;
import ipcbench.bench.StreamingThroughput;
import ipcbench.process.ClassArchives;
import ipcbench.process.EchoSession;
import ipcbench.process.JvmFlags;
import ipcbench.process.NativePeer;
import ipcbench.process.SerialFilter;
import ipcbench.results.Dimension;
import ipcbench.results.RunLayout;
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
import java.util.List;
import java.util.regex.Pattern;

/**
 * One JMH run over a group of mechanisms: the launcher that owns every JVM flag of the forks. The profile sets
 * warm-up, measurement and forks unless the JMH pass-through options set them.
 */
final class JmhRun {
    /** A fixed heap, so that heap sizing does not differ from host to host. */
    static final List<String> FORK_HEAP = List.of("-Xms1g", "-Xmx1g");

    private final CommandLineOptions user;
    private final ClassArchives archives;

    JmhRun(List<String> jmhArgs) throws UsageException {
        try {
            user = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH option: " + e.getMessage());
        }
        archives = ClassArchives.off("off: not prepared");
    }

    private JmhRun(CommandLineOptions user, ClassArchives archives) {
        this.user = user;
        this.archives = archives;
    }

    /** This run with the forks and their echo children on {@code archives}. */
    JmhRun withArchives(ClassArchives archives) {
        return new JmhRun(user, archives);
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
    int forks(Profile profile) {
        return user.getForkCount().hasValue() ? user.getForkCount().get() : profile.forks;
    }

    /**
     * The forks when {@code peersCount} peers values are compared: as {@link #forks(Profile)}, but at least
     * {@link #COMPARED_PEERS_FORKS} when more than one is asked and {@code -f} was not given, so the comparison has
     * intervals over forks (fork-level noise), not over one fork's iterations.
     */
    int forks(Profile profile, int peersCount) {
        int forks = forks(profile);
        return peersCount > 1 && !user.getForkCount().hasValue() ? Math.max(COMPARED_PEERS_FORKS, forks) : forks;
    }

    static final int COMPARED_PEERS_FORKS = 3;

    /** JMH's verbosity: its {@code -v} when given, else normal. */
    VerboseMode verbosity() {
        return user.verbosity().orElse(VerboseMode.NORMAL);
    }

    /** Runs one group; JMH prints through {@code format} (see {@link ProgressFormat}). */
    Collection<RunResult> run(RunPlan.Group group, RunOptions options, Profile profile, String placement,
                              Path runDir, Path jsonFile, OutputFormat format) throws RunnerException {
        return run(group, List.of(Dimension.PEERS.defaultValue()), forks(profile), null, options, profile, placement, runDir,
                jsonFile, format);
    }

    /**
     * Runs one group with the {@code peers} parameter values (jvm-jvm, jvm-native) and {@code forks} forks; the forks
     * find the native peer at {@code nativeBinary} (null: none needed).
     */
    Collection<RunResult> run(RunPlan.Group group, List<String> peers, int forks, Path nativeBinary,
                              RunOptions options, Profile profile, String placement, Path runDir, Path jsonFile,
                              OutputFormat format) throws RunnerException {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(user);
        if (options.mode.latency()) {
            builder.include(Pattern.quote(RoundTripLatency.class.getName()) + "\\.");
        }
        if (options.mode.throughput()) {
            builder.include(Pattern.quote(StreamingThroughput.class.getName()) + "\\.");
        }
        builder.param("mechanism", group.mechanisms().toArray(String[]::new))
                .param("payloadBytes", group.sizes().stream().map(String::valueOf).toArray(String[]::new))
                .param("placement", placement)
                .param("wait", group.waits().toArray(String[]::new))
                .param("peers", peers.toArray(String[]::new))
                .jvmArgs(FORK_HEAP.toArray(String[]::new))
                .jvmArgsAppend(appended(runDir, options.verify, nativeBinary))
                .resultFormat(ResultFormatType.JSON)
                .result(jsonFile.toString());
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

    private String[] appended(Path runDir, boolean verify, Path nativeBinary) {
        List<String> args = new ArrayList<>(JvmFlags.forThisJdk());
        args.addAll(archives.forkFlags());
        args.addAll(archives.childProperty());
        args.add(SerialFilter.JMH_OPTION);
        args.add("-D" + ForkSettings.RESULTS_PROPERTY + "=" + runDir);
        args.add("-D" + ForkSettings.VERIFY_PROPERTY + "=" + verify);
        args.add("-D" + EchoSession.OWNER_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        if (nativeBinary != null) {
            args.add("-D" + NativePeer.BINARY_PROPERTY + "=" + nativeBinary);
        }
        if (user.getJvmArgsAppend().hasValue()) {
            args.addAll(user.getJvmArgsAppend().get());
        }
        return args.toArray(String[]::new);
    }
}
