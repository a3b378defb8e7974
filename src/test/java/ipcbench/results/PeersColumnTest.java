package ipcbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The peers column: last in every CSV, written and read back; files written before it read as jvm-jvm. */
class PeersColumnTest {
    @TempDir
    Path dir;

    @Test
    void filesWithoutThePeersColumnReadAsJvmJvm() throws IOException {
        Path latency = write("latency.csv", LatencyRow.HEADER_WITHOUT_PEERS,
                "pipe,64,cross,100,1000,5000,6000,7000,8000,9000,10000,5100.0,10.0,3,forks,0.7500,4900,5200,6900,7100,"
                        + "true,,block");
        assertEquals("jvm-jvm", LatencyRow.read(latency).get(0).peers());
        Path throughput = write("throughput.csv", ThroughputRow.HEADER_WITHOUT_PEERS,
                "pipe,64,cross,100.0,6400.0,NaN,3,forks,0.7500,6000.0,7000.0,true,,block");
        assertEquals("jvm-jvm", ThroughputRow.read(throughput).get(0).peers());
        Path forks = write("forks.csv", ForkRow.HEADER_WITHOUT_PEERS, "pipe,64,cross,latency,1,5000,6000,7000,8000,,,spin");
        assertEquals("jvm-jvm", ForkRow.read(forks).get(0).peers());
        assertEquals("spin", ForkRow.read(forks).get(0).waitStrategy());
        Path iterations = write("iterations.csv", IterationRow.HEADER_WITHOUT_WAIT,
                "pipe,64,cross,latency,1,1,5000,7000,5100.0,,");
        assertEquals("jvm-jvm", IterationRow.read(iterations).get(0).peers());
        Path cost = write("cost.csv", CostRow.HEADER_WITHOUT_PEERS,
                "pipe,64,cross,block,latency,client,thread,1000.0,500.0,500.0,1.0,0.0,0");
        assertEquals("jvm-jvm", CostRow.read(cost).get(0).peers());
        Path allocation = write("allocation.csv", AllocationRow.HEADER_WITHOUT_PEERS,
                "pipe,64,cross,latency,1,0.000");
        assertEquals("jvm-jvm", AllocationRow.read(allocation).get(0).peers());
    }

    @Test
    void peersIsTheLastColumnAndRoundTrips() throws IOException {
        LatencyRow row = new LatencyRow("pipe", 64, "cross", 100, 1000, 5000, 6000, 7000, 8000, 9000, 10000, 5100.0,
                10.0, new Interval(4900, 5200), new Interval(6900, 7100), Repeats.UNKNOWN, "block", "native-native");
        Path latency = dir.resolve("latency.csv");
        LatencyRow.write(latency, List.of(row));
        String[] header = Files.readAllLines(latency, StandardCharsets.UTF_8).get(0).split(",");
        assertEquals("peers", header[header.length - 1]);
        assertEquals("native-native", LatencyRow.read(latency).get(0).peers());
        for (String csvHeader : List.of(ThroughputRow.HEADER, ForkRow.HEADER, IterationRow.HEADER, CostRow.HEADER,
                AllocationRow.HEADER)) {
            assertEquals(true, csvHeader.endsWith(",peers"), csvHeader);
        }
    }

    @Test
    void keysNamePeersOnlyWhenNotJvmJvm() {
        assertEquals("pipe_64_cross_block", RunLayout.key("pipe", 64, "cross", "block", "jvm-jvm"));
        assertEquals("pipe_64_cross_block_native-native", RunLayout.key("pipe", 64, "cross", "block", "native-native"));
        assertEquals("native-native", RunLayout.peersOf("pipe_64_cross_block_native-native"));
        assertEquals("jvm-jvm", RunLayout.peersOf("pipe_64_cross_block"));
        assertEquals("jvm-jvm", RunLayout.peersOf("pipe_64_cross"));
    }

    private Path write(String name, String header, String row) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, header + "\n" + row + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
