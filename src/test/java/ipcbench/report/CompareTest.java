package ipcbench.report;

import ipcbench.gate.GateOptions;
import ipcbench.gate.GateRow;
import ipcbench.gate.Metric;
import ipcbench.gate.Noise;
import ipcbench.gate.Outcome;
import ipcbench.results.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compare command end to end over run directories and pools written by {@link RunFixture}. */
class CompareTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Random random = new Random(2026);

    private CompareReport.Written compare(Path baseline, Path current) throws ReportException {
        return CompareReport.run(baseline, current, GateOptions.DEFAULT, tmp.resolve("compare"),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static GateRow row(CompareReport.Written written, String mechanism, int payload, Metric metric) {
        return written.result().rows().stream().filter(r -> r.key().mechanism().equals(mechanism)
                && r.key().payloadBytes() == payload && r.metric() == metric).findFirst().orElseThrow();
    }

    private static Outcome outcome(CompareReport.Written written, String mechanism, int payload, Metric metric) {
        return row(written, mechanism, payload, metric).outcome();
    }

    private RunFixture run(String name) {
        return new RunFixture(tmp.resolve(name), name);
    }

    /** n fork values log-normally spread 5% around {@code median}. */
    private double[] forks(int n, double median) {
        return forks(n, median, 0.05);
    }

    private double[] forks(int n, double median, double sigma) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(sigma * random.nextGaussian());
        }
        return values;
    }

    /** A pool of {@code runs} runs of tcp 64 B, each of three forks around {@code median} (latency) and 1e13/median. */
    private Path pool(String name, int runs, double median, double sigma) throws IOException {
        for (int i = 1; i <= runs; i++) {
            run(name + "/" + i).forks("tcp", 64, "cross", forks(3, median, sigma))
                    .throughputForks("tcp", 64, "cross", forks(3, 1e13 / median, sigma)).write();
        }
        return tmp.resolve(name);
    }

    @Test
    void twoSingleRunsAreNotTestedAndExitZero() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", forks(7, 10_000))
                .throughputForks("tcp", 64, "cross", forks(7, 1e9)).write();
        Path cur = run("cur").forks("tcp", 64, "cross", forks(7, 13_000))
                .throughputForks("tcp", 64, "cross", forks(7, 0.7e9)).write();

        CompareReport.Written written = compare(base, cur);

        assertEquals(0, written.exitCode(), "one run per side: the run is the unit, so nothing can be tested");
        for (Metric metric : Metric.values()) {
            GateRow row = row(written, "tcp", 64, metric);
            assertEquals(Outcome.NOT_TESTED, row.outcome(), metric.id());
            assertEquals(Noise.NOT_TESTED, row.noise());
            assertEquals(1, row.baselineN(), "one value per run, the median of its 7 forks");
            assertTrue(Double.isNaN(row.pValue()));
        }
        assertEquals(1.3, row(written, "tcp", 64, Metric.P50).ratioEstimate(), 0.06);
        assertTrue(console().contains("./run-bench.sh gate"), console());
        List<String> csv = Files.readAllLines(written.csv());
        assertEquals(Csv.keyedHeader(CompareCsv.COLUMNS), csv.get(0));
        assertTrue(csv.get(1).startsWith("tcp,64,cross,block,jvm-jvm,jdk,loopback,pair,1,p50,ns,"), csv.get(1));
        assertTrue(csv.get(1).endsWith(",not-tested,not-tested"), csv.get(1));
    }

    @Test
    void poolsWithEnoughRunsAreTestedOnTheirRunValues() throws Exception {
        Path base = pool("pool/base", 5, 10_000, 0.05);
        Path cur = pool("pool/head", 5, 13_000, 0.05);
        Files.writeString(tmp.resolve("pool/base/notes.txt"), "not a run");
        Files.createDirectories(tmp.resolve("pool/head/not-a-run"));

        CompareReport.Written written = compare(base, cur);

        assertEquals(1, written.exitCode());
        for (Metric metric : Metric.values()) {
            GateRow row = row(written, "tcp", 64, metric);
            assertEquals(Outcome.REGRESSION, row.outcome(), metric.id());
            assertEquals(Noise.RUNS, row.noise());
            assertEquals(5, row.baselineN());
            assertEquals(1.0 / 252, row.pValue(), 1e-12, "5 runs against 5, completely separated");
            assertEquals(3.0 / 252, row.pAdjusted(), 1e-12, "Holm over three rows");
        }
        assertTrue(console().contains("verdict: REGRESSION (exit 1)"), console());
        assertTrue(console().contains("(pool of 5 runs)"), console());
        String md = Files.readString(written.markdown());
        assertTrue(md.contains("| 5/5 | runs |"), md);
    }

    @Test
    void identicalPoolsGiveNoRegressionAndFasterPoolsAnImprovement() throws Exception {
        Path base = pool("a", 5, 10_000, 0.05);
        Path same = pool("b", 5, 10_000, 0.05);
        Path faster = pool("c", 5, 7_000, 0.05);

        CompareReport.Written written = compare(base, same);
        assertEquals(0, written.exitCode());
        assertTrue(written.result().rows().stream().noneMatch(r -> r.outcome() == Outcome.REGRESSION));
        assertEquals(Outcome.IMPROVEMENT, outcome(compare(base, faster), "tcp", 64, Metric.P50));
        assertEquals(Outcome.IMPROVEMENT, outcome(compare(base, faster), "tcp", 64, Metric.THROUGHPUT));
        assertEquals(0, compare(base, faster).exitCode());
    }

    @Test
    void aSignificantChangeBelowTheThresholdIsWithinNoise() throws Exception {
        Path base = pool("base", 6, 10_000, 0.005);
        Path cur = pool("cur", 6, 10_600, 0.005);

        GateRow p50 = row(compare(base, cur), "tcp", 64, Metric.P50);

        assertTrue(p50.pAdjusted() < 0.05, "the fixture must be significant, p " + p50.pAdjusted());
        assertEquals(Outcome.WITHIN_NOISE, p50.outcome());
    }

    @Test
    void poolRunsThatDifferInOptionsAreWarnedAbout() throws Exception {
        run("pool/base/1").forks("uds", 64, "cross", forks(3, 10_000)).write();
        run("pool/base/2").measurement("5 x 2 s").forks("uds", 64, "cross", forks(3, 10_000)).write();
        Path cur = run("cur").forks("uds", 64, "cross", forks(3, 10_000)).write();

        compare(tmp.resolve("pool/base"), cur);

        assertTrue(console().contains("warning: baseline pool: option measurement differs: 3 x 1 s (pool/base/1) vs "
                + "5 x 2 s (pool/base/2)"), console());
    }

    @Test
    void anOldRunWithoutForksIsOneValuePerRunFromItsSummary() throws Exception {
        Path base = run("base").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .throughput("tcp", 64, "cross", 1e9, 1e7).write();
        Path cur = run("cur").latency("tcp", 64, "cross", 13_000, 13_100, 12_900)
                .throughput("tcp", 64, "cross", 0.8e9, 1e7).write();

        CompareReport.Written written = compare(base, cur);

        GateRow throughput = row(written, "tcp", 64, Metric.THROUGHPUT);
        assertEquals(1, throughput.baselineN());
        assertEquals(0.8, throughput.ratioEstimate(), 1e-9);
        assertEquals(Outcome.NOT_TESTED, throughput.outcome());
        assertEquals(0, written.exitCode(), "JMH's error is not used, and one run per side tests nothing");
    }

    @Test
    void aMechanismOnOneSideOnlyIsListedNotJudged() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", forks(3, 10_000))
                .forks("pipe", 64, "cross", forks(3, 5_000)).write();
        Path cur = run("cur").forks("tcp", 64, "cross", forks(3, 10_000))
                .forks("uds", 64, "cross", forks(3, 7_000)).write();

        CompareReport.Written written = compare(base, cur);

        assertEquals(0, written.exitCode());
        assertEquals(Outcome.ONLY_IN_BASELINE, outcome(written, "pipe", 64, Metric.P50));
        assertEquals(Outcome.ONLY_IN_CURRENT, outcome(written, "uds", 64, Metric.P99));
        String csv = Files.readString(written.csv());
        assertTrue(csv.contains("only-in-baseline") && csv.contains("only-in-current"), csv);
        assertTrue(console().contains("measured on one side only"), console());
    }

    @Test
    void differentOptionsAndEnvironmentAreComparedWhereTheyOverlapWithWarnings() throws Exception {
        Path base = run("base").payloads(64, 4096).measurement("3 x 1 s")
                .forks("tcp", 64, "cross", forks(3, 10_000)).forks("tcp", 4096, "cross", forks(3, 20_000)).write();
        Path cur = run("cur").payloads(64).measurement("5 x 2 s").kernel("6.12.0-other").jdkVersion("21.0.5")
                .forks("tcp", 64, "cross", forks(3, 10_000)).write();

        CompareReport.Written written = compare(base, cur);

        assertEquals(0, written.exitCode());
        assertEquals(Outcome.ONLY_IN_BASELINE, outcome(written, "tcp", 4096, Metric.P50));
        String out = console();
        assertTrue(out.contains("warning: OS / kernel differs: Linux 6.1.0-test-amd64 (baseline) vs Linux "
                + "6.12.0-other (current)"), out);
        assertTrue(out.contains("warning: JDK differs"), out);
        assertTrue(out.contains("warning: option measurement differs: 3 x 1 s (baseline) vs 5 x 2 s (current)"), out);
        assertTrue(Files.readString(written.markdown()).contains("## Warnings"));
    }

    @Test
    void badInputIsAOneLineReportExceptionAndWritesNothing() throws Exception {
        Path good = run("good").forks("tcp", 64, "cross", 10_000, 10_100).write();
        Path notADir = tmp.resolve("missing");
        Path notARun = Files.createDirectories(tmp.resolve("empty"));
        Path badCsv = run("bad").forks("tcp", 64, "cross", 10_000).write();
        Files.writeString(badCsv.resolve("forks.csv"), "mechanism,oops\ntcp,1\n");
        Path other = run("other").forks("pipe", 64, "cross", 10_000, 10_100).write();

        for (Path broken : List.of(notADir, notARun, badCsv)) {
            ReportException e = assertThrows(ReportException.class, () -> compare(good, broken));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(broken.getFileName().toString()), e.getMessage());
        }
        ReportException nothingInCommon = assertThrows(ReportException.class, () -> compare(good, other));
        assertTrue(nothingInCommon.getMessage().contains("nothing to compare"), nothingInCommon.getMessage());
        assertThrows(ReportException.class, () -> CompareReport.run(good, good, new GateOptions(1.5, 0.05),
                tmp.resolve("compare"), System.out));
        assertThrows(ReportException.class, () -> CompareReport.run(good, good, new GateOptions(0.1, 0.6),
                tmp.resolve("compare"), System.out));
        assertFalse(Files.exists(tmp.resolve("compare")), "bad input must create nothing");
    }

    @Test
    void theSameRunTwiceHasNoRegression() throws IOException, ReportException {
        Path base = run("base").forks("tcp", 64, "cross", forks(7, 10_000))
                .latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .throughput("tcp", 64, "cross", 1e9, Double.NaN).write();
        CompareReport.Written written = compare(base, base);
        assertEquals(0, written.exitCode());
        assertTrue(written.result().rows().stream().allMatch(r -> r.outcome() == Outcome.NOT_TESTED));
        assertEquals(1.0, row(written, "tcp", 64, Metric.P50).ratioEstimate(), 1e-12);
    }
}
