package ipcbench.cli;

import ipcbench.os.NetworkNamespace;
import ipcbench.os.ScratchDirectory;
import ipcbench.os.Subprocess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-bench.sh --netns} end to end: tcp and udp rows over netns-veth beside their loopback rows, and the
 * fault of a far child killed mid-run: while udp's echo child in the namespace serves, the test SIGKILLs it; that row
 * fails with the reason (also when the kill falls between two measurement iterations, which JMH would otherwise keep
 * as a shorter result), the others are measured, and no namespace, veth or child process is left. Skipped, with the
 * reason, where this user may not create a network namespace.
 */
class NetnsRunIT {
    @TempDir
    Path dir;

    @Test
    void netnsRowsBesideLoopbackAndAKilledFarChildFailsOnlyItsRow() throws Exception {
        try (NetworkNamespace probe = NetworkNamespace.create(null, null)) {
            probe.hostDevice();
        } catch (IOException cannot) {
            Assumptions.abort("no second network namespace here: " + cannot.getMessage());
        }
        AtomicReference<String> killed = new AtomicReference<>();
        Thread killer = new Thread(() -> killFarUdpChild(killed), "kill-far-udp-child");
        killer.setDaemon(true);
        killer.start();
        Path results = dir.resolve("run");
        Script.Outcome outcome = Script.run(300, "--netns", "--mechanisms", "tcp,udp", "--sizes", "64", "--mode",
                "latency", "--profile", "smoke", "--cpu-at", "none", "--results", results.toString());
        killer.interrupt();
        assertTrue(killed.get() != null, "the far udp child was found and killed: " + outcome.stdout());
        assertEquals(1, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        List<String> rows = Files.readAllLines(results.resolve("latency.csv")).stream().skip(1)
                .map(line -> String.join(",", List.of(line.split(",")).subList(0, 7))).sorted().toList();
        assertEquals(List.of("tcp,64,cross,block,jvm-jvm,jdk,loopback", "tcp,64,cross,block,jvm-jvm,jdk,netns-veth",
                "udp,64,cross,block,jvm-jvm,jdk,loopback"), rows, "the killed row is missing, every other row is there");
        assertTrue(outcome.stdout().matches("(?s).*udp 64 B latency over netns-veth +FAILED: udp: .*"),
                "the row's progress line says FAILED and why: " + outcome.stdout());
        String runJson = Files.readString(results.resolve("run.json"));
        assertTrue(runJson.contains("\"netns-veth\""), "run.json describes the link");
        String links = Subprocess.output(List.of("ip", "-o", "link", "show"), null, Duration.ofSeconds(10)).output();
        assertFalse(links.matches("(?s).*ipb[0-9a-f]{6}h.*"), "no veth left: " + links);
        String children = Subprocess.output(List.of("pgrep", "-f", "EchoServerMain.*control=stdio"), null,
                Duration.ofSeconds(10)).output();
        assertEquals("", children, "no far echo child left");
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            List<Path> orphans = entries.filter(p -> ScratchDirectory.ownerPid(p)
                    .map(pid -> ProcessHandle.of(pid).isEmpty()).orElse(false)).toList();
            assertEquals(List.of(), orphans, "no private directory of a dead process left");
        }
    }

    /** Polls for udp's echo child in the namespace; SIGKILLs it a moment after it starts serving. */
    private static void killFarUdpChild(AtomicReference<String> killed) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String pids = Subprocess.output(List.of("pgrep", "-f", "EchoServerMain.*mechanism=udp.*control=stdio"),
                        null, Duration.ofSeconds(10)).output();
                if (!pids.isBlank()) {
                    Thread.sleep(1500);
                    String pid = pids.lines().findFirst().orElseThrow().strip();
                    Subprocess.output(List.of("kill", "-9", pid), null, Duration.ofSeconds(10));
                    killed.set(pid);
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException stop) {
            // the run ended first: the assertion on killed says so
        }
    }
}
