package ipcbench.results;

import ipcbench.os.TaskCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostRowTest {
    @TempDir
    Path dir;

    @Test
    void forksAreSummedThenDividedByTheirOperations() throws Exception {
        RunLayout layout = new RunLayout(dir);
        ResultKey pipe = ResultKey.of("pipe", 64, "cross", "spin", "jvm-native");
        ResultKey tcp = ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm");
        // fork 1: 1000 round trips, 3 ms of client thread CPU, 3:1 user:sys ticks, 1000 voluntary switches
        CostRow.writePart(layout.forkCostPart(pipe, "latency", 11), List.of(
                CostRow.partLine(pipe, "latency", CostRow.CLIENT, CostRow.THREAD, 1000,
                        new TaskCounters(3_000_000, 3, 1, 1000, 10, 2)),
                CostRow.partLine(pipe, "latency", CostRow.CLIENT, CostRow.PROCESS, 1000,
                        new TaskCounters(4_000_000, 0, 0, 1500, 20, -1))));
        // fork 2: 3000 round trips
        CostRow.writePart(layout.forkCostPart(pipe, "latency", 12), List.of(
                CostRow.partLine(pipe, "latency", CostRow.CLIENT, CostRow.THREAD, 3000,
                        new TaskCounters(5_000_000, 3, 1, 3000, 30, 0)),
                CostRow.partLine(pipe, "latency", CostRow.CLIENT, CostRow.PROCESS, 3000,
                        new TaskCounters(8_000_000, 0, 0, 4500, 60, -1))));
        // a benchmark JMH did not report (its fork died): dropped
        CostRow.writePart(layout.forkCostPart(tcp, "latency", 13), List.of(
                CostRow.partLine(tcp, "latency", CostRow.CLIENT, CostRow.THREAD, 10,
                        new TaskCounters(1, 0, 0, 1, 1, 0))));

        List<CostRow> rows = CostRow.collect(layout, Set.of(CostRow.benchmarkKey(pipe, "latency")));

        assertEquals(2, rows.size(), rows.toString());
        CostRow thread = rows.stream().filter(r -> r.scope().equals(CostRow.THREAD)).findFirst().orElseThrow();
        assertEquals(2000.0, thread.cpuNsPerOp(), 1e-9, "8 ms over 4000 round trips");
        assertEquals(1500.0, thread.userNsPerOp(), 1e-9, "split 3:1 by the ticks");
        assertEquals(500.0, thread.sysNsPerOp(), 1e-9);
        assertEquals(1.0, thread.volCsPerOp(), 1e-9);
        assertEquals(0.01, thread.involCsPerOp(), 1e-9);
        assertEquals(2.0, thread.migrations(), 1e-9, "a total, not per operation");
        assertEquals("spin", thread.waitStrategy());
        assertEquals("jvm-native", thread.peers());
        CostRow process = rows.stream().filter(r -> r.scope().equals(CostRow.PROCESS)).findFirst().orElseThrow();
        assertEquals(3000.0, process.cpuNsPerOp(), 1e-9);
        assertTrue(Double.isNaN(process.userNsPerOp()), "no tick to split by: unknown, not zero");
        assertTrue(Double.isNaN(process.migrations()), "migrations belong to the hot thread");
        assertFalse(Files.exists(layout.costDir()), "parts merged and removed");

        CostRow.write(layout.costCsv(), rows);
        assertEquals(CostRow.header(), Files.readAllLines(layout.costCsv()).get(0));
        assertEquals(rows, CostRow.read(layout.costCsv()));
        assertEquals(5.0, CostRow.bothSidesCpuMicros(List.of(process, new CostRow(pipe, "latency", CostRow.SERVER,
                CostRow.PROCESS, 2000, Double.NaN, Double.NaN, 1, 0, Double.NaN)), pipe, "latency", CostRow.PROCESS),
                1e-9);
        assertTrue(Double.isNaN(CostRow.bothSidesCpuMicros(List.of(process), pipe, "latency", CostRow.PROCESS)),
                "one side missing: unknown");
        assertTrue(Double.isNaN(CostRow.bothSidesCpuMicros(rows, pipe.with(Dimension.PEERS, "jvm-jvm"), "latency",
                CostRow.PROCESS)), "jvm-native rows are not the jvm-jvm benchmark's");
    }

    @Test
    void noPartsNoRows() throws Exception {
        assertEquals(List.of(), CostRow.collect(new RunLayout(dir), Set.of()));
    }
}
