package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.ResultKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM share section and the peers-aware views, over the run in {@code src/test/resources/peers-run}: pipe with
 * all three peers at 64 B and 64 KiB (jvm-jvm apart from native-native, jvm-native tied with it at p50), shm (spin)
 * the same at 64 B (largest share) and tied at 64 KiB, tcp jvm-jvm and native-native at 64 B (tied at p50, its
 * native-native row from two forks), udp measured only native-native and rmi only jvm-jvm; 1 KiB is measured but is
 * neither 64 B nor 64 KiB. Intervals over five forks cover 93.75%, so a ratio's interval covers at least 88%.
 */
class JvmShareTest {
    private static final String RESOURCE = "/peers-run/";
    private static final List<String> FILES = List.of("run.json", "latency.csv", "throughput.csv");

    @TempDir
    Path tmp;

    private Path peersRun(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String file : FILES) {
            try (InputStream in = JvmShareTest.class.getResourceAsStream(RESOURCE + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }

    @Test
    void tableGivesEachPeersMediansAndTheirRatiosToNativeNativeWithIntervalsAndTies() throws Exception {
        String md = ReportText.markdown(peersRun("run"));

        String small = ReportText.section(md, "### JVM share at 64 B, placement cross");
        assertTrue(small.contains("| pipe | jvm-jvm | jdk | 5.00 | [4.80–5.30] | 1.11× | [1.02–1.23] | 15.0 | [14.0–16.0] "
                + "| 1.50× | [1.33–1.68] | 88% |"), "apart from native-native at p50 and p99\n" + small);
        assertTrue(small.contains("| pipe | jvm-native | jdk | 4.60 | [4.40–4.90] | =1.02× | [0.936–1.14] | 12.0 | "
                + "[11.0–13.0] | 1.20× | [1.05–1.37] | 88% |"), "p50 interval holds 1: a tie\n" + small);
        assertTrue(small.contains("| pipe | native-native | C | 4.50 | [4.30–4.70] | reference |  | 10.0 | [9.50–10.5] "
                + "| reference |  |  |"), small);
        assertTrue(small.contains("| shm (spin) | jvm-jvm | jdk | 0.600~ | [0.570–0.630] | 1.36× | [1.24–1.50] |"),
                "the wait strategy and the unstable mark shown\n" + small);
        assertTrue(small.contains("| tcp | jvm-jvm | jdk | 20.0 | [19.0–21.0] | =1.03× | [0.927–1.14] | 40.0 | [38.0–45.0] "
                + "| 1.33× | [1.19–1.61] | 47% |"), "two forks on the native side: 94% × 50%\n" + small);
        assertFalse(small.contains("| udp |") || small.contains("| rmi |"), "one peers value: no ratio\n" + small);
        assertTrue(small.indexOf("| pipe |") < small.indexOf("| tcp |")
                && small.indexOf("| tcp |") < small.indexOf("| shm (spin) |"), "display order of run.json\n" + small);

        String large = ReportText.section(md, "### JVM share at 64 KiB, placement cross");
        assertTrue(large.contains("| pipe | jvm-jvm | jdk | 30.0 | [29.0–31.0] | 1.50× | [1.41–1.59] |"), large);
        assertTrue(large.contains("| shm (spin) | jvm-jvm | jdk | 9.00 | [8.80–9.30] | =1.00× | [0.926–1.09] |"), large);
        assertFalse(md.contains("JVM share at 1 KiB"), "only 64 B and 64 KiB when measured");
        assertTrue(md.contains("Measured with one kind of ends only, so not in this section (no C peer for the "
                + "mechanism, or not asked for; see Skipped mechanisms): udp (native-native), rmi (jvm-jvm)."), md);
        assertTrue(md.indexOf("## JVM share") > md.indexOf("## Round-trip latency")
                && md.indexOf("## JVM share") < md.indexOf("## Throughput"), "after the latency tables");
    }

    @Test
    void atAGlanceNamesTheLargestAndSmallestShare() throws Exception {
        String glance = ReportText.section(ReportText.markdown(peersRun("run")), "## At a glance");

        assertTrue(glance.contains("JVM share of the round trip at 64 B (p50, jvm-jvm ÷ native-native, 3 mechanisms): "
                + "largest shm (spin) 1.36× [1.24–1.50], smallest tcp =1.03× [0.927–1.14]."), glance);
    }

    @Test
    void rankingsNeedsAndTablesDoNotMixPeers() throws Exception {
        String md = ReportText.markdown(peersRun("run"));

        String spinning = ReportText.section(md, "### Round trip at 64 B, placement cross, spinning");
        assertTrue(spinning.contains("| 1 | shm (spin) | memory | 0.600~ |"), spinning);
        assertTrue(md.contains("| lowest p50 round trip, 64 B, spinning (both ends poll: two cores busy at any load) "
                + "| shm (spin) | none | p50 0.600~ µs |"),
                "spinners have needs of their own, named with (spin), and ~ follows an unsteady value\n" + md);
        String ranking = ReportText.section(md, "### Round trip at 64 B, placement cross, blocking");
        assertTrue(ranking.contains("| pipe | stream | 5.00 |"), "pipe's jvm-jvm p50, not 4.50\n" + ranking);
        assertFalse(ranking.contains("| udp |"), "udp has native-native rows only\n" + ranking);
        assertEquals(4, ranking.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| #")
                && !line.startsWith("| -")).count() + spinning.lines().filter(line -> line.startsWith("| ")
                && !line.startsWith("| #") && !line.startsWith("| -")).count(), ranking + spinning);
        assertTrue(md.contains("Left out of rankings, needs and charts, measured only with other peers: "
                + "udp (native-native)"), md);
        assertTrue(md.contains("rankings, needs and charts show jvm-jvm"), md);
        assertTrue(md.contains("| highest throughput, 64 KiB, blocking | pipe | none | 2000 MB/s |"),
                "jvm-jvm's 2000, not 3000\n" + md);

        String jvmTable = ReportText.section(md, "### Payload 64 B, placement cross, peers jvm-jvm (JMH client, Java echo server)");
        assertFalse(jvmTable.contains("4.50"), jvmTable);
        String nativeTable = ReportText.section(md, "### Payload 64 B, placement cross, peers native-native (C client, C echo "
                + "server)");
        assertTrue(nativeTable.contains("| udp |") && nativeTable.contains("| pipe |"), nativeTable);
        assertTrue(nativeTable.contains("| 4.50 |"), nativeTable);
        assertTrue(md.contains("### Payload 64 KiB, placement cross, peers native-native (C client, C echo server)"),
                "throughput has its own native-native table\n" + md);
    }

    @Test
    void aRunWithoutJvmJvmRowsShowsItsFirstPeersAndSaysSo() throws Exception {
        Path dir = peersRun("native");
        keepOnly(dir.resolve("latency.csv"), ",native-native");
        keepOnly(dir.resolve("throughput.csv"), ",native-native");
        String md = ReportText.markdown(dir);

        assertTrue(md.contains("This run has no jvm-jvm rows: rankings, needs and charts show native-native (C client, "
                + "C echo server), not what a Java program on both ends gets."), md);
        String ranking = ReportText.section(md, "### Round trip at 64 B, placement cross");
        assertTrue(ranking.contains("| udp |") && ranking.contains("| 4.50 |"), ranking);
        assertFalse(md.contains("## JVM share"), "one peers value: no JVM share section\n" + md);
        assertFalse(md.contains(", peers native-native"), "one peers value: headings need not say it\n" + md);
    }

    @Test
    void aRunWithoutThePeersColumnHasNoJvmShareAndNoPeersInHeadings() throws Exception {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir);
        for (String file : FILES) {
            try (InputStream in = JvmShareTest.class.getResourceAsStream("/old-run/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        RunData run = RunData.load(dir);
        assertTrue(run.allLatency().stream().allMatch(row -> row.peers().equals("jvm-jvm")), "absent reads as jvm-jvm");
        String md = ReportText.markdown(dir);
        assertFalse(md.contains("JVM share") || md.contains(", peers ") || md.contains("other peers"), md);
    }

    @Test
    void aRatioWithAnUnknownIntervalIsNoTie() throws Exception {
        JvmShare.Ratio unknown = JvmShare.Ratio.of(1000, Interval.UNKNOWN, Double.NaN, 1000, new Interval(900, 1100),
                0.9375);
        assertFalse(unknown.tie());
        assertEquals("1.00×", unknown.shown());
        assertEquals("n/a", unknown.shownInterval());
        JvmShare.Ratio touching = JvmShare.Ratio.of(1200, new Interval(1100, 1300), 0.9375, 1000,
                new Interval(900, 1100), 0.9375);
        assertTrue(touching.tie(), "intervals sharing one value overlap, as ranks' ties do");
        assertEquals(List.of(64), JvmShare.sizes(RunData.load(Path.of("src/test/resources/peers-run")).allLatency()
                .stream().filter(r -> r.payloadBytes() < 1024).toList()));
    }

    @Test
    void withNeither64BNor64KiBTheSmallestAndLargestSizesAreShown() throws Exception {
        Path dir = peersRun("sizes");
        String csv = Files.readString(dir.resolve("latency.csv")).replace(",64,cross,", ",128,cross,")
                .replace(",65536,cross,", ",32768,cross,");
        Files.writeString(dir.resolve("latency.csv"), csv);
        String md = ReportText.markdown(dir);

        assertTrue(md.contains("### JVM share at 128 B, placement cross"), md);
        assertTrue(md.contains("### JVM share at 32 KiB, placement cross"), md);
        assertFalse(md.contains("### JVM share at 1 KiB"), "1 KiB lies between\n" + md);
    }

    @Test
    void chartsShowOnePeersValueAndTheJvmShareChartShowsAll() throws Exception {
        Fonts.assumeAvailable();
        Path dir = peersRun("charts");
        List<Plots.Plot> plots = Plots.draw(RunData.load(dir), dir.resolve("plots"));

        List<String> names = plots.stream().map(Plots.Plot::name).toList();
        assertTrue(names.containsAll(List.of("jvm-share-64B-cross", "jvm-share-65536B-cross")), names.toString());
        assertFalse(names.contains("jvm-share-1024B-cross"), names.toString());
        String ranking = Files.readString(dir.resolve("plots/ranking-p50-64B-cross.svg"));
        assertTrue(ranking.contains("Series: pipe, tcp, rmi."), "jvm-jvm rows only, no udp, no spinner: " + ranking);
        assertTrue(Files.readString(dir.resolve("plots/ranking-p50-64B-cross-spin.svg")).contains("Series: shm."),
                "the spinner is ranked apart");
        String share = Files.readString(dir.resolve("plots/jvm-share-64B-cross.svg"));
        assertTrue(share.contains("Series: pipe jvm-jvm, pipe jvm-native, pipe native-native, tcp jvm-jvm, "
                + "tcp native-native, shm (spin) jvm-jvm, shm (spin) jvm-native, shm (spin) native-native."), share);
        assertTrue(share.contains("not drawn: udp (native-native), rmi (jvm-jvm)"), share);
    }

    @Test
    void aComparisonOfRunsKeepsPeersApart() throws Exception {
        Fonts.assumeAvailable();
        Path first = peersRun("a");
        Path second = peersRun("b");
        Report.Written written = SideBySideReport.write(List.of(first, second), tmp.resolve("out"));

        String md = Files.readString(written.markdown(), StandardCharsets.UTF_8);
        assertTrue(md.contains("| cross | 64 B | pipe · jvm-jvm | 5.00 | 5.00 | 1.000× |"), md);
        assertTrue(md.contains("| cross | 64 B | pipe · native-native | 4.50 | 4.50 | 1.000× |"), md);
        assertTrue(md.contains("| cross | 64 B | shm (spin) · jvm-native | 0.520 | 0.520 | 1.000× |"), md);
        String svg = Files.readString(tmp.resolve("out/plots/compare-latency-p50-vs-payload-cross.svg"));
        assertTrue(svg.contains("pipe #1") && !svg.contains("udp #1"), "the overlay draws jvm-jvm rows only");
    }

    private static void keepOnly(Path csv, String suffix) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Files.writeString(csv, lines.get(0) + "\n" + lines.subList(1, lines.size()).stream()
                .filter(line -> line.endsWith(suffix)).collect(Collectors.joining("\n")) + "\n");
    }

    @Test
    void aDirectRowSitsBesideItsJdkRowWithWhatTheJdkAddsPerCallAndStaysOutOfRankings() throws Exception {
        Path dir = peersRun("direct");
        Path csv = dir.resolve("latency.csv");
        List<LatencyRow> rows = new ArrayList<>(LatencyRow.read(csv));
        LatencyRow jdk = rows.get(0);
        assertEquals("pipe 64 jvm-jvm 5000", jdk.mechanism() + " " + jdk.payloadBytes() + " " + jdk.peers() + " "
                + jdk.p50Ns());
        rows.add(new LatencyRow(ResultKey.of(d -> d == Dimension.IO ? "direct" : jdk.key().get(d)), jdk.samples(),
                jdk.minNs(), 4600, jdk.p90Ns(), 12000, jdk.p99_9Ns(), jdk.p99_99Ns(), jdk.maxNs(), jdk.meanNs(),
                jdk.stddevNs(), new Interval(4500, 4700), new Interval(11000, 13000), jdk.repeats()));
        LatencyRow.write(csv, rows);
        String md = ReportText.markdown(dir);

        String small = ReportText.section(md, "### JVM share at 64 B, placement cross");
        // (5000 - 4600) / 4 calls = 100 ns; crosswise [(4800 - 4700) / 4, (5300 - 4500) / 4] = [25, 200]
        assertTrue(small.contains("| 88% | 100 [25–200] |"), "the jdk row says what the JDK adds per call\n" + small);
        assertTrue(small.contains("| pipe | jvm-jvm | direct | 4.60 | [4.50–4.70] | =1.02× |"), small);
        assertTrue(small.indexOf("| pipe | jvm-jvm | jdk |") < small.indexOf("| pipe | jvm-jvm | direct |")
                && small.indexOf("| pipe | jvm-jvm | direct |") < small.indexOf("| pipe | jvm-native |"), small);

        String ranking = ReportText.section(md, "### Round trip at 64 B, placement cross, blocking");
        assertTrue(ranking.contains("| pipe | stream | 5.00 |") && !ranking.contains("4.60"),
                "rankings show the jdk path only\n" + ranking);
        assertTrue(md.contains("This run measured two io paths (jdk, direct)"), md);
        assertTrue(md.contains("JVM share at 64 B (p50 ÷ native-native, the JDK's channels → plain read/write): the "
                + "JDK's path is all that separates Java from C for pipe 1.11× → =1.02×."),
                "the first screen says so: jdk apart from native-native, direct tied with it\n" + md);
        assertTrue(md.contains("io direct (plain read/write calls)"), "the direct rows' own table\n" + md);
    }
}
