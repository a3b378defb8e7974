package ipcbench.report;

import ipcbench.ClassLoadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} and {@code report} read result files only: run through the real command line in a JVM of their
 * own, they load no mechanism, no registry and no framework class (the JVM's class-load log says so).
 */
class FileCommandsLoadingIT {
    @TempDir
    Path tmp;

    @Test
    void compareLoadsNoMechanism() throws Exception {
        Path base = new RunFixture(tmp.resolve("base"), "base").described("tcp", "stream", "fixture summary of tcp")
                .latency("tcp", 64, "cross", 10_000, 10_100, 9_900).write();
        Path cur = new RunFixture(tmp.resolve("cur"), "cur").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .write();
        Path log = run(tmp.resolve("compare-classes"), 0, "compare", base.toString(), cur.toString(), "--out",
                tmp.resolve("out").toString());
        assertLoadsNoMechanism(log);
    }

    @Test
    void reportLoadsNoMechanism() throws Exception {
        Fonts.assumeAvailable();
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Path log = run(tmp.resolve("report-classes"), 0, "report", run.toString(), "--plots",
                tmp.resolve("plots").toString());
        assertLoadsNoMechanism(log);
        assertTrue(ClassLoadLog.loaded(log, "ipcbench.report.Report"), "the log is the report's");
    }

    /** Runs the command line with {@code args} in its own JVM and returns that JVM's class-load log. */
    private static Path run(Path classLogs, int expectedExit, String... args) throws Exception {
        java.nio.file.Files.createDirectories(classLogs);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(ClassLoadLog.option(classLogs));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("ipcbench.cli.Main");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
        assertEquals(expectedExit, process.exitValue(), "exit status of " + List.of(args));
        List<Path> logs = ClassLoadLog.files(classLogs);
        assertEquals(1, logs.size(), "one class-load log: " + logs);
        return logs.get(0);
    }

    private static void assertLoadsNoMechanism(Path log) throws Exception {
        assertTrue(ClassLoadLog.loaded(log, "ipcbench.cli.Main"), "the log is the command line's");
        assertEquals(List.of(), ClassLoadLog.frameworkClasses(log));
        assertFalse(ClassLoadLog.loaded(log, "ipcbench.registry.Mechanisms"), "loaded the registry");
        assertFalse(ClassLoadLog.loaded(log, "ipcbench.mechanism.Mechanism"), "loaded the mechanism SPI");
    }
}
