package ipcbench.process;

import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Mechanisms;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A parent JVM holding a live session is SIGKILLed: its echo-server child must be gone within 2 s, and the next
 * sweep removes what the dead parent could not (its private directory and every ledger object).
 */
class ParentDeathIT {
    @TempDir
    Path logs;

    static Stream<String> mechanisms() {
        return Mechanisms.all().stream().map(Mechanism::id);
    }

    @ParameterizedTest(name = "{0}: child dies with its SIGKILLed parent, the sweep cleans up")
    @MethodSource("mechanisms")
    void childDiesWithItsParentAndTheSweepCleansUp(String id) throws Exception {
        Mechanism mechanism = Mechanisms.require(id);
        Assumptions.assumeTrue(mechanism.availability().available(),
                () -> id + " cannot run here: " + mechanism.availability().reason());
        List<String> command = JvmFlags.childCommand(SessionHolderMain.class.getName());
        command.add(id);
        command.add(logs.toString());
        Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertNotNull(line, "the parent reported its child");
        long childPid = Long.parseLong(line.split(" ")[0]);
        Path scratch = Path.of(line.split(" ")[1]);
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();

        parent.destroyForcibly();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        try {
            child.onExit().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException stillAlive) {
            child.destroyForcibly();
            fail("echo server " + childPid + " still alive 2 s after its parent was SIGKILLed");
        }

        assertTrue(Files.exists(scratch), "a SIGKILLed parent cannot clean up");
        List<String> swept = LeftoverSweep.sweep();
        assertFalse(Files.exists(scratch), "swept: " + swept);
        assertTrue(swept.contains("directory " + scratch), swept.toString());
    }
}
