package ipcbench.cli;

import ipcbench.bench.LoadRates;
import ipcbench.bench.Profile;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.process.Peers;
import ipcbench.results.Dimension;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The {@code run} command: the options of a benchmark run, parsed and checked for form (names, numbers,
 * enumerations, whether an output path can be created), then fixed as a {@link RunConfig}. Checks that need the
 * mechanisms (ids, limits, availability) are made by {@link RunPlan}. Everything after {@code --} goes to JMH
 * ({@link Main} splits it off).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Measure: the default command. Prints one line per finished benchmark, then a summary;"
                + " writes results, charts and a report.",
        customSynopsis = "./run-bench.sh [run] [OPTIONS] [-- JMH_OPTIONS]",
        footer = {"", "  -- JMH_OPTIONS       passed to JMH, e.g. -- -prof gc; JMH's -f, -wi, -w, -i, -r override the profile",
                "", "One run measures at a time on a machine: a second run waits for the first (see --no-wait).",
                "JMH's own output goes to <results>/jmh.log (--verbose shows it too).",
                "Exit codes: 0 done, 1 a benchmark failed, 2 bad input or another run measuring with --no-wait",
                "(one line on stderr, nothing created)."})
final class RunOptions implements Callable<Integer> {
    private List<String> mechanisms = List.of();
    private boolean mechanismsExplicit;
    private List<Integer> sizes = List.of(64, 65536);
    /** The --mode given; null for the default (both, or latency for a fan-out). */
    private RunConfig.Mode mode;
    private Profile profile = Profile.QUICK;
    /** Null until defaulted by the plan, which knows the CPU count. */
    private Placement placement;
    private Path results;
    /** The wait strategies asked for ({@code --wait}), in order: block, spin or both. */
    private List<WaitStrategy> waits = List.of(WaitStrategy.BLOCK);
    /** Null unless --rates was given; --mode load then uses it, else {@link LoadRates#defaults()}. */
    private LoadRates rates;
    /** --cpu-at as given: null when not given, "none" for none. */
    private String cpuAt;
    final List<String> jmhArgs = new ArrayList<>();
    /** Values asked for dimensions with no field above ({@link RunConfig#dimensions}); an option puts them here. */
    private final Map<Dimension, List<String>> dimensions = new LinkedHashMap<>();

    @Option(names = "--verify", description = "check every echoed byte during the run (adds the compare to each"
            + " round trip)")
    private boolean verify;

    @Option(names = "--no-wait", description = "if another run is measuring, exit 2 at once instead of waiting for it")
    private boolean noWait;

    @Option(names = "--verbose", description = "show JMH's own output live too (it always goes to jmh.log)")
    private boolean verbose;

    @Option(names = "--list", description = "same as the list command (kept as an alias)")
    private boolean list;

    @Spec
    CommandSpec spec;

    private final Main.Context context;

    RunOptions(Main.Context context) {
        this.context = context;
    }

    RunOptions() {
        this(null);
    }

    /** The run's settings from run options alone (and a {@code --} part for JMH): for tests and callers. */
    static RunConfig parse(List<String> args) throws UsageException {
        RunOptions options = new RunOptions();
        CommandLine cli = new CommandLine(options);
        int end = args.indexOf("--");
        List<String> own = end >= 0 ? args.subList(0, end) : args;
        try {
            cli.parseArgs(own.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(Main.badInput(e));
        }
        if (end >= 0) {
            options.jmhArgs.addAll(args.subList(end + 1, args.size()));
        }
        return options.config();
    }

    /** The settings these options give, checked across options. */
    RunConfig config() throws UsageException {
        FarEnd far = farEnd();
        Map<Dimension, List<String>> asked = new LinkedHashMap<>(dimensions);
        String topology = asked.getOrDefault(Dimension.TOPOLOGY, List.of(Dimension.Topology.PAIR)).get(0);
        String fanOptionWanted = topology.equals(RunConfig.FAN_IN) ? "--clients"
                : topology.equals(RunConfig.FAN_OUT) ? "--subscribers" : null;
        if (fanOption != null && !fanOption.equals(fanOptionWanted)) {
            throw new UsageException(fanOption + " needs --topology " + (fanOption.equals("--clients")
                    ? RunConfig.FAN_IN : RunConfig.FAN_OUT));
        }
        if (fanOptionWanted != null && !asked.containsKey(Dimension.FAN)) {
            asked.put(Dimension.FAN, RunConfig.DEFAULT_FANS);
        }
        RunConfig.Mode mode = this.mode != null ? this.mode
                : topology.equals(RunConfig.FAN_OUT) ? RunConfig.Mode.LATENCY : RunConfig.Mode.BOTH;
        if (far != null) {
            asked.put(Dimension.LINK, List.of(Dimension.LINK.defaultValue(), far.label()));
        }
        RunConfig config = new RunConfig(mechanisms, mechanismsExplicit, sizes, mode, profile, placement, results,
                waits, peers, rates, cpuAtRates(mode, topology.equals(Dimension.Topology.PAIR)), verify, noWait, verbose, jmhArgs, asked,
                far);
        config.validate(list);
        return config;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        if (list) {
            return ListCommand.run(context.out());
        }
        return RunCommand.run(config(), context.home(), context.out());
    }

    @Option(names = "--mechanisms", paramLabel = "a,b,c", order = 1,
            description = "mechanism ids (default: every mechanism that can run here; see list)")
    void mechanisms(String list) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : list.split(",", -1)) {
            if (id.isBlank()) {
                throw bad("--mechanisms has an empty entry in '" + list + "'");
            }
            ids.add(id.trim());
        }
        mechanisms = List.copyOf(ids);
        mechanismsExplicit = true;
    }

    @Option(names = "--sizes", paramLabel = "64,64k", order = 2,
            description = "payload sizes in bytes, k = 1024, m = 1048576, 1 B to 64 MiB (default: 64,64k)")
    void sizes(String list) {
        try {
            sizes = Sizes.parseList(list);
        } catch (UsageException e) {
            throw bad(e.getMessage());
        }
    }

    @Option(names = "--mode", paramLabel = "M", order = 3,
            description = "latency, throughput or both (default: both); load: offered-load latency (with --rates)")
    void mode(String text) {
        mode = switch (text) {
            case "latency" -> RunConfig.Mode.LATENCY;
            case "throughput" -> RunConfig.Mode.THROUGHPUT;
            case "both" -> RunConfig.Mode.BOTH;
            case "load" -> RunConfig.Mode.LOAD;
            default -> throw bad("unknown mode '" + text + "'; use latency, throughput, both or load");
        };
    }

    @Option(names = "--profile", paramLabel = "P", order = 4, description = {
        "smoke: proves the pipeline (1 fork, seconds per benchmark)",
        "quick: the default (1 fork, 2 x 0.5 s warm-up, 6 x 0.4 s measurement)",
        "ci: for the regression gate (7 forks, 2 x 0.3 s warm-up, 2 x 0.3 s)",
        "full: publication quality (5 forks, 5 x 2 s warm-up, 10 x 2 s)"})
    void profile(String id) {
        profile = parseEnum(Profile::parse, id);
    }

    @Option(names = {"--pin", "--placement"}, paramLabel = "P", order = 5, description = {
        "cross: client and echo thread on two CPUs (default with >= 2 CPUs)",
        "same: both on one CPU; none: the scheduler decides (never compare with pinned)"})
    void pin(String id) {
        placement = parseEnum(Placement::parse, id);
    }

    @Option(names = "--results", paramLabel = "DIR", order = 6,
            description = "where the run's files go, charts in DIR/plots (default: results/<run-id> and"
                    + " results/latest, charts in plots/<run-id>)")
    void results(String dir) {
        try {
            results = OutputPaths.directory("--results", dir);
        } catch (UsageException e) {
            throw bad(e.getMessage());
        }
    }

    @Option(names = "--wait", paramLabel = "W", order = 7,
            description = "how receives wait: block (sleep in the kernel, the default), spin (poll without sleeping) or"
                    + " both; shm, mmap-file and aeron-ipc only spin, rmi and grpc only block")
    void waitStrategy(String text) {
        waits = switch (text) {
            case "block" -> List.of(WaitStrategy.BLOCK);
            case "spin" -> List.of(WaitStrategy.SPIN);
            case "both" -> List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN);
            default -> throw bad("unknown wait strategy '" + text + "'; use block, spin or both");
        };
    }

    @Option(names = "--io", paramLabel = "P", order = 8,
            description = "how the Java ends make their system calls: jdk (the JDK's channels, the default), direct"
                    + " (plain read/write on the same descriptors: FFM on JDK 22+, jnr-ffi before) or both; only"
                    + " pipe, fifo, tcp, uds and udp have both")
    void io(String text) {
        dimensions.put(Dimension.IO, switch (text) {
            case "jdk", "direct" -> List.of(text);
            case "both" -> List.of("jdk", "direct");
            default -> throw bad("unknown io path '" + text + "'; use jdk, direct or both");
        });
    }

    @Option(names = "--topology", paramLabel = "T", order = 11,
            description = "pair (one client, the default); fanin: several clients, each its own connection or queue"
                    + " and a JMH thread of its own, served by one echo child (--clients); fanout: one publisher"
                    + " reaching several subscriber processes, latency to the last acknowledgement (--subscribers)")
    void topology(String text) {
        if (!text.equals(Dimension.Topology.PAIR) && !text.equals(RunConfig.FAN_IN) && !text.equals(RunConfig.FAN_OUT)) {
            throw bad("unknown topology '" + text + "'; use pair, fanin or fanout");
        }
        dimensions.put(Dimension.TOPOLOGY, List.of(text));
    }

    @Option(names = "--clients", paramLabel = "LIST", order = 12,
            description = "with --topology fanin: the numbers of clients, e.g. 1,2,4 (1 to " + Dimension.MAX_FAN
                    + "; default 1,2,4)")
    void clients(String list) {
        fans("--clients", list);
    }

    @Option(names = "--subscribers", paramLabel = "LIST", order = 13,
            description = "with --topology fanout: the numbers of subscribers, e.g. 1,2,4 (1 to " + Dimension.MAX_FAN
                    + "; default 1,2,4)")
    void subscribers(String list) {
        fans("--subscribers", list);
    }

    @Option(names = "--reply", paramLabel = "WHO", order = 14,
            description = "with --topology fanout: who acknowledges each message: all (every subscriber echoes it,"
                    + " the default); one (only the first) is not built yet")
    void reply(String who) {
        if (!who.equals("all")) {
            throw bad("--reply " + who + ": only all is built (every subscriber echoes each message); one needs"
                    + " subscribers that receive without replying, which ipcbench does not have yet");
        }
    }

    /** The --clients or --subscribers list, ascending without repeats. */
    private void fans(String option, String list) {
        if (dimensions.containsKey(Dimension.FAN)) {
            throw bad(option + ": give --clients or --subscribers once");
        }
        List<Integer> counts = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            int count;
            try {
                count = Integer.parseInt(item.trim());
            } catch (NumberFormatException e) {
                throw bad(option + ": '" + item + "' is not a number");
            }
            if (count < 1 || count > Dimension.MAX_FAN) {
                throw bad(option + ": " + count + " is outside 1 to " + Dimension.MAX_FAN);
            }
            if (!counts.contains(count)) {
                counts.add(count);
            }
        }
        fanOption = option;
        dimensions.put(Dimension.FAN, counts.stream().sorted().map(String::valueOf).toList());
    }

    /** Which of --clients and --subscribers gave the fans, if either did. */
    private String fanOption;

    /** The peers asked for ({@code --peers}), in order, without repeats. */
    private List<Peers> peers = List.of(Peers.DEFAULT);

    @Option(names = "--peers", paramLabel = "LIST", order = 8,
            description = "which ends are C instead of Java, client first: jvm-jvm (the default), jvm-native (a JVM"
                    + " client against the C echo server), native-native (both in C, latency only); a comma list"
                    + " measures them interleaved, fork by fork. Native peers need cc and run only for the"
                    + " mechanisms the C peer has")
    void peers(String list) {
        List<Peers> asked = new ArrayList<>();
        for (String id : list.split(",", -1)) {
            Peers one;
            try {
                one = Peers.of(id.trim());
            } catch (IllegalArgumentException e) {
                throw bad("--peers: " + e.getMessage());
            }
            if (!asked.contains(one)) {
                asked.add(one);
            }
        }
        peers = List.copyOf(asked);
    }

    @Option(names = "--rates", paramLabel = "LIST", order = 9,
            description = "--mode load: offered rates, messages/s (20000, 50k) or percentages of the measured echo"
                    + " capacity (default: 10%%,30%%,50%%,70%%,90%%,100%%)")
    void rates(String list) {
        try {
            rates = LoadRates.parse(list);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    @Option(names = "--cpu-at", paramLabel = "LIST", order = 10,
            description = "offered rates, messages/s, at which a latency run also measures the cores each mechanism"
                    + " keeps busy, both processes, at its smallest size (default: " + CpuAtLoad.DEFAULT_RATES
                    + "; none with --profile smoke); none: skip")
    void cpuAt(String list) {
        if (!list.equals("none")) {
            try {
                LoadRates.parse(list);
            } catch (IllegalArgumentException e) {
                throw bad("--cpu-at: " + e.getMessage());
            }
        }
        cpuAt = list;
    }

    /**
     * The rates --cpu-at gives, its default for the profile and mode, or null for none; a run of fan-ins or fan-outs
     * ({@code pairs} false) measures them only when asked.
     */
    private LoadRates cpuAtRates(RunConfig.Mode mode, boolean pairs) throws UsageException {
        if (cpuAt != null && mode == RunConfig.Mode.LOAD) {
            throw new UsageException("--cpu-at does not apply to --mode load, which measures the cores at its --rates");
        }
        String asked = cpuAt != null ? cpuAt : pairs && mode.latency() && profile != Profile.SMOKE
                ? CpuAtLoad.DEFAULT_RATES
                : "none";
        return asked.equals("none") ? null : LoadRates.parse(asked);
    }

    @Option(names = "--netns", order = 20, description = "also measure the mechanisms that cross hosts (tcp, udp,"
            + " grpc, rmi, aeron-udp) with the echo child in a second network namespace joined by a veth pair: rows"
            + " with link netns-veth beside the loopback rows (needs root, or run under unshare -rn)")
    private boolean netns;

    @Option(names = "--server-host", paramLabel = "DEST", order = 21, description = "also measure them with the echo"
            + " child on DEST, started through --launcher (prepare DEST once with remote-setup)")
    private String serverHost;

    @Option(names = "--server-addr", paramLabel = "ADDR", order = 22, description = "with --server-host: the far"
            + " end's IP address as this host dials it; its servers bind only that address")
    private String serverAddr;

    @Option(names = "--launcher", paramLabel = "CMD", order = 23, description = "with --server-host: the command that"
            + " runs a shell command line on DEST, words split on spaces, {host} replaced by DEST (default: "
            + FarEnd.DEFAULT_LAUNCHER + "; others end in sh -c, e.g. kubectl exec -i {host} -- sh -c)")
    private String launcher;

    @Option(names = "--link", paramLabel = "LABEL", order = 24, description = "with --server-host: the link's name in"
            + " the results, e.g. 10gbe (default: " + FarEnd.DEFAULT_LABEL + ")")
    private String linkLabel;

    @Option(names = "--data-ports", paramLabel = "A-B", order = 25, description = "the ports the far end's servers"
            + " may listen on, for firewalls (default: any free port)")
    private String dataPorts;

    @Option(names = "--remote-java", paramLabel = "PATH", order = 26, description = "with --server-host: the java"
            + " command on DEST (default: java)")
    private String remoteJava;

    @Option(names = "--link-rate", paramLabel = "RATE", order = 27, description = "with --netns: shape both ends of"
            + " the pair with tc tbf at RATE, e.g. 1gbit")
    private String linkRate;

    @Option(names = "--link-delay", paramLabel = "MS", order = 28, description = "with --netns: delay both ends by MS"
            + " with tc netem, where the kernel has it (else skipped with the reason)")
    private Integer linkDelayMs;

    /** The far end the options name, checked, or null for a loopback-only run. */
    private FarEnd farEnd() throws UsageException {
        FarEnd.check(netns, serverHost, launcher, serverAddr, linkLabel, dataPorts, remoteJava, linkRate, linkDelayMs);
        if (!netns && serverHost == null) {
            return null;
        }
        return new FarEnd(netns, serverHost, launcher != null ? launcher : FarEnd.DEFAULT_LAUNCHER, serverAddr,
                netns ? ipcbench.process.Link.NETNS : linkLabel != null ? linkLabel : FarEnd.DEFAULT_LABEL, dataPorts,
                remoteJava != null ? remoteJava : FarEnd.DEFAULT_JAVA, linkRate, linkDelayMs);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private <T> T parseEnum(Function<String, T> parse, String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }
}
