package ipcbench.cli;

import ipcbench.process.NativePeer;
import ipcbench.results.Dimension;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * --peers through the real script: the three peers of pipe in one smoke run give rows with intervals over forks,
 * their histogram logs and the report's JVM share section (NativePairIT and NativeEchoIT cover the other mechanisms); a PATH without cc skips the native rows with the reason and keeps jvm-jvm's.
 */
class PeersSmokeIT {
    @TempDir
    Path tmp;

    @Test
    void threePeersGiveRowsWithIntervals() throws Exception {
        assumeTrue(NativePeer.here().availability("pipe").available(), () -> "no native pipe peer: "
                + NativePeer.here().availability("pipe").reason());
        Path results = tmp.resolve("run");
        Script.Outcome outcome = Script.run(900, "--peers", "jvm-jvm,jvm-native,native-native", "--io", "both",
                "--mechanisms", "pipe", "--sizes", "64", "--mode", "latency", "--profile", "smoke", "--results",
                results.toString());
        RunLayout layout = new RunLayout(results);
        assertTrue(Files.exists(layout.latencyCsv()), outcome.stdout() + outcome.stderr());
        List<LatencyRow> rows = LatencyRow.read(layout.latencyCsv());
        Set<String> keys = new TreeSet<>();
        for (LatencyRow row : rows) {
            keys.add(row.mechanism() + " " + row.peers() + " " + row.key().get(Dimension.IO));
            assertTrue(row.samples() > 0, row.toString());
            assertEquals(3, row.repeats().forks(), "peers compared: at least 3 forks; " + row);
            assertFalse(Double.isNaN(row.p50NsCi().low()), "an interval over forks: " + row);
            assertTrue(Files.exists(layout.histogramLog(row.key())), row.toString());
        }
        assertEquals(Set.of("pipe jvm-jvm jdk", "pipe jvm-jvm direct", "pipe jvm-native jdk", "pipe jvm-native direct",
                "pipe native-native jdk"), keys, "a C client makes its own calls: one native-native row\n"
                + outcome.stdout());
        String report = Files.readString(results.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("## JVM share") && report.contains("| pipe | native-native | C |")
                && report.contains("| pipe | jvm-jvm | direct |"), report);
        assertTrue(Files.readString(layout.runJson(), StandardCharsets.UTF_8).contains("\"direct io\": \""
                + ipcbench.os.DirectCalls.bindingHere() + "\""), "run.json names the direct path's binding");
        assertTrue(Files.readString(layout.runJson(), StandardCharsets.UTF_8).contains("\"native-native\""));
        assertTrue(outcome.stdout().contains("native-native fork 3/3"), outcome.stdout());
    }

    @Test
    void withoutCcTheNativeRowsAreSkippedWithTheReason() throws Exception {
        Path bin = pathWithoutCc();
        Path results = tmp.resolve("nocc");
        Script.Outcome outcome = Script.run(600, Map.of("PATH", bin.toString()), "--peers", "jvm-jvm,native-native",
                "--mechanisms", "pipe", "--sizes", "64", "--mode", "latency", "--profile", "smoke", "--results",
                results.toString());
        String reason = "native-native: no C compiler (cc) on PATH: install gcc";
        assertTrue(outcome.stdout().contains(reason), outcome.stdout() + outcome.stderr());
        List<LatencyRow> rows = LatencyRow.read(new RunLayout(results).latencyCsv());
        assertEquals(List.of("jvm-jvm"), rows.stream().map(LatencyRow::peers).toList(), outcome.stdout());
        assertTrue(Files.readString(new RunLayout(results).runJson(), StandardCharsets.UTF_8)
                .contains("no C compiler (cc) on PATH"), "the skip is recorded in run.json");
    }

    /** A directory of links to everything on this PATH but cc, to stand for a host without a C compiler. */
    private Path pathWithoutCc() throws IOException {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        for (String dir : System.getenv("PATH").split(":")) {
            Path directory = Path.of(dir);
            if (dir.isEmpty() || !Files.isDirectory(directory)) {
                continue;
            }
            try (var entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    Path link = bin.resolve(entry.getFileName().toString());
                    if (!entry.getFileName().toString().equals("cc") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, entry.toAbsolutePath());
                    }
                }
            }
        }
        return bin;
    }
}
