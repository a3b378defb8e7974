package ipcbench.sides;

import ipcbench.results.ResultFile;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * gate.json: what a gate measured and how, so its verdict can be re-judged ({@code gate --judge}) and its method
 * checked: the seed and the order it fixed, both sides' origins, the options, the machine, and every fork with its
 * start time and exit code. Written after every pair, so a stopped gate keeps what it measured.
 */
public record GateRecord(String startedAt, String finishedAt, long seed, int rounds, Side base, Side head,
                         Options options, String machine, List<Fork> forks, List<String> problems) {
    /** A side's origin: as named, what it resolved to, and the jar's hash. */
    public record Side(String given, String kind, String commit, boolean dirty, String jar, String sha256) {
        public static Side of(SideJar jar) {
            return new Side(jar.given(), jar.kind().id(), jar.commit(), jar.dirty(), jar.jar().toString(), jar.sha256());
        }

        public String describe(String name) {
            String origin = commit == null ? "jar sha256 " + sha256.substring(0, 12)
                    : "commit " + commit.substring(0, 12) + (dirty ? " with uncommitted changes" : "");
            return name + " = " + given + " (" + origin + ")";
        }
    }

    /**
     * The run options every fork got (JMH: one fork per mode), and the mechanisms only reported (null in records
     * older than that option: none).
     */
    public record Options(List<String> mechanisms, List<Integer> payloadBytes, String placement, String waitStrategy,
                          String mode, String profile, List<String> reportOnly) {
        public List<String> reportOnlyOrNone() {
            return reportOnly == null ? List.of() : reportOnly;
        }
    }

    /** One side's fork of one pair. {@code first}: it ran before the other side's fork of the pair. */
    public record Fork(int round, String mechanism, int payloadBytes, String placement, String waitStrategy,
                       String side, boolean first, String startedAt, int exitCode, String runDir) {
    }

    public static final String FILE = "gate.json";
    private static final long LIMIT_BYTES = 16L << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public GateRecord {
        if (forks == null || problems == null || forks.stream().anyMatch(java.util.Objects::isNull)
                || problems.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("forks and problems must be lists without null");
        }
        forks = List.copyOf(forks);
        problems = List.copyOf(problems);
    }

    public void write(Path gateDir) throws IOException {
        Path file = gateDir.resolve(FILE);
        Path temporary = gateDir.resolve(FILE + ".tmp");
        Files.writeString(temporary, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a gate directory's gate.json; one line naming the file on failure. */
    public static GateRecord read(Path gateDir) throws IOException {
        Path file = gateDir.resolve(FILE);
        GateRecord record;
        try {
            record = GSON.fromJson(ResultFile.text(file, LIMIT_BYTES), GateRecord.class);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not JSON: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // Gson wraps what the record's constructor refuses in a plain RuntimeException.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IOException(file + ": not a gate record: " + firstLine(cause.getMessage()), e);
        }
        String problem = record == null ? "empty" : record.problem();
        if (problem != null) {
            throw new IOException(file + ": not a gate record (" + problem + ")");
        }
        return record;
    }

    /** What {@link #context} needs that a file from elsewhere may lack, or null. */
    private String problem() {
        if (base == null || head == null || options == null) {
            return "base, head or options missing";
        }
        for (Side side : List.of(base, head)) {
            if (side.commit == null ? side.sha256 == null || side.sha256.length() < 12 : side.commit.length() < 12) {
                return "a side has neither a commit nor a jar sha256";
            }
        }
        return options.mechanisms == null || options.payloadBytes == null ? "options lack mechanisms or sizes" : null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** The lines gate.md opens with: machine, sides, method. */
    public List<String> context() {
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + machine);
        lines.add(base.describe("base"));
        lines.add(head.describe("head"));
        lines.add(String.format(Locale.ROOT, "method: %d rounds (pairs); each round shuffles the benchmarks and runs, "
                + "per benchmark, one base fork and one head fork back to back in an order chosen by a coin flip; "
                + "seed %d", rounds, seed));
        lines.add("options: --mechanisms " + String.join(",", options.mechanisms()) + " --sizes "
                + options.payloadBytes().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                + " --pin " + options.placement() + " --wait " + options.waitStrategy() + " --mode " + options.mode()
                + " --profile " + options.profile() + (options.reportOnlyOrNone().isEmpty() ? ""
                : " --report-only " + String.join(",", options.reportOnlyOrNone())) + " (JMH -f 1 per side and pair)");
        lines.add("measured: " + startedAt + " to " + (finishedAt == null ? "(stopped before the end)" : finishedAt));
        problems.forEach(problem -> lines.add("problem: " + problem));
        return lines;
    }

    GateRecord with(List<Fork> forks, List<String> problems, String finishedAt, String machine) {
        return new GateRecord(startedAt, finishedAt, seed, rounds, base, head, options, machine, forks, problems);
    }
}
