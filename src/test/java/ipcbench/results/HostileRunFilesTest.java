package ipcbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Result files from someone else: values that would become paths, binary garbage, a missing column. */
class HostileRunFilesTest {
    /** latency.csv as the first versions wrote it. */
    private static final String OLDEST_LATENCY = "mechanism,payload_bytes,placement,samples,min_ns,p50_ns,p90_ns,"
            + "p99_ns,p99_9_ns,p99_99_ns,max_ns,mean_ns,stddev_ns";

    @TempDir
    Path dir;

    @Test
    void aPlacementThatWouldLeaveThePlotsDirectoryIsRefusedWithTheFileAndValue() throws IOException {
        Path csv = dir.resolve("latency.csv");
        Files.writeString(csv, OLDEST_LATENCY + "\n"
                + "pipe,64,../../../tmp/x,10,1,2,3,4,5,6,7,2.0,1.0\n");
        IOException e = assertThrows(IOException.class, () -> LatencyRow.read(csv));
        assertTrue(e.getMessage().contains(csv.toString()) && e.getMessage().contains("placement '../../../tmp/x'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aNegativePayloadIsRefused() throws IOException {
        Path csv = dir.resolve("throughput.csv");
        Files.writeString(csv, "mechanism,payload_bytes,placement,messages_per_s,bytes_per_s,"
                + "bytes_per_s_error\npipe,-5,cross,1.0,2.0,NaN\n");
        IOException e = assertThrows(IOException.class, () -> ThroughputRow.read(csv));
        assertTrue(e.getMessage().contains("payload_bytes '-5'"), e.getMessage());
    }

    @Test
    void binaryRunJsonIsNamedNotUtf8() throws IOException {
        Path json = dir.resolve("run.json");
        Files.write(json, new byte[] {'{', '\n', (byte) 0xff, (byte) 0xfe, 0, 1});
        IOException e = assertThrows(IOException.class, () -> RunInfo.read(json));
        assertEquals(json + ": not UTF-8 at line 2", e.getMessage());
    }

    @Test
    void brokenJsonNamesItsLine() throws IOException {
        Path json = dir.resolve("run.json");
        Files.writeString(json, "{\n\"runId\": \"a\",\n\"startedAt\": }\n");
        IOException e = assertThrows(IOException.class, () -> RunInfo.read(json));
        assertTrue(e.getMessage().startsWith(json + ": not JSON at line 3"), e.getMessage());
    }

    @Test
    void aHeaderWithoutAColumnNamesIt() throws IOException {
        Path csv = dir.resolve("latency.csv");
        Files.writeString(csv, OLDEST_LATENCY.replace(",p50_ns", "") + "\n");
        IOException e = assertThrows(IOException.class, () -> LatencyRow.read(csv));
        assertTrue(e.getMessage().endsWith("header lacks column p50_ns"), e.getMessage());
    }

    @Test
    void aCsvAboveTheLimitIsRefusedWithTheLimit() throws IOException {
        Path csv = dir.resolve("latency.csv");
        try (var out = Files.newOutputStream(csv)) {
            out.write((OLDEST_LATENCY + "\n").getBytes());
            out.write(new byte[(int) ResultFile.MAX_CSV_BYTES]);
        }
        IOException e = assertThrows(IOException.class, () -> LatencyRow.read(csv));
        assertTrue(e.getMessage().contains("limit of " + ResultFile.MAX_CSV_BYTES + " bytes"), e.getMessage());
    }

    @Test
    void aSymbolicLinkIsNotReadThrough() throws IOException {
        Path target = dir.resolve("elsewhere.csv");
        Files.writeString(target, OLDEST_LATENCY + "\n");
        Path csv = Files.createSymbolicLink(dir.resolve("latency.csv"), target);
        IOException e = assertThrows(IOException.class, () -> LatencyRow.read(csv));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
}
