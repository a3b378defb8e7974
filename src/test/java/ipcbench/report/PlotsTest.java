package ipcbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Every registered mechanism with its family, in display order: more than colours or markers. */
    static final Map<String, String> FAMILY = families();
    static final List<String> MECHANISMS = List.copyOf(FAMILY.keySet());

    private static Map<String, String> families() {
        Map<String, String> family = new LinkedHashMap<>();
        for (String id : List.of("pipe", "fifo", "tcp", "uds", "uds-jnr")) {
            family.put(id, "stream");
        }
        for (String id : List.of("udp", "uds-dgram", "posix-mq", "sysv-mq")) {
            family.put(id, "datagram");
        }
        for (String id : List.of("shm", "semaphore", "signal", "eventfd", "mmap-file", "aeron-ipc")) {
            family.put(id, "memory");
        }
        for (String id : List.of("rmi", "grpc", "grpc-uds")) {
            family.put(id, "rpc");
        }
        return family;
    }

    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    static Path allMechanismsRun(Path dir) throws IOException {
        RunFixture run = new RunFixture(dir, "20261126T070000Z").payloads(64, 4096)
                .skipped("posix-mq", 4096, "message larger than /proc/sys/fs/mqueue/msgsize_max (8192)")
                .skipped("aeron-ipc", null, "Aeron media driver not available here")
                .failed("grpc-uds_64_cross latency");
        for (int i = 0; i < MECHANISMS.size(); i++) {
            String id = MECHANISMS.get(i);
            run.described(id, FAMILY.get(id), "fixture summary of " + id);
            if (id.equals("aeron-ipc")) {
                continue;
            }
            long median = 5_000L + 2_500L * i;
            run.latency(id, 64, "cross", median, median + 300, median - 200);
            if (i % 2 == 0) {
                run.intervals(id, 64, "cross", median - 250, median + 350, 2.5 * median, 3.5 * median);
            }
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
        Path runDir = allMechanismsRun(tmp.resolve("run"));
        List<Plots.Plot> plots = Plots.draw(runDir, tmp.resolve("plots"));

        List<String> families = List.of("datagram", "memory", "rpc", "stream");
        List<String> expected = new java.util.ArrayList<>();
        for (int size : new int[] {64, 4096}) {
            families.forEach(family -> expected.add("latency-percentiles-" + size + "B-cross-" + family));
        }
        expected.addAll(List.of("latency-vs-payload-cross", "throughput-vs-payload-cross", "ranking-p50-64B-cross"));
        assertEquals(expected, plots.stream().map(Plots.Plot::name).toList(), "a percentile chart per family");
        for (Plots.Plot plot : plots) {
            byte[] png = Files.readAllBytes(plot.png());
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, PNG_MAGIC.length), plot.name());
            assertNotNull(ImageIO.read(plot.png().toFile()), plot.name() + " is not readable by ImageIO");

            Document svg = parseXml(plot.svg());
            assertEquals("svg", svg.getDocumentElement().getTagName());
            String description = svg.getElementsByTagName("desc").item(0).getTextContent();
            String text = svg.getDocumentElement().getTextContent();
            for (String id : MECHANISMS) {
                boolean inChart = !plot.name().startsWith("latency-percentiles")
                        || plot.name().endsWith("-" + FAMILY.get(id));
                boolean drawn = inChart && !id.equals("aeron-ipc")
                        && !(id.equals("posix-mq") && plot.name().contains("4096"));
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

    /** All text elements of an SVG, in document order. */
    static List<Element> texts(Path svg) throws Exception {
        NodeList nodes = parseXml(svg).getElementsByTagName("text");
        List<Element> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add((Element) nodes.item(i));
        }
        return texts;
    }

    private static List<String> words(Path svg) throws Exception {
        return texts(svg).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static Plots.Plot named(List<Plots.Plot> plots, String name) {
        return plots.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** The bound this suite keeps every SVG under, with all 18 mechanisms drawn. */
    static final long SVG_MAX_BYTES = 500_000;

    @Test
    void svgTextIsSearchableTextAndTheFilesStaySmall() throws Exception {
        List<Plots.Plot> plots = Plots.draw(allMechanismsRun(tmp.resolve("run")), tmp.resolve("plots"));

        for (Plots.Plot plot : plots) {
            List<String> words = words(plot.svg());
            assertTrue(words.contains(plot.title()), plot.name() + ": the title is not an SVG <text>: " + words);
            long bytes = Files.size(plot.svg());
            assertTrue(bytes < SVG_MAX_BYTES, plot.name() + ".svg is " + bytes + " bytes, over " + SVG_MAX_BYTES);
        }
    }

    @Test
    void latencyVsPayloadHasOneLegendEntryPerMechanismAndAKeyForTheLineStyles() throws Exception {
        List<Plots.Plot> plots = Plots.draw(allMechanismsRun(tmp.resolve("run")), tmp.resolve("plots"));
        List<String> words = words(named(plots, "latency-vs-payload-cross").svg());

        for (String id : MECHANISMS) {
            long entries = words.stream().filter(id::equals).count();
            assertEquals(id.equals("aeron-ipc") ? 0 : 1, entries, id + " in the legend: " + words);
        }
        assertEquals(1, words.stream().filter("solid = p50"::equals).count(), words.toString());
        assertEquals(1, words.stream().filter("dashed = p99"::equals).count(), words.toString());
    }

    @Test
    void payloadAxesTickAtTheMeasuredSizesInBinaryUnits() throws Exception {
        assertEquals(List.of(new PayloadAxis.Tick(64, "64 B"), new PayloadAxis.Tick(1024, "1 KiB"),
                new PayloadAxis.Tick(65536, "64 KiB")), PayloadAxis.ticks(List.of(65536, 64, 1024, 64)));

        List<Plots.Plot> plots = Plots.draw(allMechanismsRun(tmp.resolve("run")), tmp.resolve("plots"));
        for (String name : List.of("latency-vs-payload-cross", "throughput-vs-payload-cross")) {
            List<Element> texts = texts(named(plots, name).svg());
            Element small = texts.stream().filter(e -> e.getTextContent().strip().equals("64 B")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no 64 B tick"));
            Element large = texts.stream().filter(e -> e.getTextContent().strip().equals("4 KiB")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no 4 KiB tick"));
            assertTrue(x(small) < x(large), name + ": 64 B is not left of 4 KiB");
            assertEquals(2, texts.stream().filter(e -> e.getTextContent().strip().matches("[0-9.]+ K?i?B")).count(),
                    name + ": a payload label at a size not measured");
        }
    }

    @Test
    void theRankingNamesEveryMechanismWithItsP50AndMarksTies() throws Exception {
        List<Plots.Plot> plots = Plots.draw(allMechanismsRun(tmp.resolve("run")), tmp.resolve("plots"));
        List<String> words = words(named(plots, "ranking-p50-64B-cross").svg());

        for (String id : MECHANISMS) {
            if (!id.equals("aeron-ipc")) {
                assertTrue(words.stream().anyMatch(w -> w.matches("=?[0-9]+ " + id + "  [0-9.]+ µs")),
                        id + " lacks its bar label: " + words);
            }
        }
    }

    /** The text's x position, from its attribute or its translate transform. */
    private static double x(Element text) {
        String x = text.getAttribute("x");
        if (!x.isEmpty()) {
            return Double.parseDouble(x);
        }
        String transform = text.getAttribute("transform");
        int start = transform.indexOf("translate(") + "translate(".length();
        return Double.parseDouble(transform.substring(start).split("[ ,)]")[0]);
    }
}
