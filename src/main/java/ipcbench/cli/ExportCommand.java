package ipcbench.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.Repeats;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code export RUN --format github-action-benchmark}: a run's rows as the JSON that
 * benchmark-action/github-action-benchmark reads for its custom tools, one file per tool, since one step of the action
 * takes one tool: {@code customSmallerIsBetter} (p50 and p99 round trip per row, ns) and {@code customBiggerIsBetter}
 * (throughput per row, bytes/s). Each entry is {@code {name, unit, value, range, extra}}; range is the row's interval.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"A run's results in another tool's format.",
            "github-action-benchmark: github-action-benchmark-latency.json (tool customSmallerIsBetter: p50 and p99"
                    + " per row, ns) and github-action-benchmark-throughput.json (tool customBiggerIsBetter: bytes/s"
                    + " per row)."})
final class ExportCommand implements Callable<Integer> {
    static final String FORMAT = "github-action-benchmark";
    static final String LATENCY_FILE = "github-action-benchmark-latency.json";
    static final String THROUGHPUT_FILE = "github-action-benchmark-throughput.json";

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory")
    Path run;

    @Option(names = "--format", required = true, paramLabel = "F", description = "the format: " + FORMAT)
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: RUN_DIR)")
    String out;

    private final Main.Context context;

    ExportCommand(Main.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        if (!FORMAT.equals(format)) {
            throw new UsageException("unknown export format '" + format + "'; use " + FORMAT);
        }
        Path outDir = out != null ? OutputPaths.directory("--out", out) : null;
        RunLayout layout = new RunLayout(run.toAbsolutePath().normalize());
        if (!Files.isRegularFile(layout.runJson())) {
            throw new UsageException(run + " is not a run directory (no run.json)");
        }
        List<LatencyRow> latency = Files.exists(layout.latencyCsv()) ? LatencyRow.read(layout.latencyCsv()) : List.of();
        List<ThroughputRow> throughput = Files.exists(layout.throughputCsv())
                ? ThroughputRow.read(layout.throughputCsv()) : List.of();
        if (latency.isEmpty() && throughput.isEmpty()) {
            throw new UsageException(run + " holds no latency or throughput rows to export");
        }
        Path dir = outDir != null ? outDir : layout.dir();
        Files.createDirectories(dir);
        if (!latency.isEmpty()) {
            context.out().println("export  " + write(dir.resolve(LATENCY_FILE), smallerIsBetter(latency)));
        }
        if (!throughput.isEmpty()) {
            context.out().println("export  " + write(dir.resolve(THROUGHPUT_FILE), biggerIsBetter(throughput)));
        }
        return 0;
    }

    /** customSmallerIsBetter: two entries per latency row, p50 and p99 in ns. */
    static JsonArray smallerIsBetter(List<LatencyRow> rows) {
        JsonArray entries = new JsonArray();
        for (LatencyRow row : rows) {
            String name = rowName(row.mechanism(), row.payloadBytes(), row.placement()) + peersSuffix(row.peers());
            entries.add(entry(name + " p50", "ns", row.p50Ns(), row.p50NsCi(), extra(row.repeats())));
            entries.add(entry(name + " p99", "ns", row.p99Ns(), row.p99NsCi(), extra(row.repeats())));
        }
        return entries;
    }

    /** customBiggerIsBetter: one entry per throughput row, bytes/s. */
    static JsonArray biggerIsBetter(List<ThroughputRow> rows) {
        JsonArray entries = new JsonArray();
        for (ThroughputRow row : rows) {
            entries.add(entry(rowName(row.mechanism(), row.payloadBytes(), row.placement()) + peersSuffix(row.peers())
                    + " throughput",
                    "bytes/s", Math.round(row.bytesPerS()), row.bytesPerSCi(), extra(row.repeats())));
        }
        return entries;
    }

    /** {@code " native-native"} for rows of peers other than jvm-jvm, whose names stay as they were. */
    static String peersSuffix(String peers) {
        return peers.equals(Dimension.PEERS.defaultValue()) ? "" : " " + peers;
    }

    /** "pipe 64 B cross": names stay the same from run to run, so the action can follow each row over commits. */
    static String rowName(String mechanism, int payloadBytes, String placement) {
        return mechanism + " " + Sizes.format(payloadBytes) + " " + placement;
    }

    private static JsonObject entry(String name, String unit, long value, Interval interval, String extra) {
        JsonObject entry = new JsonObject();
        entry.addProperty("name", name);
        entry.addProperty("unit", unit);
        entry.addProperty("value", value);
        if (interval.known()) {
            entry.addProperty("range", Math.round(interval.low()) + "-" + Math.round(interval.high()));
        }
        entry.addProperty("extra", extra);
        return entry;
    }

    /** What the range is and whether the row was steady, in words the action shows in its tooltip. */
    private static String extra(Repeats repeats) {
        if (repeats.forks() == 0) {
            return "interval unknown (older run)";
        }
        String range = String.format(Locale.ROOT, "range: %.0f%% interval of the median over %s (%d fork%s)",
                repeats.ciLevel() * 100, repeats.withinFork() ? "one fork's iterations" : "forks", repeats.forks(),
                repeats.forks() == 1 ? "" : "s");
        return repeats.stable() ? range : range + "; not steady: " + repeats.stabilityNote();
    }

    private static Path write(Path file, JsonArray entries) throws IOException {
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(entries)
                + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
