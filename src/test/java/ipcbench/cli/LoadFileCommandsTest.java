package ipcbench.cli;

import ipcbench.report.Plots;
import ipcbench.results.LoadRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plot RUN} and {@code report RUN} on a load run draw the hockey stick and write the load report. */
class LoadFileCommandsTest {
    @TempDir
    Path tmp;

    private Path loadRun() throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        RunLayout layout = new RunLayout(dir);
        new RunInfo("20261126T220000Z", "2026-11-26T22:00:00Z", "2026-11-26T22:02:00Z", "abc1234",
                new RunInfo.Environment("testhost", "Linux", "6.1.0-test", "amd64", "Test CPU", 2, List.of(0, 1),
                        "Debian", "17.0.15", "OpenJDK 64-Bit Server VM", "/usr/lib/jvm/test", List.of(),
                        List.of()),
                new RunInfo.Options(List.of("tcp", "shm"), true, List.of(64), "load", "smoke", "1 x 500 ms",
                        "3 x 500 ms", 1, "cross", false, List.of()),
                new RunInfo.Cpus(0, 1), List.of(), List.of()).write(layout.runJson());
        LoadRow.write(layout.load().csv(), List.of(
                row("tcp", 10_000, 20_000, 40_000, "cpu0"), row("tcp", 50_000, 25_000, 900_000, "cpu0"),
                row("shm", 100_000, 1_000, 3_000, "same-thread"), row("shm", 500_000, 2_000, 8_000, "same-thread")));
        return dir;
    }

    private static LoadRow row(String mechanism, double offeredPerS, long p50Ns, long p99Ns, String receiver) {
        return new LoadRow(ResultKey.of(mechanism, 64, "cross", mechanism.equals("shm") ? "spin" : "block", "jvm-jvm"), offeredPerS,
                offeredPerS * 0.99, 1000, p50Ns, p50Ns, p99Ns, p99Ns, p99Ns, 0, Long.toString((long) offeredPerS),
                Double.NaN, p99Ns, p99Ns, receiver, LoadRow.Cores.NOT_MEASURED);
    }

    @Test
    void plotAndReportOfALoadRunDrawTheLoadChartAndWriteTheLoadSection() throws IOException {
        Assumptions.assumeTrue(Plots.fontProblem().isEmpty(), "charts cannot be drawn here");
        Path run = loadRun();
        Path plots = tmp.resolve("plots");
        CliTest.Outcome plot = CliTest.cli("plot", run.toString(), "--plots", plots.toString());
        assertEquals(0, plot.exitCode(), plot.err() + plot.out());
        assertTrue(Files.exists(plots.resolve("load-64B-cross.png")), plot.out());
        assertTrue(Files.exists(plots.resolve("load-64B-cross.svg")), plot.out());
        assertFalse(Files.exists(plots.resolve("latency-vs-payload-cross.png")), "no closed-loop charts");

        CliTest.Outcome report = CliTest.cli("report", run.toString(), "--plots", plots.toString());
        assertEquals(0, report.exitCode(), report.err() + report.out());
        String md = Files.readString(run.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Latency under load"), md);
        assertTrue(md.contains("highest rate with p99 < 10× unloaded p50"), md);
        // tcp: unloaded p50 20 µs (its lowest-rate point); 900 µs at 50k is over 200 µs, so the knee is 10k
        assertTrue(md.contains("| tcp | cpu0 |"), md);
        assertTrue(md.contains("| 10000 (10000) |"), md);
        assertTrue(md.contains("| shm | same-thread |"), md);
        assertTrue(md.contains("lowest-rate point"), md);
    }

    /** Issue 19 (untrusted run directories): a load run's report goes to --out, its charts to --out/plots; the run is
     * only read. */
    @Test
    void reportOfALoadRunWithOutLeavesTheRunAlone() throws IOException {
        Assumptions.assumeTrue(Plots.fontProblem().isEmpty(), "charts cannot be drawn here");
        Path run = loadRun();
        Path out = tmp.resolve("out");
        CliTest.Outcome report = CliTest.cli("report", run.toString(), "--out", out.toString());
        assertEquals(0, report.exitCode(), report.err() + report.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("](plots/load-64B-cross.png)"));
        assertTrue(Files.exists(out.resolve("plots").resolve("load-64B-cross.png")));
        assertFalse(Files.exists(run.resolve("report.md")) || Files.exists(run.resolve("plots")), "nothing in the run");
    }
}
