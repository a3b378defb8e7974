package ipcbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key columns: first in every CSV, read by name wherever they stand; files written before wait or peers existed
 * (their headers as those versions wrote them) read through the dimensions' defaults; names derive from the key.
 */
class KeyColumnsTest {
    private static final ResultKey NATIVE = ResultKey.of("pipe", 64, "cross", "spin", "native-native");

    @TempDir
    Path dir;

    @Test
    void filesOfOlderVersionsReadThroughTheDefaults() throws IOException {
        Path latency = write("latency.csv", "mechanism,payload_bytes,placement,samples,min_ns,p50_ns,p90_ns,p99_ns,"
                + "p99_9_ns,p99_99_ns,max_ns,mean_ns,stddev_ns,forks,ci_from,ci_level,p50_ns_ci_low,p50_ns_ci_high,"
                + "p99_ns_ci_low,p99_ns_ci_high,stable,stability_note,wait",
                "pipe,64,cross,100,1000,5000,6000,7000,8000,9000,10000,5100.0,10.0,3,forks,0.7500,4900,5200,6900,7100,"
                        + "true,,spin");
        LatencyRow row = LatencyRow.read(latency).get(0);
        assertEquals(ResultKey.of("pipe", 64, "cross", "spin", "jvm-jvm"), row.key());
        assertEquals(7100, row.p99NsCi().high());
        Path oldest = write("latency-oldest.csv", "mechanism,payload_bytes,placement,samples,min_ns,p50_ns,p90_ns,"
                + "p99_ns,p99_9_ns,p99_99_ns,max_ns,mean_ns,stddev_ns", "tcp,64,cross,100,1,2,3,4,5,6,7,2.5,1.0");
        assertEquals("block", LatencyRow.read(oldest).get(0).waitStrategy());
        assertEquals(Repeats.UNKNOWN, LatencyRow.read(oldest).get(0).repeats());
        Path throughput = write("throughput.csv", "mechanism,payload_bytes,placement,messages_per_s,bytes_per_s,"
                + "bytes_per_s_error,forks,ci_from,ci_level,bytes_per_s_ci_low,bytes_per_s_ci_high,stable,"
                + "stability_note,wait", "pipe,64,cross,100.0,6400.0,NaN,3,forks,0.7500,6000.0,7000.0,true,,block");
        assertEquals("jvm-jvm", ThroughputRow.read(throughput).get(0).peers());
        Path forks = write("forks.csv", "mechanism,payload_bytes,placement,mode,fork,p50_ns,p90_ns,p99_ns,p99_9_ns,"
                + "messages_per_s,bytes_per_s,wait", "pipe,64,cross,latency,1,5000,6000,7000,8000,,,spin");
        assertEquals(ResultKey.of("pipe", 64, "cross", "spin", "jvm-jvm"), ForkRow.read(forks).get(0).key());
        Path iterations = write("iterations.csv", "mechanism,payload_bytes,placement,mode,fork,iteration,p50_ns,"
                + "p99_ns,mean_ns,messages_per_s,bytes_per_s", "pipe,64,cross,latency,1,1,5000,7000,5100.0,,");
        assertEquals("block", IterationRow.read(iterations).get(0).waitStrategy());
        Path cost = write("cost.csv", "mechanism,payload_bytes,placement,wait,mode,side,scope,cpu_ns_per_op,"
                + "user_ns_per_op,sys_ns_per_op,vol_cs_per_op,invol_cs_per_op,migrations",
                "pipe,64,cross,block,latency,client,thread,1000.0,500.0,500.0,1.0,0.0,0");
        assertEquals("jvm-jvm", CostRow.read(cost).get(0).peers());
        Path allocation = write("allocation.csv", "mechanism,payload_bytes,placement,benchmark,messages_per_op,"
                + "alloc_bytes_per_op,peers", "pipe,64,cross,latency,1,0.000,jvm-native");
        assertEquals(ResultKey.of("pipe", 64, "cross", "block", "jvm-native"),
                AllocationRow.read(allocation).get(0).key());
    }

    @Test
    void theKeyColumnsComeFirstAndRoundTrip() throws IOException {
        LatencyRow row = new LatencyRow(NATIVE, 100, 1000, 5000, 6000, 7000, 8000, 9000, 10000, 5100.0, 10.0,
                new Interval(4900, 5200), new Interval(6900, 7100), Repeats.UNKNOWN);
        Path latency = dir.resolve("latency.csv");
        LatencyRow.write(latency, List.of(row));
        List<String> lines = Files.readAllLines(latency, StandardCharsets.UTF_8);
        assertEquals(LatencyRow.header(), lines.get(0));
        assertTrue(lines.get(1).startsWith("pipe,64,cross,spin,native-native,jdk,loopback,pair,1,100,"), lines.get(1));
        assertEquals(row, LatencyRow.read(latency).get(0));
        for (String header : List.of(LatencyRow.header(), ThroughputRow.header(), ForkRow.header(),
                IterationRow.header(), CostRow.header(), AllocationRow.header(), LoadRow.header())) {
            assertTrue(header.startsWith("mechanism,payload_bytes,placement,wait,peers,"), header);
        }
    }

    @Test
    void columnsAreReadByNameAndUnknownOrMissingOnesFail() throws IOException {
        Path forks = write("forks.csv", "fork,mode,peers,placement,payload_bytes,mechanism,p50_ns,p90_ns,p99_ns,"
                + "p99_9_ns,messages_per_s,bytes_per_s,wait", "2,latency,native-native,cross,64,pipe,5000,6000,7000,8000,,,spin");
        ForkRow row = ForkRow.read(forks).get(0);
        assertEquals(NATIVE, row.key());
        assertEquals(2, row.fork());
        assertEquals(7000, row.p99Ns());
        Path unknown = write("unknown.csv", ForkRow.header() + ",colour", "pipe,64,cross,block,jvm-jvm,latency,1,1,2,3,4,,,red");
        assertTrue(assertThrows(IOException.class, () -> ForkRow.read(unknown)).getMessage()
                .contains("unknown column colour"));
        Path missing = write("missing.csv", "mechanism,payload_bytes,mode,fork,p50_ns,p90_ns,p99_ns,p99_9_ns,"
                + "messages_per_s,bytes_per_s", "pipe,64,latency,1,1,2,3,4,,");
        assertTrue(assertThrows(IOException.class, () -> ForkRow.read(missing)).getMessage()
                .contains("lacks column placement"));
        Path badCell = write("bad.csv", ForkRow.header(), "pipe,64,cross,block,../x,latency,1,1,2,3,4,,");
        assertThrows(IOException.class, () -> ForkRow.read(badCell));
    }

    @Test
    void fileNamesCarryPeersOnlyWhenNotJvmJvm() {
        assertEquals("pipe_64_cross_block", ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm").fileName());
        assertEquals("pipe_64_cross_spin_native-native", NATIVE.fileName());
        assertEquals("pipe_64_cross", ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm").nameBeforeDimensions());
        assertEquals(null, NATIVE.nameBeforeDimensions());
        assertEquals("cross/spin/native-native", NATIVE.placementShown());
        assertEquals("cross", ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm").placementShown());
    }

    private Path write(String name, String header, String row) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, header + "\n" + row + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
