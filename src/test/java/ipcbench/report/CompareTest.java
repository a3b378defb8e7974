package ipcbench.report;

import ipcbench.gate.GateOptions;
import ipcbench.gate.GateRow;
import ipcbench.gate.Metric;
import ipcbench.gate.Noise;
import ipcbench.gate.Outcome;
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

    @Test
    void aThirtyPercentShiftOverSevenForksIsARegressionAndExitsOne() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", forks(7, 10_000))
                .throughputForks("tcp", 64, "cross", forks(7, 1e9)).write();
        Path cur = run("cur").forks("tcp", 64, "cross", forks(7, 13_000))
                .throughputForks("tcp", 64, "cross", forks(7, 0.7e9)).write();

        CompareReport.Written written = compare(base, cur);

        assertEquals(1, written.exitCode());
        for (Metric metric : Metric.values()) {
            GateRow row = row(written, "tcp", 64, metric);
            assertEquals(Outcome.REGRESSION, row.outcome(), metric.id());
            assertEquals(Noise.FORKS, row.noise());
            assertEquals(7, row.baselineN());
            assertTrue(row.pAdjusted() < 0.05, "p " + row.pAdjusted());
            assertTrue(row.ratio().low() <= row.ratioEstimate() && row.ratioEstimate() <= row.ratio().high());
        }
        assertEquals(1.3, row(written, "tcp", 64, Metric.P50).ratioEstimate(), 0.06);
        assertTrue(console().contains("verdict: REGRESSION (exit 1)"), console());
        List<String> csv = Files.readAllLines(written.csv());
        assertEquals(CompareCsv.HEADER, csv.get(0));
        assertTrue(csv.get(1).startsWith("tcp,64,cross,p50,ns,"), csv.get(1));
        assertTrue(csv.get(1).contains(",7,7,"), csv.get(1));
        assertTrue(csv.get(1).endsWith(",forks,regression"), csv.get(1));
        assertEquals(20, csv.get(1).split(",").length, csv.get(1));
        String md = Files.readString(written.markdown());
        assertTrue(md.contains("| regression | tcp | 64 B | cross | p50 |"), md);
        assertTrue(md.contains("| 7/7 | forks |"), md);
    }

    @Test
    void identicalDistributionsGiveNoRegression() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", forks(7, 10_000))
                .throughputForks("tcp", 64, "cross", forks(7, 1e9)).write();
        Path cur = run("cur").forks("tcp", 64, "cross", forks(7, 10_000))
                .throughputForks("tcp", 64, "cross", forks(7, 1e9)).write();

        CompareReport.Written written = compare(base, cur);

        assertEquals(0, written.exitCode());
        assertTrue(written.result().rows().stream().allMatch(r -> r.outcome() == Outcome.WITHIN_NOISE));
        assertTrue(console().contains("verdict: no regression (exit 0)"), console());
    }

    @Test
    void fasterBeyondThresholdIsAnImprovementAndExitsZero() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", forks(7, 13_000))
                .throughputForks("tcp", 64, "cross", forks(7, 0.7e9)).write();
        Path cur = run("cur").forks("tcp", 64, "cross", forks(7, 10_000))
                .throughputForks("tcp", 64, "cross", forks(7, 1e9)).write();

        CompareReport.Written written = compare(base, cur);

        assertEquals(0, written.exitCode());
        assertEquals(Outcome.IMPROVEMENT, outcome(written, "tcp", 64, Metric.P50));
        assertEquals(Outcome.IMPROVEMENT, outcome(written, "tcp", 64, Metric.THROUGHPUT));
    }

    @Test
    void aSignificantChangeBelowTheThresholdIsWithinNoise() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", forks(15, 10_000, 0.01)).write();
        Path cur = run("cur").forks("tcp", 64, "cross", forks(15, 10_600, 0.01)).write();

        GateRow p50 = row(compare(base, cur), "tcp", 64, Metric.P50);

        assertTrue(p50.pAdjusted() < 0.05, "the fixture must be significant, p " + p50.pAdjusted());
        assertEquals(Outcome.WITHIN_NOISE, p50.outcome());
    }

    @Test
    void poolsOfSeveralRunsCombineTheirForks() throws Exception {
        for (int i = 1; i <= 3; i++) {
            run("pool/base/" + i).forks("uds", 64, "cross", forks(3, 10_000)).write();
            run("pool/head/" + i).forks("uds", 64, "cross", forks(3, 12_500)).write();
        }
        Files.writeString(tmp.resolve("pool/base/notes.txt"), "not a run");
        Files.createDirectories(tmp.resolve("pool/head/not-a-run"));

        CompareReport.Written written = compare(tmp.resolve("pool/base"), tmp.resolve("pool/head"));

        GateRow p50 = row(written, "uds", 64, Metric.P50);
        assertEquals(9, p50.baselineN());
        assertEquals(9, p50.currentN());
        assertEquals(Noise.FORKS, p50.noise());
        assertEquals(Outcome.REGRESSION, p50.outcome());
        assertTrue(console().contains("(pool of 3 runs)"), console());
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
    void oneForkFallsBackToIterationsWithAWarning() throws Exception {
        Path base = run("base").forks("tcp", 64, "cross", 10_000)
                .iterations("tcp", 64, "cross", 10_000, 10_100, 9_900, 10_050, 9_950).write();
        Path cur = run("cur").forks("tcp", 64, "cross", 13_000)
                .iterations("tcp", 64, "cross", 13_000, 13_100, 12_900, 13_050, 12_950).write();

        CompareReport.Written written = compare(base, cur);

        GateRow p50 = row(written, "tcp", 64, Metric.P50);
        assertEquals(Noise.ITERATIONS, p50.noise());
        assertEquals(5, p50.baselineN());
        assertEquals(Outcome.REGRESSION, p50.outcome(), "5 vs 5 separated: p = 2/252, below 0.05 after Holm over 2");
        assertTrue(console().contains("within-fork repeats understate run-to-run noise"), console());
    }

    @Test
    void anOldRunFallsBackToItsHistogramIntervalsAndUnknownThroughput() throws Exception {
        Path base = run("base").latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .throughput("tcp", 64, "cross", 1e9, 1e7).write();
        Path cur = run("cur").latency("tcp", 64, "cross", 13_000, 13_100, 12_900)
                .throughput("tcp", 64, "cross", 0.8e9, 1e7).write();

        CompareReport.Written written = compare(base, cur);

        GateRow p50 = row(written, "tcp", 64, Metric.P50);
        assertEquals(Noise.ITERATIONS, p50.noise());
        assertEquals(3, p50.baselineN());
        assertEquals(Outcome.WITHIN_NOISE, p50.outcome(), "3 vs 3 can never reach p < 0.05");
        GateRow throughput = row(written, "tcp", 64, Metric.THROUGHPUT);
        assertEquals(Noise.UNKNOWN, throughput.noise());
        assertTrue(Double.isNaN(throughput.pValue()));
        assertEquals(Outcome.REGRESSION, throughput.outcome(), "the threshold alone decides; JMH's error is not used");
        assertEquals(1, written.exitCode());
        String out = console();
        assertTrue(out.contains("noise unknown") && out.contains("threshold alone"), out);
        assertTrue(out.contains("cannot be flagged"), out);
        String csv = Files.readString(written.csv());
        assertTrue(csv.contains("tcp,64,cross,throughput,bytes_per_s,1000000000.0,800000000.0,0.8000,NaN,NaN,NaN,"
                + "NaN,1,1,NaN,NaN,NaN,NaN,unknown,regression"), csv);
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
        assertTrue(written.result().rows().stream().allMatch(r -> r.outcome() == Outcome.WITHIN_NOISE));
        assertEquals(1.0, row(written, "tcp", 64, Metric.P50).pValue(), 1e-12);
    }
}
