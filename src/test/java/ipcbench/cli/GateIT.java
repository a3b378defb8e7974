package ipcbench.cli;

import ipcbench.Await;
import ipcbench.results.LatencyRow;
import ipcbench.results.ResultKey;
import ipcbench.sides.GateRecord;
import ipcbench.sides.GateSchedule;
import ipcbench.sides.SideBuilds;
import ipcbench.sides.SideJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate end to end through the script, on one small mechanism and two pairs: the base side built from this
 * checkout's HEAD into a private cache, the head side the jar Maven just built; the interleaved order the seed fixes;
 * the outputs; one run directory per side; the exit codes of re-judging the measured pairs; and a second gate of the
 * same commit taking the base side from the cache.
 */
class GateIT {
    @TempDir
    Path tmp;

    /** The gate a test started itself, stopped after the test when it still runs (a failure or the deadline). */
    private Process started;

    @AfterEach
    void stopWhatTheTestStarted() {
        if (started != null && started.isAlive()) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }
    }

    @Test
    void measuresBothSidesInterleavedAndJudgesThePairs() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Path gate = tmp.resolve("gate");
        Script.Outcome outcome = Script.run(900, Map.of("XDG_CACHE_HOME", cache.toString()), "gate",
                "--base", "HEAD", "--head", "target/benchmarks.jar", "--pairs", "2", "--mechanisms", "pipe",
                "--mode", "latency", "--seed", "11", "--out", gate.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        assertTrue(outcome.stdout().contains("building base = HEAD"), outcome.stdout());

        GateRecord record = GateRecord.read(gate);
        assertEquals(11, record.seed());
        assertEquals("revision", record.base().kind());
        assertEquals("jar", record.head().kind());
        GateSchedule schedule = GateSchedule.of(11, 2, List.of(ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm")));
        assertEquals(4, record.forks().size(), "two pairs, a fork per side each");
        for (int i = 0; i < 2; i++) {
            GateRecord.Fork first = record.forks().get(2 * i);
            GateRecord.Fork second = record.forks().get(2 * i + 1);
            assertEquals(schedule.steps().get(i).headFirst() ? "head" : "base", first.side(), "the seed's order");
            assertTrue(first.first() && !second.first());
            assertTrue(Instant.parse(first.startedAt()).isBefore(Instant.parse(second.startedAt())));
            assertEquals(0, first.exitCode());
        }

        List<String> pairs = Files.readAllLines(gate.resolve("pairs.csv"));
        assertEquals(1 + 2 * 2, pairs.size(), "p50 and p99 of two rounds: " + pairs);
        for (String file : List.of("gate.md", "gate.csv")) {
            assertTrue(Files.size(gate.resolve(file)) > 0, file);
        }
        for (String side : List.of("base", "head")) {
            List<LatencyRow> rows = LatencyRow.read(gate.resolve(side).resolve("run").resolve("latency.csv"));
            assertEquals(1, rows.size());
            assertEquals(2, rows.get(0).repeats().forks(), side + ": both forks in one run directory");
        }

        Path regressed = Files.createDirectory(tmp.resolve("regressed"));
        Files.write(regressed.resolve("pairs.csv"), scaled(pairs, 12, 1.5));
        Script.Outcome judged = Script.run(120, "gate", "--judge", regressed.toString());
        assertEquals(1, judged.exitCode(), "head 1.5x slower in 12 pairs: " + judged.stdout() + judged.stderr());
        Script.Outcome lenient = Script.run(120, "gate", "--judge", regressed.toString(), "--min-effect", "60%");
        assertEquals(0, lenient.exitCode(), "a 50% slowdown is below a 60% minimum effect: " + lenient.stdout());

        // a second gate of the same commit takes the base side from the cache the first one built into
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        SideJar again = SideBuilds.build(SideBuilds.resolve("base", "HEAD", Script.HOME, false),
                cache.resolve("ipcbench").resolve("sides"), tmp, out);
        assertEquals(record.base().jar(), again.jar().toString());
        assertEquals(record.base().sha256(), again.sha256());
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("the cached build of"), text.toString());
    }

    @Test
    void aStoppedGateLeavesNoProcessAndNoIpcObjectBehind() throws Exception {
        Path gate = tmp.resolve("stopped");
        ProcessBuilder builder = new ProcessBuilder(Script.HOME.resolve("run-bench.sh").toString(), "gate", "--base",
                "target/benchmarks.jar", "--head", "target/benchmarks.jar", "--pairs", "5", "--mechanisms", "shm",
                "--mode", "latency", "--out", gate.toString()).directory(Script.HOME.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("stopped.out").toFile());
        Process process = builder.start();
        started = process;
        List<ProcessHandle> measuring = Await.result(() -> "a side's run, its JMH fork and its echo child: "
                + process.descendants().toList(), Duration.ofSeconds(120), () -> {
                    List<ProcessHandle> java = process.descendants()
                            .filter(p -> p.info().commandLine().orElse("").contains("java")).toList();
                    return java.size() >= 3 ? java : null;
                });
        process.destroy();
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the gate ends when stopped");
        for (ProcessHandle p : measuring) {
            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(!p.isAlive(), p.pid() + " still running");
            try (var leftovers = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                    "ipcbench-" + p.pid() + "-*")) {
                assertTrue(!leftovers.iterator().hasNext(), "a private directory of " + p.pid() + " is left");
            }
            try (var leftovers = Files.newDirectoryStream(Path.of("/dev/shm"), "ipcbench-" + p.pid() + "-*")) {
                assertTrue(!leftovers.iterator().hasNext(), "a /dev/shm region of " + p.pid() + " is left");
            }
        }
        assertTrue(process.descendants().findAny().isEmpty(), "nothing started after the stop");
    }

    /** The measured pairs, repeated to {@code rounds} rounds, with every head value multiplied by {@code factor}. */
    private static List<String> scaled(List<String> pairs, int rounds, double factor) {
        List<String> header = List.of(pairs.get(0).split(","));
        int round = header.indexOf("round");
        int head = header.indexOf("head_value");
        int base = header.indexOf("base_value");
        List<String> lines = new ArrayList<>(List.of(pairs.get(0)));
        for (int r = 1; r <= rounds; r++) {
            for (String line : pairs.subList(1, pairs.size())) {
                String[] cells = line.split(",", -1);
                if (!cells[round].equals(Integer.toString(2 - r % 2))) {
                    continue;
                }
                cells[round] = Integer.toString(r);
                cells[head] = Double.toString(Double.parseDouble(cells[base]) * factor);
                lines.add(String.join(",", cells));
            }
        }
        return lines;
    }
}
