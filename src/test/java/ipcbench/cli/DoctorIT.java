package ipcbench.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./run-bench.sh doctor} on this real host: every check prints a line, the exit code follows the warnings. */
class DoctorIT {
    private static final List<String> CHECKS = List.of("clocksource", "nanotime", "governor", "turbo", "hypervisor",
            "steal", "cpu-relation", "cgroup-quota", "isolated-cpus", "loadavg", "busy-processes", "other-runs",
            "lsm", "realtime-kernel");

    @Test
    void doctorPrintsEveryCheckAndExitsByItsWarnings() throws Exception {
        Script.Outcome outcome = Script.run(120, "doctor");
        assertTrue(outcome.exitCode() == 0 || outcome.exitCode() == 1, outcome.exitCode() + "\n" + outcome.stderr());
        List<String> lines = outcome.stdout().lines().toList();
        for (String check : CHECKS) {
            assertEquals(1, lines.stream().filter(line -> line.startsWith("  " + check + " ")).count(),
                    check + " printed no line (or several):\n" + outcome.stdout());
        }
        long warnings = lines.stream().filter(line -> line.startsWith("warning: ")).count();
        assertEquals(outcome.exitCode() == 1, warnings > 0, outcome.stdout());
        assertTrue(lines.get(lines.size() - 1).equals(warnings == 0 ? "ipcbench doctor: clean"
                : "ipcbench doctor: " + warnings + " warning(s)"), outcome.stdout());
    }

    @Test
    void doctorHelpAndBadArguments() throws Exception {
        Script.Outcome help = Script.run(60, "doctor", "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().startsWith("Usage: ./run-bench.sh doctor"), help.stdout());

        Script.Outcome bad = Script.run(60, "doctor", "--pin", "same");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().startsWith("ipcbench: unknown option '--pin'")
                && bad.stderr().strip().lines().count() == 1, bad.stderr());
        assertEquals("", bad.stdout());
    }
}
