package ipcbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run directory from someone else, through the real command line in a JVM of its own. Issue 19, finding "report,
 * compare and plot write into the given directory" (untrusted run directories: "--out is available for read-only
 * inputs"): {@code report RUN --out DIR} writes the report and its charts into DIR and leaves the run exactly as it
 * was (before, a single-run report refused --out and always wrote into the run); a link planted at the report's name
 * in DIR is refused, its target kept. Finding "a tiny .hlog line can make the reader allocate tens of MB" (bounded
 * readers), end to end: a crafted histogram log makes {@code report} exit 2 with one line naming the log.
 */
class ReadOnlyRunIT {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    @Test
    void aSingleRunReportGoesToOutAndTheRunIsOnlyRead() throws Exception {
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Map<String, String> before = snapshot(run);
        Path out = tmp.resolve("out");

        Outcome report = cli("report", run.toString(), "--out", out.toString());

        assertEquals(0, report.exitCode(), report.stderr());
        assertEquals(before, snapshot(run), "the run directory is unchanged");
        assertTrue(Files.isRegularFile(out.resolve(Report.HTML)), report.stdout());
        String markdown = Files.readString(out.resolve(Report.MARKDOWN));
        assertTrue(markdown.contains("](plots/latency-vs-payload-cross.png)"), "charts linked from DIR/plots");
        assertTrue(Files.isRegularFile(out.resolve("plots").resolve("latency-vs-payload-cross.png")));
    }

    @Test
    void aLinkAtTheReportsNameInOutIsRefusedAndItsTargetKept() throws Exception {
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path canary = Files.writeString(tmp.resolve("canary"), "keep me");
        Files.createSymbolicLink(out.resolve(Report.MARKDOWN), canary);

        Outcome report = cli("report", run.toString(), "--out", out.toString());

        assertRefusedWithOneLine(report, "symbolic link");
        assertEquals("keep me", Files.readString(canary));
    }

    @Test
    void aCraftedHistogramLogIsOneLineAndExit2() throws Exception {
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Path log = HostileHistogramLogTest.firstLog(run);
        HostileHistogramLogTest.writeFiveDigitLog(log);

        Outcome report = cli("report", run.toString(), "--out", tmp.resolve("out").toString());

        assertRefusedWithOneLine(report, log + ": line 5: the histogram keeps 5 digits");
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static void assertRefusedWithOneLine(Outcome outcome, String expected) {
        assertEquals(2, outcome.exitCode(), outcome.stderr());
        List<String> lines = outcome.stderr().strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + outcome.stderr());
        assertTrue(lines.get(0).startsWith("ipcbench: ") && lines.get(0).contains(expected), lines.get(0));
        assertFalse(outcome.stderr().contains("\tat "), outcome.stderr());
    }

    /** Every entry under {@code dir} (links not followed) with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path entry : walk.toList()) {
                entries.put(dir.relativize(entry).toString(), Files.size(entry) + " "
                        + Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return entries;
    }

    /** The command line in a JVM of its own, in {@code tmp}. */
    private Outcome cli(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("ipcbench.cli.Main");
        command.addAll(List.of(args));
        Path stdout = tmp.resolve("stdout");
        Path stderr = tmp.resolve("stderr");
        Process process = new ProcessBuilder(command).directory(tmp.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
        return new Outcome(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
