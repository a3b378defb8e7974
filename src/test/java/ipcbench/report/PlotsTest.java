package ipcbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** More mechanisms than colours or markers, so styles must combine to stay distinct. */
    static final List<String> SIXTEEN = List.of("pipe", "fifo", "tcp", "udp", "uds", "uds-jnr", "uds-dgram", "shm",
            "posix-mq", "sysv-mq", "semaphore", "signal", "rmi", "grpc", "grpc-uds", "aeron-ipc");
    private static final Map<String, String> FAMILY = Map.ofEntries(Map.entry("pipe", "stream"),
            Map.entry("fifo", "stream"), Map.entry("tcp", "stream"), Map.entry("udp", "datagram"),
            Map.entry("uds", "stream"), Map.entry("uds-jnr", "stream"), Map.entry("uds-dgram", "datagram"),
            Map.entry("shm", "memory"), Map.entry("posix-mq", "datagram"), Map.entry("sysv-mq", "datagram"),
            Map.entry("semaphore", "memory"), Map.entry("signal", "memory"), Map.entry("rmi", "rpc"),
            Map.entry("grpc", "rpc"), Map.entry("grpc-uds", "rpc"), Map.entry("aeron-ipc", "rpc"));

    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    static Path sixteenMechanismRun(Path dir) throws IOException {
        RunFixture run = new RunFixture(dir, "20261126T070000Z").payloads(64, 4096)
                .skipped("posix-mq", 4096, "message larger than /proc/sys/fs/mqueue/msgsize_max (8192)")
                .skipped("aeron-ipc", null, "Aeron media driver not available here")
                .failed("grpc-uds_64_cross latency");
        for (int i = 0; i < SIXTEEN.size(); i++) {
            String id = SIXTEEN.get(i);
            run.described(id, FAMILY.get(id), "fixture summary of " + id);
            if (id.equals("aeron-ipc")) {
                continue;
            }
            long median = 5_000L + 2_500L * i;
            run.latency(id, 64, "cross", median, median + 300, median - 200);
            if (!id.equals("posix-mq")) {
                run.latency(id, 4096, "cross", 2 * median, 2 * median + 400, 2 * median - 100);
            }
            run.throughput(id, 64, "cross", 5e7 / (i + 1), i % 3 == 0 ? Double.NaN : 1e6);
            run.throughput(id, 4096, "cross", 2e9 / (i + 1), 3e7);
        }
        return run.write();
    }

    /** Parses without fetching the SVG 1.1 DTD the file names (tests run offline). */
    static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void everyChartIsAValidPngAndSvgNamingEveryMechanism() throws Exception {
        Path runDir = sixteenMechanismRun(tmp.resolve("run"));
        List<Plots.Plot> plots = Plots.draw(runDir, tmp.resolve("plots"));

        assertEquals(List.of("latency-percentiles-64B-cross", "latency-percentiles-4096B-cross",
                "latency-vs-payload-cross", "throughput-vs-payload-cross", "ranking-p50-64B-cross"),
                plots.stream().map(Plots.Plot::name).toList());
        for (Plots.Plot plot : plots) {
            byte[] png = Files.readAllBytes(plot.png());
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, PNG_MAGIC.length), plot.name());
            assertNotNull(ImageIO.read(plot.png().toFile()), plot.name() + " is not readable by ImageIO");

            Document svg = parseXml(plot.svg());
            assertEquals("svg", svg.getDocumentElement().getTagName());
            String description = svg.getElementsByTagName("desc").item(0).getTextContent();
            String text = svg.getDocumentElement().getTextContent();
            for (String id : SIXTEEN) {
                boolean drawn = !id.equals("aeron-ipc") && !(id.equals("posix-mq") && plot.name().contains("4096"));
                if (drawn) {
                    assertTrue(description.contains(id), plot.name() + " lacks series " + id + ": " + description);
                }
            }
            assertTrue(text.contains("aeron-ipc (Aeron media driver not available here)"),
                    plot.name() + " does not list the skipped mechanism: " + text);
            assertTrue(text.contains("host testhost"), plot.name() + " does not name the host");
            assertTrue(text.contains("kernel 6.1.0-test-amd64"), plot.name() + " does not name the kernel");
            assertTrue(text.contains("JDK Debian 17.0.15"), plot.name() + " does not name the JDK");
            assertTrue(text.contains("placement cross"), plot.name() + " does not name the placement");
        }
    }
}
