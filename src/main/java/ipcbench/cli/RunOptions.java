package ipcbench.cli;

import ipcbench.bench.LoadRates;
import ipcbench.bench.Profile;
import ipcbench.mechanism.PlantedStall;
import ipcbench.os.Placement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of a benchmark run, parsed and checked for form (names, numbers, enumerations). Checks that need the
 * mechanisms (ids, limits, availability) are made by {@link RunPlan}.
 */
final class RunOptions {
    static final String USAGE = """
            Usage: ./run-bench.sh [run] [options] [-- JMH options]
                   ./run-bench.sh list            mechanisms, whether they can run here, their limits
                   ./run-bench.sh --help

            Options:
              --mechanisms a,b,c   mechanism ids (default: every mechanism that can run here; see list)
              --sizes 64,64k       payload sizes in bytes, k = 1024, m = 1048576 (default: 64,64k)
              --mode M             latency, throughput, both (= latency and throughput) or load (default: both)
              --rates R            --mode load: offered rates, messages/s (20000, 50k) or percentages of the
                                   measured echo capacity (default: 10%,30%,50%,70%,90%,100%)
              --profile P          smoke: proves the pipeline (1 fork, seconds per benchmark)
                                   quick: the default (1 fork, 2 x 0.5 s warm-up, 6 x 0.4 s measurement)
                                   ci: for the regression gate (7 forks, 2 x 0.3 s warm-up, 2 x 0.3 s)
                                   full: publication quality (5 forks, 5 x 2 s warm-up, 10 x 2 s)
              --pin P              cross: client and echo thread on two CPUs (default with >= 2 CPUs)
                                   same: both on one CPU; none: the scheduler decides (never compare with pinned)
              --results DIR        where the run's files go (default: results/<run-id>, and results/latest)
              --verify             check every echoed byte during the run (adds the compare to each round trip)
              --no-wait            if another run is measuring, exit 2 at once instead of waiting for it
              --list               same as the list command
              -h, --help           this text
              -- ARGS              everything after -- goes to JMH, e.g. -- -prof gc

            One run measures at a time on a machine: a second run waits for the first (see --no-wait).
            Exit codes: 0 done, 1 a benchmark failed, 2 bad input or another run measuring with --no-wait
            (one line on stderr, nothing created).""";

    enum Measure {
        LATENCY, THROUGHPUT, BOTH, LOAD;

        boolean latency() {
            return this == LATENCY || this == BOTH;
        }

        boolean throughput() {
            return this == THROUGHPUT || this == BOTH;
        }
    }

    List<String> mechanisms = List.of();
    boolean mechanismsExplicit;
    List<Integer> sizes = List.of(64, 65536);
    Measure measure = Measure.BOTH;
    /** Null unless --rates was given; --mode load then uses it, else {@link LoadRates#defaults()}. */
    LoadRates rates;
    Profile profile = Profile.QUICK;
    /** Null until defaulted by the plan, which knows the CPU count. */
    Placement placement;
    Path results;
    boolean verify;
    boolean noWait;
    boolean help;
    boolean list;
    final List<String> jmhArgs = new ArrayList<>();

    private static final Set<String> WITH_VALUE =
            Set.of("--mechanisms", "--sizes", "--mode", "--profile", "--pin", "--results", "--rates");

    static RunOptions parse(List<String> args) throws UsageException {
        RunOptions options = new RunOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                options.jmhArgs.addAll(args.subList(i + 1, args.size()));
                break;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String value = name.equals(arg) ? null : arg.substring(eq + 1);
            if (WITH_VALUE.contains(name) && value == null) {
                if (++i >= args.size() || args.get(i).startsWith("--")) {
                    throw new UsageException("option " + name + " needs a value (see --help)");
                }
                value = args.get(i);
            }
            switch (name) {
                case "-h", "--help" -> options.help = true;
                case "--list" -> options.list = true;
                case "--verify" -> options.verify = true;
                case "--no-wait" -> options.noWait = true;
                case "--mechanisms" -> {
                    options.mechanisms = ids(value);
                    options.mechanismsExplicit = true;
                }
                case "--sizes" -> options.sizes = Sizes.parseList(value);
                case "--mode" -> options.measure = measure(value);
                case "--profile" -> options.profile = parseEnum(Profile::parse, value);
                case "--pin" -> options.placement = parseEnum(Placement::parse, value);
                case "--results" -> options.results = Path.of(value);
                case "--rates" -> options.rates = parseEnum(LoadRates::parse, value);
                default -> throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
        }
        if (options.rates != null && options.measure != Measure.LOAD && !options.help && !options.list) {
            throw new UsageException("--rates needs --mode load");
        }
        if (System.getProperty(PlantedStall.PROPERTY) != null
                || options.jmhArgs.stream().anyMatch(arg -> arg.contains(PlantedStall.PROPERTY))) {
            throw new UsageException(PlantedStall.PROPERTY + " is a test-only fault and cannot be set for a run");
        }
        return options;
    }

    /** The load run's rates: --rates, or the default percentages. */
    LoadRates loadRates() {
        return rates != null ? rates : LoadRates.defaults();
    }

    private static List<String> ids(String list) throws UsageException {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : list.split(",", -1)) {
            if (id.isBlank()) {
                throw new UsageException("--mechanisms has an empty entry in '" + list + "'");
            }
            ids.add(id.trim());
        }
        return List.copyOf(ids);
    }

    private static Measure measure(String text) throws UsageException {
        return switch (text) {
            case "latency" -> Measure.LATENCY;
            case "throughput" -> Measure.THROUGHPUT;
            case "both" -> Measure.BOTH;
            case "load" -> Measure.LOAD;
            default -> throw new UsageException("unknown mode '" + text + "'; use latency, throughput, both or load");
        };
    }

    private static <T> T parseEnum(Function<String, T> parse, String value) throws UsageException {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
