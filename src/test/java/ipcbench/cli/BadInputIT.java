package ipcbench.cli;

import ipcbench.mechanism.Mechanism;
import ipcbench.registry.Mechanisms;
import ipcbench.mechanism.Trial;
import ipcbench.os.ScratchDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad input through the real script: one line on stderr starting "ipcbench: ", exit code 2, no stack trace, and
 * nothing created — no results directory, no private directory.
 */
class BadInputIT {
    @ParameterizedTest(name = "run-bench.sh {0}")
    @ValueSource(strings = {
        "--mechanisms nosuch",
        "--sizes 0",
        "--sizes -5",
        "--sizes 12q",
        "--sizes 100m",
        "--mechanisms tcp --sizes",
        "--bogus",
        "--pin far",
        "--mode fast",
        "--profile forever",
        "--mechanisms tcp,,uds",
        "-- -nosuchjmhoption",
        "compare /nonexistent/base /nonexistent/current",
        "compare onlyone",
        "compare a b --threshold 150%",
        "compare a b --alpha 0.7",
        "report /nonexistent/run",
        "report /nonexistent/run --out pom.xml",
        "plot",
        "comapre a b",
        "list extra",
        "doctor extra",
        "--sizes 64 extra",
        "--results pom.xml/run",
        "--results=pom.xml",
        "--wait sometimes",
        "--peers jvm-c",
        "--peers jvm-jvm,,native-native",
        "--io fast",
        "--io direct --mechanisms shm",
        "--io direct --mode load",
        "--mechanisms uds-jnr",
        "--netns --server-host h --server-addr 10.0.0.1",
        "--server-host -oProxyCommand=x --server-addr 10.0.0.1",
        "--server-host h",
        "--server-addr 10.0.0.1",
        "--server-host h --server-addr h.example",
        "--netns --mechanisms pipe",
        "--netns --data-ports 9-1",
        "--netns --link-rate fast",
        "--netns --mode load",
        "--server-host h --server-addr 10.0.0.1 --link loopback",
        "remote-setup -oProxyCommand=x",
        "--rates 0%",
        "compare a b --out pom.xml",
        "export /nonexistent/run --format github-action-benchmark",
        "export results --format nope",
        "gate --base no-such-revision --head HEAD",
        "gate --head HEAD",
        "gate --base HEAD --head pom.xml",
        "gate --base HEAD --head HEAD --pairs 0",
        "gate --base HEAD --head HEAD --mechanisms nosuch",
        "gate --base HEAD --head HEAD --mode load",
        "gate --base HEAD --head HEAD --min-effect 150%",
        "gate --judge /nonexistent/gate",
        "gate --judge src --base HEAD",
        "gate --base HEAD --head HEAD --report-only shm;x",
    })
    void refusedWithOneLine(String args) throws Exception {
        assertRefused(args.split(" "));
    }

    @Test
    void sizeBeyondANamedMechanismsLimitIsRefused() throws Exception {
        Optional<Mechanism> limited = Mechanisms.all().stream()
                .filter(m -> m.availability().available() && m.maxPayloadBytes() < Trial.MAX_PAYLOAD_BYTES)
                .min(Comparator.comparingInt(Mechanism::maxPayloadBytes));
        assumeTrue(limited.isPresent(), "no registered mechanism has a limit below the suite's 64 MiB");
        String error = assertRefused("--mechanisms", limited.get().id(), "--sizes",
                Integer.toString(limited.get().maxPayloadBytes() + 1));
        assertTrue(error.contains("exceeds its limit"), error);
    }

    @Test
    void theRetiredUdsJnrPointsToItsDirectPath() throws Exception {
        assertEquals("ipcbench: uds-jnr was retired: its direct path is uds with --io direct (runs that measured it "
                + "still read)", assertRefused("--mechanisms", "uds-jnr"));
    }

    @Test
    void aFailingLauncherIsOneLineNamingTheHostBeforeAnythingIsMeasured() throws Exception {
        String error = assertRefused("--server-host", "nohost.invalid", "--server-addr", "10.0.0.1", "--launcher",
                "ssh -T -o BatchMode=yes -o ConnectTimeout=3 {host}", "--mechanisms", "tcp");
        assertTrue(error.startsWith("ipcbench: --server-host nohost.invalid: the launcher (ssh) exited with code 255"),
                error);
    }

    @Test
    void aHostLocalMechanismNamedForALinkIsRefusedWithItsReason() throws Exception {
        assertEquals("ipcbench: fifo cannot cross to netns-veth: a FIFO carries data only within one kernel, even when"
                + " its file is on a network file system", assertRefused("--netns", "--mechanisms", "fifo"));
    }

    @Test
    void aMistypedCommandGetsASuggestionThroughTheScript() throws Exception {
        assertEquals("ipcbench: unknown command 'comapre'; did you mean compare? (see ./run-bench.sh --help)",
                assertRefused("comapre", "a", "b"));
    }

    @Test
    void helpAndVersionThroughTheScript() throws Exception {
        Script.Outcome help = Script.run(60, "compare", "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().startsWith("Usage: ./run-bench.sh compare"), help.stdout());
        Script.Outcome version = Script.run(60, "--version");
        assertEquals(0, version.exitCode(), version.stderr());
        assertTrue(version.stdout().startsWith("ipcbench "), version.stdout());
        assertEquals("", version.stderr(), "the CLI's JVM starts without warnings");
    }

    private static String assertRefused(String... args) throws Exception {
        Set<Path> resultsBefore = list(Script.HOME.resolve("results"));
        Set<Path> scratchBefore = scratchDirs();
        Script.Outcome outcome = Script.run(120, args);
        assertEquals(2, outcome.exitCode(), outcome.stderr());
        String[] lines = outcome.stderr().strip().split("\n");
        assertEquals(1, lines.length, "exactly one line on stderr: " + outcome.stderr());
        assertTrue(lines[0].startsWith("ipcbench: "), lines[0]);
        assertFalse(outcome.stderr().contains("Exception") || outcome.stderr().contains("\tat "), outcome.stderr());
        assertEquals(resultsBefore, list(Script.HOME.resolve("results")), "nothing created under results/");
        Set<Path> left = scratchDirs();
        left.removeAll(scratchBefore);
        left.removeIf(dir -> ScratchDirectory.ownerPid(dir).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive)
                .orElse(false));
        assertEquals(Set.of(), left, "no private directory left behind (live runs of other processes aside)");
        return lines[0];
    }

    private static Set<Path> scratchDirs() throws IOException {
        return list(Path.of(System.getProperty("java.io.tmpdir"))).stream()
                .filter(p -> p.getFileName().toString().startsWith("ipcbench-")).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.collect(Collectors.toSet());
        }
    }
}
