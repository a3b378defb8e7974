package ipcbench.cli;

import ipcbench.bench.ForkSettings;
import ipcbench.bench.Profile;
import ipcbench.bench.RoundTripLatency;
import ipcbench.bench.StreamingThroughput;
import ipcbench.process.EchoSession;
import ipcbench.process.JvmFlags;
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

    JmhRun(List<String> jmhArgs) throws UsageException {
        try {
            user = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH option: " + e.getMessage());
        }
    }

    /** The flags every fork gets, for run.json (the system properties that carry settings are left out). */
    static List<String> forkFlags() {
        List<String> flags = new ArrayList<>(FORK_HEAP);
        flags.addAll(JvmFlags.forThisJdk());
        return flags;
    }

    /** The forks each benchmark gets: JMH's {@code -f} when given, else the profile's. */
    int forks(Profile profile) {
        return user.getForkCount().hasValue() ? user.getForkCount().get() : profile.forks;
    }

    /** JMH's verbosity: its {@code -v} when given, else normal. */
    VerboseMode verbosity() {
        return user.verbosity().orElse(VerboseMode.NORMAL);
    }

    /** Runs one group; JMH prints through {@code format} (see {@link ProgressFormat}). */
    Collection<RunResult> run(RunPlan.Group group, RunOptions options, Profile profile, String placement,
                              Path runDir, Path jsonFile, OutputFormat format) throws RunnerException {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(user);
        if (options.measure.latency()) {
            builder.include(Pattern.quote(RoundTripLatency.class.getName()) + "\\.");
        }
        if (options.measure.throughput()) {
            builder.include(Pattern.quote(StreamingThroughput.class.getName()) + "\\.");
        }
        builder.param("mechanism", group.mechanisms().toArray(String[]::new))
                .param("payloadBytes", group.sizes().stream().map(String::valueOf).toArray(String[]::new))
                .param("placement", placement)
                .param("wait", group.waits().toArray(String[]::new))
                .jvmArgs(FORK_HEAP.toArray(String[]::new))
                .jvmArgsAppend(appended(runDir, options.verify))
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
        builder.forks(forks(profile));
        return new Runner(builder.build(), format).run();
    }

    private String[] appended(Path runDir, boolean verify) {
        List<String> args = new ArrayList<>(JvmFlags.forThisJdk());
        args.add("-D" + ForkSettings.RESULTS_PROPERTY + "=" + runDir);
        args.add("-D" + ForkSettings.VERIFY_PROPERTY + "=" + verify);
        args.add("-D" + EchoSession.OWNER_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        if (user.getJvmArgsAppend().hasValue()) {
            args.addAll(user.getJvmArgsAppend().get());
        }
        return args.toArray(String[]::new);
    }
}
