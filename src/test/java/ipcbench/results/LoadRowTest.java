package ipcbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadRowTest {
    @TempDir
    Path dir;

    @Test
    void partsJoinIntoLoadCsvAndReadBack() throws IOException {
        RunLayout layout = new RunLayout(dir);
        ResultKey tcp = ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm");
        ResultKey shm = ResultKey.of("shm", 64, "cross", "spin", "jvm-jvm");
        LoadRow percent = new LoadRow(tcp, 12345.6, 12300.1, 7400, 30000, 41000, 90000, 150000, 2000000, 0, "50%",
                24691.2, 80000, 95000, "cpu0", new LoadRow.Cores(0.125, 0.11, 0.14, 0.07, 0.055, 0.31));
        LoadRow absolute = new LoadRow(shm, 20000, 19999, 12000, 900, 1200, 5000, 9000, 50000, 3, "20000", Double.NaN,
                4000, 6000, "same-thread", LoadRow.Cores.NOT_MEASURED);
        percent.appendTo(layout.load().part(tcp));
        absolute.appendTo(layout.load().part(shm));
        absolute.appendTo(layout.load().part(shm));
        assertEquals(2, LoadRow.read(layout.load().part(shm)).size(), "a part file has one header, then a row per point");
        List<LoadRow> rows = List.of(LoadRow.read(layout.load().part(tcp)).get(0), LoadRow.read(layout.load().part(shm)).get(0));
        LoadRow.write(layout.load().csv(), rows);
        List<LoadRow> read = LoadRow.read(layout.load().csv());
        assertEquals(2, read.size());
        assertEquals("50%", read.get(0).rate());
        assertEquals(12345.6, read.get(0).offeredPerS(), 1e-9);
        assertEquals(90000, read.get(0).p99Ns());
        assertTrue(Double.isNaN(read.get(1).capacityPerS()), "no capacity measured for absolute rates");
        assertEquals("cpu0", read.get(0).receiver());
        assertEquals("same-thread", read.get(1).receiver());
        assertEquals(3, read.get(1).lost());
        assertEquals(new LoadRow.Cores(0.125, 0.11, 0.14, 0.07, 0.055, 0.31), read.get(0).cores());
        assertFalse(read.get(1).cores().measured(), "cores not measured stay empty cells");
        assertTrue(Files.readString(layout.load().csv()).startsWith(
                "mechanism,payload_bytes,placement,wait,peers,io,link,topology,fan,"
                + "offered_per_s,achieved_per_s,samples,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,lost,"));
        assertEquals(dir.resolve("latency/load/tcp_64_cross_block_12346.hlog"), layout.load().histogramLog(tcp, 12346));
    }

    @Test
    void aLoadCsvWithoutTheReceiverColumnReadsAsUnrecorded() throws IOException {
        Path csv = dir.resolve("load.csv");
        Files.writeString(csv, "mechanism,payload_bytes,placement,wait,offered_per_s,achieved_per_s,samples,p50_ns,"
                + "p90_ns,p99_ns,p99_9_ns,max_ns,lost,rate,capacity_per_s,p99_iter_min_ns,p99_iter_max_ns\n"
                + "tcp,64,cross,block,1000.0,999.0,2400,30000,41000,90000,150000,2000000,0,10%,10000.0,80000,95000\n");
        List<LoadRow> rows = LoadRow.read(csv);
        assertEquals(LoadRow.RECEIVER_UNRECORDED, rows.get(0).receiver());
        assertFalse(rows.get(0).cores().measured(), "nor were the cores");
        assertTrue(LoadRow.header().endsWith(",p99_iter_min_ns,p99_iter_max_ns,receiver,cores,cores_low,cores_high,"
                + "client_cores,server_cores,process_cores"), "the newer columns come last");
    }

    @Test
    void aShortRowIsAnError() throws IOException {
        Path part = dir.resolve("x.csv.part");
        Files.writeString(part, LoadRow.header() + "\ntcp,64,cross\n");
        assertThrows(IOException.class, () -> LoadRow.read(part));
    }
}
