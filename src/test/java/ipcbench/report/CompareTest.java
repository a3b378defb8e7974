package ipcbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private Compare.Verdict compare(Path baseline, Path current) throws ReportException {
        return Compare.run(baseline, current, Compare.DEFAULT_THRESHOLD, tmp.resolve("compare"),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static Compare.Outcome outcome(Compare.Verdict verdict, String mechanism, int payload,
                                           Compare.Metric metric) {
        return verdict.rows().stream().filter(r -> r.mechanism().equals(mechanism) && r.payloadBytes() == payload
                && r.metric() == metric).findFirst().orElseThrow().outcome();
    }

    private RunFixture run(String name) {
        return new RunFixture(tmp.resolve(name), name);
    }

    @Test
    void slowerBeyondThresholdAndNoiseIsARegressionAndExitsOne() throws Exception {
        Path base = run("base").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .throughput("tcp", 64, "cross", 1e9, 1e7).write();
        Path cur = run("cur").latency("tcp", 64, "cross", 13_000, 13_100, 12_900)
                .throughput("tcp", 64, "cross", 0.8e9, 1e7).write();

        Compare.Verdict verdict = compare(base, cur);

        assertEquals(1, verdict.exitCode());
        assertEquals(Compare.Outcome.REGRESSION, outcome(verdict, "tcp", 64, Compare.Metric.P50));
        assertEquals(Compare.Outcome.REGRESSION, outcome(verdict, "tcp", 64, Compare.Metric.P99));
        assertEquals(Compare.Outcome.REGRESSION, outcome(verdict, "tcp", 64, Compare.Metric.THROUGHPUT));
        assertTrue(console().contains("verdict: REGRESSION (exit 1)"), console());
        List<String> csv = Files.readAllLines(verdict.csv());
        assertEquals(Compare.CSV_HEADER, csv.get(0));
        assertTrue(csv.get(1).startsWith("tcp,64,cross,p50,ns,"), csv.get(1));
        assertTrue(csv.get(1).endsWith(",iterations,regression"), csv.get(1));
        assertTrue(csv.get(3).endsWith(",jmh-error,regression"), csv.get(3));
        assertTrue(Files.readString(verdict.markdown()).contains("| regression | tcp | 64 B | cross | p50 |"));
    }

    @Test
    void fasterBeyondThresholdAndNoiseIsAnImprovementAndExitsZero() throws Exception {
        Path base = run("base").latency("tcp", 64, "cross", 13_000, 13_100, 12_900)
                .throughput("tcp", 64, "cross", 0.8e9, 1e7).write();
        Path cur = run("cur").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .throughput("tcp", 64, "cross", 1e9, 1e7).write();

        Compare.Verdict verdict = compare(base, cur);

        assertEquals(0, verdict.exitCode());
        assertEquals(Compare.Outcome.IMPROVEMENT, outcome(verdict, "tcp", 64, Compare.Metric.P50));
        assertEquals(Compare.Outcome.IMPROVEMENT, outcome(verdict, "tcp", 64, Compare.Metric.THROUGHPUT));
        assertTrue(console().contains("verdict: no regression (exit 0)"), console());
    }

    @Test
    void pastTheThresholdButInsideTheNoiseIsWithinNoise() throws Exception {
        // Baseline iterations spread 9-12 µs; current iterations 11.4-11.6 µs overlap that range although the whole-run
        // p50 is more than 10% higher. Throughput 20% lower, but JMH's errors overlap.
        Path base = run("base").latency("tcp", 64, "cross", 9_000, 10_000, 12_000)
                .throughput("tcp", 64, "cross", 1e9, 3e8).write();
        Path cur = run("cur").latency("tcp", 64, "cross", 11_400, 11_500, 11_600)
                .throughput("tcp", 64, "cross", 0.8e9, 2e8).write();

        Compare.Verdict verdict = compare(base, cur);

        Compare.Row p50 = verdict.rows().stream().filter(r -> r.metric() == Compare.Metric.P50).findFirst()
                .orElseThrow();
        assertTrue(p50.ratio() > 1.10, "the fixture must cross the threshold, ratio " + p50.ratio());
        assertEquals(Compare.Outcome.WITHIN_NOISE, p50.outcome());
        assertEquals(Compare.Outcome.WITHIN_NOISE, outcome(verdict, "tcp", 64, Compare.Metric.THROUGHPUT));
        assertEquals(0, verdict.exitCode());
    }

    @Test
    void unknownThroughputNoiseFallsBackToTheThresholdAndSaysSo() throws Exception {
        Path base = run("base").throughput("tcp", 64, "cross", 1e9, Double.NaN).write();
        Path cur = run("cur").throughput("tcp", 64, "cross", 0.8e9, Double.NaN).write();

        Compare.Verdict verdict = compare(base, cur);

        assertEquals(Compare.Outcome.REGRESSION, outcome(verdict, "tcp", 64, Compare.Metric.THROUGHPUT));
        assertEquals(Compare.Noise.UNKNOWN, verdict.rows().get(0).noise());
        assertTrue(console().contains("warning: 1 throughput rows have no JMH error"), console());
    }

    @Test
    void aMechanismInOneRunOnlyIsListedNotJudged() throws Exception {
        Path base = run("base").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .latency("pipe", 64, "cross", 5_000, 5_100, 4_900).write();
        Path cur = run("cur").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .latency("uds", 64, "cross", 7_000, 7_100, 6_900).write();

        Compare.Verdict verdict = compare(base, cur);

        assertEquals(0, verdict.exitCode());
        assertEquals(Compare.Outcome.WITHIN_NOISE, outcome(verdict, "tcp", 64, Compare.Metric.P50));
        assertEquals(Compare.Outcome.ONLY_IN_BASELINE, outcome(verdict, "pipe", 64, Compare.Metric.P50));
        assertEquals(Compare.Outcome.ONLY_IN_CURRENT, outcome(verdict, "uds", 64, Compare.Metric.P99));
        String csv = Files.readString(verdict.csv());
        assertTrue(csv.contains("pipe,64,cross,p50,ns,") && csv.contains(",NaN,NaN,"), csv);
        assertTrue(csv.contains("only-in-baseline") && csv.contains("only-in-current"), csv);
    }

    @Test
    void differentOptionsAndEnvironmentAreComparedWhereTheyOverlapWithWarnings() throws Exception {
        Path base = run("base").payloads(64, 4096).measurement("3 x 1 s")
                .latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .latency("tcp", 4096, "cross", 20_000, 20_100, 19_900).write();
        Path cur = run("cur").payloads(64).measurement("5 x 2 s").kernel("6.12.0-other").jdkVersion("21.0.5")
                .latency("tcp", 64, "cross", 10_000, 10_100, 9_900).write();

        Compare.Verdict verdict = compare(base, cur);

        assertEquals(0, verdict.exitCode());
        assertEquals(Compare.Outcome.WITHIN_NOISE, outcome(verdict, "tcp", 64, Compare.Metric.P50));
        assertEquals(Compare.Outcome.ONLY_IN_BASELINE, outcome(verdict, "tcp", 4096, Compare.Metric.P50));
        String out = console();
        assertTrue(out.contains("warning: OS / kernel differs: Linux 6.1.0-test-amd64 (baseline) vs Linux "
                + "6.12.0-other (current)"), out);
        assertTrue(out.contains("warning: JDK differs"), out);
        assertTrue(out.contains("warning: option measurement differs: 3 x 1 s (baseline) vs 5 x 2 s (current)"), out);
        assertTrue(out.contains("warning: option payload sizes (bytes) differs"), out);
        assertTrue(Files.readString(verdict.markdown()).contains("## Warnings"));
    }

    @Test
    void badInputIsAOneLineReportException() throws Exception {
        Path good = run("good").latency("tcp", 64, "cross", 10_000, 10_100, 9_900).write();
        Path notADir = tmp.resolve("missing");
        Path notARun = Files.createDirectories(tmp.resolve("empty"));
        Path badCsv = run("bad").latency("tcp", 64, "cross", 10_000).write();
        Files.writeString(badCsv.resolve("latency.csv"), "mechanism,oops\ntcp,1\n");
        Path other = run("other").latency("pipe", 64, "cross", 10_000, 10_100).write();

        for (Path broken : List.of(notADir, notARun, badCsv)) {
            ReportException e = assertThrows(ReportException.class, () -> compare(good, broken));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(broken.getFileName().toString()), e.getMessage());
        }
        ReportException nothingInCommon = assertThrows(ReportException.class, () -> compare(good, other));
        assertTrue(nothingInCommon.getMessage().contains("nothing to compare"), nothingInCommon.getMessage());
        assertThrows(ReportException.class, () -> Compare.run(good, good, 1.5, tmp, System.out));
    }

    @Test
    void thresholdIsReadAsPercentOrFraction() throws Exception {
        assertEquals(0.10, Compare.parseThreshold("10%"), 1e-12);
        assertEquals(0.05, Compare.parseThreshold(" 5 % "), 1e-12);
        assertEquals(0.10, Compare.parseThreshold("0.10"), 1e-12);
        assertThrows(ReportException.class, () -> Compare.parseThreshold("10"));
        assertThrows(ReportException.class, () -> Compare.parseThreshold("ten"));
        assertThrows(ReportException.class, () -> Compare.parseThreshold("0%"));
    }

    @Test
    void theSameRunTwiceHasNoRegression() throws IOException, ReportException {
        Path base = run("base").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .throughput("tcp", 64, "cross", 1e9, Double.NaN).write();
        Compare.Verdict verdict = compare(base, base);
        assertEquals(0, verdict.exitCode());
        assertTrue(verdict.rows().stream().allMatch(r -> r.outcome() == Compare.Outcome.WITHIN_NOISE));
    }
}
