package ipcbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.Repeats;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export --format github-action-benchmark} against the shape benchmark-action/github-action-benchmark
 * documents for its custom tools: a JSON array of objects with {@code name} (string), {@code unit} (string) and
 * {@code value} (number), and optionally {@code range} and {@code extra} (strings); nothing else.
 */
class ExportTest {
    private static final Set<String> FIELDS = Set.of("name", "unit", "value", "range", "extra");

    @TempDir
    Path tmp;

    @Test
    void writesOneFilePerToolInTheDocumentedShape() throws Exception {
        Path run = tmp.resolve("run");
        RunLayout layout = new RunLayout(run);
        Files.createDirectories(run);
        Files.writeString(layout.runJson(), "{}", StandardCharsets.UTF_8);
        LatencyRow pipe = new LatencyRow(ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm"), 1000, 8000, 9010, 9500,
                12000, 15000, 20000, 30000, 9100, 300, Interval.UNKNOWN, Interval.UNKNOWN, Repeats.UNKNOWN).withRepeats(new Interval(8800, 9300), new Interval(11000, 13000),
                new Repeats(7, Repeats.FROM_FORKS, 0.984, true, ""));
        LatencyRow tcp = new LatencyRow(ResultKey.of("tcp", 65536, "cross", "block", "jvm-jvm"), 1000, 30000, 41000,
                45000, 60000, 70000, 80000, 90000, 42000, 3000, Interval.UNKNOWN, Interval.UNKNOWN, Repeats.UNKNOWN)
                .withRepeats(new Interval(40000, 43000), new Interval(55000, 65000),
                new Repeats(1, Repeats.FROM_ITERATIONS, 0.97, false, "trend -12% over 6 iterations"));
        LatencyRow.write(layout.latencyCsv(), List.of(pipe, tcp));
        ThroughputRow.write(layout.throughputCsv(), List.of(new ThroughputRow(
                ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm"), 1e6, 6.4e7, 1e5,
                new Interval(6.3e7, 6.5e7), new Repeats(7, Repeats.FROM_FORKS, 0.984, true, ""))));

        Path out = tmp.resolve("export");
        CliTest.Outcome outcome = CliTest.cli("export", run.toString(), "--format", "github-action-benchmark",
                "--out", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());

        JsonArray smaller = read(out.resolve(ExportCommand.LATENCY_FILE));
        assertEquals(4, smaller.size(), "p50 and p99 per latency row");
        JsonObject p50 = smaller.get(0).getAsJsonObject();
        assertEquals("pipe 64 B cross p50", p50.get("name").getAsString());
        assertEquals("ns", p50.get("unit").getAsString());
        assertEquals(9010, p50.get("value").getAsLong());
        assertEquals("8800-9300", p50.get("range").getAsString());
        assertEquals("tcp 64 KiB cross p99", smaller.get(3).getAsJsonObject().get("name").getAsString());
        assertEquals(60000, smaller.get(3).getAsJsonObject().get("value").getAsLong());
        assertTrue(smaller.get(3).getAsJsonObject().get("extra").getAsString().contains("not steady"));

        JsonArray bigger = read(out.resolve(ExportCommand.THROUGHPUT_FILE));
        assertEquals(1, bigger.size());
        JsonObject pipeRate = bigger.get(0).getAsJsonObject();
        assertEquals("pipe 64 B cross throughput", pipeRate.get("name").getAsString());
        assertEquals("bytes/s", pipeRate.get("unit").getAsString());
        assertEquals(64_000_000L, pipeRate.get("value").getAsLong());

        // Without --out the files go into the run directory.
        assertEquals(0, CliTest.cli("export", run.toString(), "--format=github-action-benchmark").exitCode());
        assertTrue(Files.exists(run.resolve(ExportCommand.LATENCY_FILE)));
    }

    @Test
    void aDirectoryWithoutARunIsRefused() {
        String line = CliTest.refused("export", tmp.toString(), "--format", "github-action-benchmark");
        assertTrue(line.contains("not a run directory"), line);
    }

    private static JsonArray read(Path file) throws Exception {
        JsonElement json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(json.isJsonArray(), file + " is a JSON array");
        for (JsonElement element : json.getAsJsonArray()) {
            JsonObject entry = element.getAsJsonObject();
            assertTrue(FIELDS.containsAll(entry.keySet()), entry.toString());
            assertTrue(entry.get("name").getAsJsonPrimitive().isString(), entry.toString());
            assertTrue(entry.get("unit").getAsJsonPrimitive().isString(), entry.toString());
            assertTrue(entry.get("value").getAsJsonPrimitive().isNumber(), entry.toString());
            for (String optional : List.of("range", "extra")) {
                assertFalse(entry.has(optional) && !entry.get(optional).getAsJsonPrimitive().isString(),
                        entry.toString());
            }
        }
        return json.getAsJsonArray();
    }
}
