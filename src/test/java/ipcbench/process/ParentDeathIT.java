package ipcbench.process;

import ipcbench.Await;
import ipcbench.mechanism.Io;
import ipcbench.registry.Mechanisms;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parent JVM holding a live session is SIGKILLed: its echo-server child ends (awaited, bounded only against a
 * hang), and the next sweep removes what the dead parent could not (its private directory and every ledger object).
 * The cases start their parents two at a time; from the kill to the sweep's check one case runs alone
 * ({@link #KILL_TO_SWEEP}), since a sweep removes every dead parent's objects, another case's too.
 */
class ParentDeathIT {
    /** How long a process may take to end once a signal or end-of-file has told it to: a bound on a hang only. */
    static final Duration END_WITHIN = Duration.ofSeconds(30);
    /** Held from a case's kill to its sweep's check. */
    private static final Object KILL_TO_SWEEP = new Object();

    @TempDir
    Path logs;

    /**
     * Whether the process still runs. An exited orphan stays a zombie until init reaps it, which on some hosts
     * takes a second or more, and ProcessHandle counts a zombie as alive; so the state in /proc decides.
     */
    static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.UTF_8);
        } catch (NoSuchFileException reaped) {
            return false;
        }
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    /**
     * Returns once {@code process} has ended (see {@link #running}); kills it and fails when it still runs
     * {@link #END_WITHIN} {@code after} what should have ended it.
     */
    static void awaitEnd(ProcessHandle process, String after) throws Exception {
        try {
            Await.until(() -> process.pid() + " " + process.info().command().orElse("") + " still runs " + after,
                    END_WITHIN, () -> !running(process.pid()));
        } catch (AssertionError | Exception stillRunning) { // also an interrupt from the test's deadline
            process.destroyForcibly();
            throw stillRunning;
        }
    }

    /** Every mechanism, and as {@code id:direct} every one with a direct io path. */
    static Stream<String> mechanisms() {
        return Stream.concat(Mechanisms.ids().stream(), Mechanisms.all().stream()
                .filter(m -> m.ios().contains(Io.DIRECT)).map(m -> m.id() + ":direct"));
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}: child dies with its SIGKILLed parent, the sweep cleans up")
    @MethodSource("mechanisms")
    void childDiesWithItsParentAndTheSweepCleansUp(String session) throws Exception {
        RunnableHere.orSkip(session.split(":")[0]);
        Process parent = SessionHolderMain.start(logs, Map.of(), session);
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertNotNull(line, "the parent reported its child");
        long childPid = Long.parseLong(line.split(" ")[0]);
        Path scratch = Path.of(line.split(" ")[1]);
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();

        synchronized (KILL_TO_SWEEP) {
            parent.destroyForcibly();
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
            awaitEnd(child, "after its parent was SIGKILLed");

            assertTrue(Files.exists(scratch), "a SIGKILLed parent cannot clean up");
            List<String> swept = LeftoverSweep.sweep().removed();
            assertFalse(Files.exists(scratch), "swept: " + swept);
            assertTrue(swept.contains("directory " + scratch), swept.toString());
        }
    }
}
