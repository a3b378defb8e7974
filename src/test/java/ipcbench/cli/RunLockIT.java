package ipcbench.cli;

import ipcbench.Await;
import ipcbench.results.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run at a time, with real processes: while a first run measures, a second with {@code --no-wait} exits 2 with
 * one line and creates nothing, and a third waits (saying for whom) and measures only after the first finished.
 */
class RunLockIT {
    @TempDir
    Path tmp;

    private Process start(Path dir, Path out, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Script.HOME.resolve("run-bench.sh").toString(), "--profile",
                "smoke", "--mechanisms", "pipe", "--sizes", "64", "--mode", "latency", "--pin", "same", "--results",
                dir.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).directory(Script.HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
    }

    @Test
    void aSecondRunWaitsOrWithNoWaitLeavesAtOnce() throws Exception {
        Path first = tmp.resolve("first");
        Path third = tmp.resolve("third");
        Process one = start(first, tmp.resolve("first.out"));
        Process three = null;
        try {
            Await.until(() -> "the first run takes the lock", Duration.ofSeconds(120), () -> {
                assertTrue(one.isAlive(), "the first run ended before it held the lock");
                return Files.exists(first.resolve("run.json")) && lockNames(first);
            });

            Path second = tmp.resolve("second");
            Script.Outcome refused = Script.run(60, "--profile", "smoke", "--mechanisms", "pipe", "--sizes", "64",
                    "--results", second.toString(), "--no-wait");
            assertEquals(2, refused.exitCode(), refused.stdout() + refused.stderr());
            assertEquals(1, refused.stderr().strip().lines().count(), refused.stderr());
            assertTrue(refused.stderr().startsWith("ipcbench: another run is measuring: run "), refused.stderr());
            assertTrue(refused.stderr().contains(first.toString()), "names the holder's results: " + refused.stderr());
            assertFalse(Files.exists(second), "--no-wait creates nothing");

            Process waiting = start(third, tmp.resolve("third.out"));
            three = waiting;
            Await.until(() -> "the third run says it waits", Duration.ofSeconds(120), () -> {
                String said = Files.readString(tmp.resolve("third.out"), StandardCharsets.UTF_8);
                assertTrue(said.contains("waiting for run") || waiting.isAlive(), said);
                return said.contains("waiting for run");
            });
            assertTrue(one.isAlive(), "the first run was still measuring while the third waited");

            assertTrue(one.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, one.exitValue(), Files.readString(tmp.resolve("first.out"), StandardCharsets.UTF_8));
            assertTrue(three.waitFor(300, TimeUnit.SECONDS));
            String thirdOut = Files.readString(tmp.resolve("third.out"), StandardCharsets.UTF_8);
            assertEquals(0, three.exitValue(), thirdOut);
            assertTrue(thirdOut.lines().filter(l -> l.startsWith("ipcbench: waiting for run ")).count() == 1, thirdOut);

            RunInfo a = RunInfo.read(first.resolve("run.json"));
            RunInfo c = RunInfo.read(third.resolve("run.json"));
            assertFalse(Instant.parse(c.startedAt()).isBefore(Instant.parse(a.finishedAt())),
                    "the waiting run measured only after the first: " + a.finishedAt() + " / " + c.startedAt());
            assertTrue(c.failed().isEmpty(), "no benchmark failed for want of a lock: " + c.failed());
        } finally {
            for (Process p : new Process[] {one, three}) {
                if (p != null && p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }
    }

    private static boolean lockNames(Path dir) throws Exception {
        Path holder = RunLock.FILE.resolveSibling(RunLock.HOLDER);
        return Files.exists(holder) && Files.readString(holder, StandardCharsets.UTF_8).contains(dir.toString());
    }
}
