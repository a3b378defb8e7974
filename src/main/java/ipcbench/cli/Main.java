package ipcbench.cli;

import ipcbench.report.ReportException;
import ipcbench.process.SerialFilter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The command line behind {@code ./run-bench.sh}, on picocli: subcommands, per-command help, {@code --version}, a
 * suggestion for a mistyped command. {@code run} is the default command. Bad input prints one line starting
 * {@code ipcbench:} and exits 2, before anything is created; a failure during a run prints one line (a stack trace
 * only with IPCBENCH_DEBUG=1) and exits 1.
 */
@Command(name = "./run-bench.sh", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "[COMMAND]",
        description = "What each Linux IPC mechanism costs between two JVM processes. Without a command: run.",
        subcommands = {RunOptions.class, ListCommand.class, FileCommands.PlotCommand.class, FileCommands.ReportCommand.class,
                FileCommands.CompareCommand.class, GateCommand.class, DoctorCommand.class, ExportCommand.class,
                RemoteSetupCommand.class},
        footer = {"", "Every command has --help, e.g. ./run-bench.sh run --help.",
                "Exit codes: 0 done, 1 a benchmark failed (compare: a regression), 2 bad input (one line on stderr,"
                        + " nothing created)."})
public final class Main implements Callable<Integer> {
    /** What the commands need besides their options: the checkout and where to print. */
    record Context(Path home, PrintStream out) {
    }

    private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // JMH's binary link reads its forks' frames with Java serialization in this JVM: allow only what they hold
        SerialFilter.install(SerialFilter.JMH);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(Arrays.asList(args), new Context(home(), out), err));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Parses and runs one command line; returns the exit code. */
    static int run(List<String> argList, Context context, PrintStream err) {
        List<String> args = withDefaultCommand(argList);
        CommandLine cli = commandLine(context, err);
        if (args.get(0).equals("run")) {
            int end = args.indexOf("--");
            if (end >= 0) {
                RunOptions run = cli.getSubcommands().get("run").getCommand();
                run.jmhArgs.addAll(args.subList(end + 1, args.size()));
                args = args.subList(0, end);
            }
        }
        return cli.execute(args.toArray(String[]::new));
    }

    static CommandLine commandLine(Context context, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(), new Factory(context));
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("ipcbench: " + badInput(e) + " (see " + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean usage = e instanceof UsageException || e instanceof ReportException;
            err.println("ipcbench: " + oneLine(e.getMessage() != null ? e.getMessage() : e.toString()));
            if (!usage && System.getenv("IPCBENCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return usage ? 2 : 1;
        });
        return cli;
    }

    /** No command, or options first: the run command (the root keeps only --help and --version). */
    static List<String> withDefaultCommand(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("-") && !ROOT_OPTIONS.contains(args.get(0))) {
            List<String> withRun = new ArrayList<>(List.of("run"));
            withRun.addAll(args);
            return withRun;
        }
        return args;
    }

    /** picocli's complaint as one line in our words, with a suggestion for a mistyped command or option. */
    static String badInput(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return oneLine(e.getMessage());
        }
        String arg = unmatched.getUnmatched().get(0);
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String message;
        if (arg.startsWith("-")) {
            message = "unknown option '" + arg + "'";
        } else if (!spec.subcommands().isEmpty()) {
            message = "unknown command '" + arg + "'";
        } else {
            message = spec.name() + " takes no further argument, got '" + arg + "'";
        }
        List<String> suggestions = unmatched.getSuggestions();
        if (!suggestions.isEmpty() && (arg.startsWith("-") || !spec.subcommands().isEmpty())) {
            String best = suggestions.get(0);
            message += "; did you mean " + (arg.startsWith("--") && !best.startsWith("-") ? "--" + best : best) + "?";
        }
        return message;
    }

    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The ipcbench checkout: results/ and plots/ live there. run-bench.sh sets IPCBENCH_HOME. */
    static Path home() {
        String home = System.getenv("IPCBENCH_HOME");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    /** Creates commands that take the {@link Context}; the others picocli's way. */
    private record Factory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Context.class).newInstance(context);
            } catch (NoSuchMethodException noContext) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
