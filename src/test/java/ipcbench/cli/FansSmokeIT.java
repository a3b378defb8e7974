package ipcbench.cli;

import ipcbench.results.Dimension;
import ipcbench.results.LatencyRow;
import ipcbench.results.MemberRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke runs of the real script with several peers. Fan-in over uds with one and two clients: rows carry the
 * topology and fan, the two-client latency row holds both clients' round trips (members.csv sums to it), throughput
 * is measured for both, the preflight and the report name the oversubscribed point, and the scaling charts are drawn.
 * Fan-out over pipe with two subscribers: latency rows only, the Fan-out section, its need (which needs a
 * one-subscriber point, and says so) and its chart.
 */
class FansSmokeIT {
    @TempDir
    Path tmp;

    @Test
    void aFanInRunWritesRowsPerClientCountAndScalingCharts() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--profile", "smoke", "--mechanisms", "uds", "--sizes", "64",
                "--topology", "fanin", "--clients", "1,2", "--pin", "cross", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        assertTrue(outcome.stdout().contains("uds 64 B latency fanin x2"), outcome.stdout());
        RunLayout layout = new RunLayout(dir);

        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        assertEquals(List.of("1", "2"), latency.stream().map(r -> r.key().get(Dimension.FAN)).sorted().toList());
        latency.forEach(r -> assertEquals("fanin", r.key().get(Dimension.TOPOLOGY)));
        LatencyRow two = latency.stream().filter(r -> r.key().get(Dimension.FAN).equals("2")).findFirst().get();
        List<MemberRow> members = MemberRow.read(layout.membersCsv());
        assertEquals(2, members.size(), members.toString());
        assertEquals(two.samples(), members.stream().mapToLong(MemberRow::samples).sum(),
                "the two-client row is both clients' round trips");
        members.forEach(m -> assertTrue(m.samples() > 0, m.toString()));
        List<ThroughputRow> throughput = ThroughputRow.read(layout.throughputCsv());
        assertEquals(2, throughput.size());
        throughput.forEach(r -> assertTrue(r.messagesPerS() > 0, r.toString()));

        RunInfo info = RunInfo.read(layout.runJson());
        String oversubscribed = info.preflight().findings().stream().filter(f -> f.id().equals("oversubscribed"))
                .findFirst().orElseThrow().value();
        assertTrue(oversubscribed.contains("uds_64_cross_block_fanin_2"), oversubscribed);
        assertTrue(!oversubscribed.contains("fanin (") && !oversubscribed.contains("fanin_1"), oversubscribed);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("## Fan-in: several clients, one echo child"), report);
        assertTrue(report.contains("best aggregate fan-in throughput, 64 B, 2 clients"), report);
        assertTrue(Files.exists(dir.resolve("plots").resolve("fanin-latency-64B-cross.png")));
        assertTrue(Files.exists(dir.resolve("plots").resolve("fanin-throughput-64B-cross.svg")));
    }

    @Test
    void aFanOutRunMeasuresLatencyToTheLastEcho() throws Exception {
        Path dir = tmp.resolve("fanout");
        Script.Outcome outcome = Script.run(600, "--profile", "smoke", "--mechanisms", "pipe", "--sizes", "64",
                "--topology", "fanout", "--subscribers", "2", "--pin", "cross", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        assertTrue(outcome.stdout().contains("pipe 64 B latency fanout x2"), outcome.stdout());
        RunLayout layout = new RunLayout(dir);
        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        assertEquals(List.of("2"), latency.stream().map(r -> r.key().get(Dimension.FAN)).toList());
        latency.forEach(r -> assertEquals("fanout", r.key().get(Dimension.TOPOLOGY)));
        latency.forEach(r -> assertTrue(r.samples() > 0 && r.p50Ns() > 0, r.toString()));
        assertTrue(ThroughputRow.read(layout.throughputCsv()).isEmpty(), "a fan-out measures latency only");
        assertTrue(RunInfo.read(layout.runJson()).failed().isEmpty());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("## Fan-out: one publisher, several subscribers"), report);
        assertTrue(report.contains("most subscribers at p99 under X, 64 B, blocking | not measured: add 1 to --subscribers"),
                report);
        assertTrue(Files.exists(dir.resolve("plots").resolve("fanout-latency-64B-cross.png")));
    }
}
