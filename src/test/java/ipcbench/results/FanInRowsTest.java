package ipcbench.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fan-in's histogram parts, one per client per fork, become one latency row whose forks are the units of
 * repetition (each fork's iteration i sums its clients' iterations i), one members.csv row per client and one log per
 * client; and the cells of its two dimensions are checked.
 */
class FanInRowsTest {
    @TempDir
    Path dir;

    private static final ResultKey FAN_IN_2 = ResultKey.of(d -> d == Dimension.TOPOLOGY ? "fanin"
            : d == Dimension.FAN ? "2" : ResultKey.of("uds", 64, "cross", "block", "jvm-jvm").get(d));

    @Test
    void theClientsOfAForkAddUpAndEachKeepsItsOwnRow() throws Exception {
        RunLayout layout = new RunLayout(dir);
        Files.createDirectories(layout.latencyDir());
        // two forks, two clients each: client 1 is slower and did fewer round trips
        for (long pid : new long[] {100, 200}) {
            memberPart(layout, pid, 0, 10_000, 101);
            memberPart(layout, pid, 1, 30_000, 51);
        }
        RunRows rows = RunRows.collect(layout, List.of(new JmhOutcome(JmhOutcome.LATENCY, FAN_IN_2, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, List.of(), Double.NaN, 1)));
        rows.write(layout);

        LatencyRow latency = rows.latency().get(0);
        assertEquals(2 * 3 * (101 + 51), latency.samples(), "every client's round trips, every fork");
        assertEquals(2, latency.repeats().forks(), "the forks stay the unit, not the clients");
        assertEquals(Repeats.FROM_FORKS, latency.repeats().ciFrom());
        List<MemberRow> members = MemberRow.read(layout.membersCsv());
        assertEquals(List.of(0, 1), members.stream().map(MemberRow::member).toList());
        assertEquals(latency.samples(), members.stream().mapToLong(MemberRow::samples).sum(),
                "the aggregate is the sum of the clients");
        assertEquals(10_000, members.get(0).p50Ns(), 50);
        assertEquals(30_000, members.get(1).p50Ns(), 50);
        assertEquals(FAN_IN_2, members.get(0).key());
        assertEquals(2 * 3 * 51, HistogramLog.total(layout.memberHistogramLog(FAN_IN_2, 1)).getTotalCount());
        assertTrue(Files.exists(layout.histogramLog(FAN_IN_2)));
        try (var left = Files.list(layout.latencyDir())) {
            assertFalse(left.anyMatch(p -> p.toString().endsWith(".part")), "parts are merged away");
        }
        assertEquals(1, rows.forks().stream().filter(f -> f.fork() == 1).count());
        assertEquals("uds_64_cross_block_fanin_2", FAN_IN_2.fileName());
    }

    @Test
    void fanCellsAreCheckedAndOldFilesArePairs() throws Exception {
        Path csv = dir.resolve("latency.csv");
        Files.writeString(csv, "mechanism,payload_bytes,placement,samples,min_ns,p50_ns,p90_ns,p99_ns,p99_9_ns,"
                + "p99_99_ns,max_ns,mean_ns,stddev_ns\nuds,64,cross,1,1,1,1,1,1,1,1,1.0,0.0\n");
        ResultKey old = LatencyRow.read(csv).get(0).key();
        assertEquals("pair", old.get(Dimension.TOPOLOGY));
        assertEquals("1", old.get(Dimension.FAN));
        for (String fan : List.of("0", "65", "../x", "1e2")) {
            Files.writeString(csv, LatencyRow.header() + "\nuds,64,cross,block,jvm-jvm,jdk,loopback,fanin," + fan
                    + ",1,1,1,1,1,1,1,1,1.0,0.0,,,,,,,,,\n");
            String message = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> LatencyRow.read(csv)).getMessage();
            assertTrue(message.contains("fan"), fan + ": " + message);
        }
    }

    @Test
    void oversubscriptionCountsTheThreadsThatCanRunAtOnce() {
        ResultKey pairCross = ResultKey.of("uds", 64, "cross", "block", "jvm-jvm");
        ResultKey spinSame = ResultKey.of("shm", 64, "same", "spin", "jvm-jvm");
        assertFalse(Oversubscription.of(pairCross, 2), "a blocking pair across two CPUs");
        assertTrue(Oversubscription.of(spinSame, 2), "two spinning ends on one CPU");
        assertTrue(Oversubscription.of(FAN_IN_2, 2), "two clients on the client CPU");
        ResultKey unpinned = ResultKey.of(d -> d == Dimension.PLACEMENT ? "none" : FAN_IN_2.get(d));
        assertFalse(Oversubscription.of(unpinned, 2), "two blocking pairs on two CPUs");
        assertTrue(Oversubscription.of(unpinned, 1));
        assertEquals("2 clients, block, cross: 2 hot threads on each of 2 CPUs", Oversubscription.why(FAN_IN_2, 2));
    }

    private static void memberPart(RunLayout layout, long pid, int member, long valueNs, int perIteration)
            throws Exception {
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(
                layout.forkMemberHistogramLog(FAN_IN_2, pid, member), "test", 1_000)) {
            for (int i = 0; i < 3; i++) {
                Histogram interval = new Histogram(3);
                interval.setStartTimeStamp(pid * 10_000 + 1_000 + i * 1000L);
                interval.setEndTimeStamp(pid * 10_000 + 2_000 + i * 1000L);
                for (int v = 0; v < perIteration; v++) {
                    interval.recordValue(valueNs - perIteration / 2 + v);
                }
                log.append(interval);
            }
        }
    }
}
