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
 * Smoke runs of the real script with several peers. Fan-in over uds with two clients: rows carry the topology and
 * fan, the latency row holds both clients' round trips (members.csv sums to it), throughput is measured, the
 * preflight and the report name the oversubscribed point, and the scaling charts and the fan-in need are drawn.
 * Fan-out over pipe with one and two subscribers (two JMH runs, one per fan): latency rows only, only the
 * two-subscriber point oversubscribed, the Fan-out section, its need and its chart.
 */
class FansSmokeIT {
    @TempDir
    Path tmp;

    @Test
    void aFanInRunWritesRowsPerClientCountAndScalingCharts() throws Exception {
        Path dir = tmp.resolve("run");
        Script.Outcome outcome = Script.run(600, "--profile", "smoke", "--mechanisms", "uds", "--sizes", "64",
                "--topology", "fanin", "--clients", "2", "--pin", "cross", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        assertTrue(outcome.stdout().contains("uds 64 B latency fanin x2"), outcome.stdout());
        RunLayout layout = new RunLayout(dir);

        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        assertEquals(List.of("2"), latency.stream().map(r -> r.key().get(Dimension.FAN)).toList());
        latency.forEach(r -> assertEquals("fanin", r.key().get(Dimension.TOPOLOGY)));
        LatencyRow two = latency.get(0);
        List<MemberRow> members = MemberRow.read(layout.membersCsv());
        assertEquals(2, members.size(), members.toString());
        assertEquals(two.samples(), members.stream().mapToLong(MemberRow::samples).sum(),
                "the two-client row is both clients' round trips");
        members.forEach(m -> assertTrue(m.samples() > 0, m.toString()));
        List<ThroughputRow> throughput = ThroughputRow.read(layout.throughputCsv());
        assertEquals(1, throughput.size());
        throughput.forEach(r -> assertTrue(r.messagesPerS() > 0, r.toString()));

        RunInfo info = RunInfo.read(layout.runJson());
        String oversubscribed = info.preflight().findings().stream().filter(f -> f.id().equals("oversubscribed"))
                .findFirst().orElseThrow().value();
        assertTrue(oversubscribed.contains("uds_64_cross_block_fanin_2"), oversubscribed);
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
                "--topology", "fanout", "--subscribers", "1,2", "--pin", "cross", "--results", dir.toString());
        assertEquals(0, outcome.exitCode(), outcome.stdout() + outcome.stderr());
        assertTrue(outcome.stdout().contains("pipe 64 B latency fanout x2"), outcome.stdout());
        RunLayout layout = new RunLayout(dir);
        List<LatencyRow> latency = LatencyRow.read(layout.latencyCsv());
        assertEquals(List.of("1", "2"), latency.stream().map(r -> r.key().get(Dimension.FAN)).sorted().toList());
        latency.forEach(r -> assertEquals("fanout", r.key().get(Dimension.TOPOLOGY)));
        latency.forEach(r -> assertTrue(r.samples() > 0 && r.p50Ns() > 0, r.toString()));
        assertTrue(ThroughputRow.read(layout.throughputCsv()).isEmpty(), "a fan-out measures latency only");
        assertTrue(RunInfo.read(layout.runJson()).failed().isEmpty());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("## Fan-out: one publisher, several subscribers"), report);
        assertTrue(report.contains("most subscribers at p99 under X, 64 B, blocking (X = "), report);
        String oversubscribed = RunInfo.read(layout.runJson()).preflight().findings().stream()
                .filter(f -> f.id().equals("oversubscribed")).findFirst().orElseThrow().value();
        assertTrue(oversubscribed.contains("pipe_64_cross_block_fanout_2")
                && !oversubscribed.contains("fanout_1") && !oversubscribed.contains("fanout ("), oversubscribed);
        assertTrue(Files.exists(dir.resolve("plots").resolve("fanout-latency-64B-cross.png")));
    }
}
