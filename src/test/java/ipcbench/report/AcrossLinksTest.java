package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Across links section, its chart and first-screen line, and the views that keep links apart, over a hand-made
 * run ({@link RunFixture}): tcp and udp measured over loopback and over netns-veth, pipe over loopback only (skipped
 * for the link, as a run says). tcp's netns-veth round trip is twice its loopback one with intervals apart; udp's is
 * 1.03× with intervals that overlap (a tie); at 4 KiB tcp's netns-veth row is missing (a far child that failed).
 * Intervals over five forks cover 94%, so a ratio's covers at least 88%.
 */
class AcrossLinksTest {
    private static final String NETNS = "netns-veth";

    @TempDir
    Path tmp;

    /** The run; {@code withLink}: false leaves out every netns-veth row, a loopback run as every old one is. */
    private Path run(String name, boolean withLink) throws Exception {
        RunFixture run = new RunFixture(tmp.resolve(name), name).payloads(64, 4096)
                .described("pipe", "stream", "fixture summary of pipe")
                .described("tcp", "stream", "fixture summary of tcp")
                .described("udp", "datagram", "fixture summary of udp")
                .latency("pipe", 64, "cross", 5_000, 5_000, 5_000)
                .latency("tcp", 64, "cross", 10_000, 10_000, 10_000)
                .intervals("tcp", 64, "cross", 9_500, 10_500, 29_000, 31_000)
                .latency("udp", 64, "cross", 30_000, 30_000, 30_000)
                .intervals("udp", 64, "cross", 28_000, 32_000, 85_000, 95_000)
                .latency("pipe", 4096, "cross", 6_000, 6_000, 6_000)
                .latency("tcp", 4096, "cross", 12_000, 12_000, 12_000)
                .latency("udp", 4096, "cross", 33_000, 33_000, 33_000)
                .throughput("tcp", 64, "cross", 5e7, 1e6)
                .throughputInterval("tcp", 64, "cross", 4.5e7, 5.5e7)
                .throughput("pipe", 64, "cross", 9e7, 1e6);
        if (withLink) {
            run.over(NETNS)
                    .latency("tcp", 64, "cross", 20_000, 20_000, 20_000)
                    .intervals("tcp", 64, "cross", 19_000, 21_000, 58_000, 62_000)
                    .latency("udp", 64, "cross", 31_000, 31_000, 31_000)
                    .intervals("udp", 64, "cross", 29_000, 33_000, 88_000, 98_000)
                    .latency("udp", 4096, "cross", 40_000, 40_000, 40_000)
                    .throughput("tcp", 64, "cross", 2.5e7, 1e6)
                    .throughputInterval("tcp", 64, "cross", 2.0e7, 3.0e7)
                    .skipped("pipe", null, "not over netns-veth: a pipe joins two processes of one kernel")
                    .failed("tcp_4096_cross_block_netns-veth latency")
                    .linkInfo(new RunInfo.LinkInfo(NETNS, "10.200.7.2", null,
                            List.of("nsenter", "--net=/proc/42/ns/net"), List.of(), null));
        }
        return run.write();
    }

    @Test
    void eachMechanismGetsItsLoopbackAndLinkMediansAndTheirRatioWithTheCrosswiseInterval() throws Exception {
        String md = ReportText.markdown(run("netns", true));

        String links = ReportText.section(md, "## Across links");
        assertTrue(links.contains("Latency is a round trip timed on the client's one clock, out and back, and is never "
                + "halved into a one-way time."), links);
        assertTrue(md.contains("Link netns-veth (a second network namespace over a veth pair, this machine): the far "
                + "end at 10.200.7.2; its echo children started through nsenter --net=/proc/42/ns/net; no shaping."),
                md);

        String small = ReportText.section(md, "### Round trip over netns-veth and loopback at 64 B, placement cross");
        // tcp: 20 / 10 µs; crosswise [19000 / 10500, 21000 / 9500] = [1.81, 2.21]; 94% × 94% = 88%
        assertTrue(small.contains("| tcp | 10.0 | [9.50–10.5] | 30.0 | 20.0 | [19.0–21.0] | 60.0 | 2.00× "
                + "| [1.81–2.21] | 88% | 2.00× |"), small);
        // udp: 31 / 30 µs; [29000 / 32000, 33000 / 28000] = [0.906, 1.18] holds 1: a tie
        assertTrue(small.contains("| =1.03× | [0.906–1.18] | 88% | 1.03× |"), small);
        assertTrue(small.contains("| pipe | loopback only |  |  |  |  |  |  |  |  |  |"),
                "a host-local mechanism is named and nothing else\n" + small);
        assertTrue(small.indexOf("| tcp |") < small.indexOf("| udp |")
                && small.indexOf("| udp |") < small.indexOf("| pipe |"), "display order, loopback only last\n" + small);

        String large = ReportText.section(md, "### Round trip over netns-veth and loopback at 4 KiB, placement cross");
        assertTrue(large.contains("| tcp | 12.0 | n/a | 36.0 | not measured |  |  |  |  |  |  |"),
                "a far row that failed is not mistaken for loopback only\n" + large);
        assertTrue(large.contains("| udp | 33.1 | n/a | 99.0 | 40.1 | n/a | 120 | 1.21× | n/a | n/a | 1.21× |"),
                "without intervals the ratio is a point\n" + large);

        String throughput = ReportText.section(md, "### Throughput over netns-veth and loopback, placement cross");
        // [2.0e7 / 5.5e7, 3.0e7 / 4.5e7] = [0.364, 0.667]
        assertTrue(throughput.contains("| tcp | 64 B | 781250 | 50.0 | [45.0–55.0] | 390625 | 25.0 | [20.0–30.0] "
                + "| 0.500× | [0.364–0.667] |"), throughput);
        assertTrue(throughput.contains("| pipe | loopback only |"), throughput);
        assertTrue(md.indexOf("## Across links") > md.indexOf("## Throughput")
                && md.indexOf("## Across links") < md.indexOf("## Heap allocation"), "after the throughput tables");
    }

    @Test
    void theFirstScreenSaysHowManyTimesTheirLoopbackTimeRoundTripsTakeOverTheLink() throws Exception {
        List<String> lines = FirstScreen.lines(RunData.load(run("glance", true)));

        assertTrue(lines.contains("Over netns-veth, round trips at 64 B take from =1.03× [0.906–1.18] (udp) to "
                + "2.00× [1.81–2.21] (tcp) their loopback time (p50, 2 mechanisms); Across links has each. "
                + RunTables.TIE_MARK + " before a ratio: not told apart from 1."), String.join("\n", lines));
    }

    @Test
    void rankingsNeedsAndTablesShowLoopbackAndTheLinkHasTablesOfItsOwn() throws Exception {
        String md = ReportText.markdown(run("views", true));

        String ranking = ReportText.section(md, "### Round trip at 64 B, placement cross, blocking");
        assertTrue(ranking.contains("| tcp | stream | 10.0 |") && !ranking.contains("20.0"),
                "tcp's loopback row only\n" + ranking);
        assertEquals(3, ranking.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| #")
                && !line.startsWith("| -")).count(), ranking);
        assertTrue(md.contains("This run measured over several links (loopback, netns-veth): rankings, needs and "
                + "charts show loopback (one kernel); the other has tables of its own and the Across links "
                + "section."), md);
        String linkTable = ReportText.section(md, "### Payload 64 B, placement cross, link netns-veth (a second network "
                + "namespace over a veth pair, this machine)");
        assertTrue(linkTable.contains("| tcp |") && linkTable.contains("| 20.0 |") && !linkTable.contains("| pipe |"),
                linkTable);
        assertTrue(md.contains("### Payload 64 B, placement cross, link loopback (one kernel)"), md);
        assertTrue(md.contains("| highest throughput, 64 B, blocking | pipe |"), md);
    }

    @Test
    void aLoopbackRunHasNoSectionNoLinkInHeadingsAndNoLinksChart() throws Exception {
        Path dir = run("loopback", false);
        String md = ReportText.markdown(dir);

        assertFalse(md.contains("Across links") || md.contains(", link ") || md.contains("several links")
                || md.contains("loopback time"), md);
        Fonts.assumeAvailable();
        List<String> names = Plots.draw(RunData.load(dir), dir.resolve("plots")).stream().map(Plots.Plot::name)
                .toList();
        assertTrue(names.stream().noneMatch(name -> name.startsWith(LinksChart.PREFIX)), names.toString());
    }

    @Test
    void theChartDrawsEachLinksP50PerMechanismAndTheSectionEmbedsIt() throws Exception {
        Fonts.assumeAvailable();
        Path dir = run("charts", true);
        Report.Written written = Report.write(dir, dir.resolve("plots"));

        assertTrue(Files.isRegularFile(dir.resolve("plots/links-64B-cross.png")));
        assertTrue(Files.isRegularFile(dir.resolve("plots/links-4096B-cross.png")));
        String svg = Files.readString(dir.resolve("plots/links-64B-cross.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("Series: tcp loopback, tcp netns-veth, udp loopback, udp netns-veth."), svg);
        assertTrue(svg.contains("Measured over loopback only, not drawn: pipe."), svg);
        assertTrue(svg.contains("never halved"), svg);
        assertTrue(svg.contains(">2.00×<") && svg.contains(">=1.03×<"), "each group's ratio above it");
        String ranking = Files.readString(dir.resolve("plots/ranking-p50-64B-cross.svg"), StandardCharsets.UTF_8);
        assertTrue(ranking.contains("Series: pipe, tcp, udp."), "the ranking draws loopback rows only: " + ranking);

        String md = Files.readString(written.markdown(), StandardCharsets.UTF_8);
        int image = md.indexOf("](plots/links-64B-cross.png)");
        assertTrue(image > md.indexOf("## Across links") && image < md.indexOf("## Heap allocation"),
                "the section shows its chart\n" + md);
        assertEquals(image, md.lastIndexOf("](plots/links-64B-cross.png)"), "once, not again under Charts");
    }

    @Test
    void theJvmShareComparesPeersOverLoopbackOnly() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("peers"));
        for (String file : List.of("run.json", "latency.csv", "throughput.csv")) {
            Files.copy(Path.of("src/test/resources/peers-run", file), dir.resolve(file));
        }
        List<LatencyRow> rows = new ArrayList<>(LatencyRow.read(dir.resolve("latency.csv")));
        LatencyRow tcp = rows.stream().filter(r -> r.mechanism().equals("tcp") && r.payloadBytes() == 64
                && r.peers().equals("jvm-jvm")).findFirst().orElseThrow();
        rows.add(new LatencyRow(tcp.key().with(Dimension.LINK, NETNS), tcp.samples(), tcp.minNs(), 2 * tcp.p50Ns(),
                tcp.p90Ns(), 2 * tcp.p99Ns(), tcp.p99_9Ns(), tcp.p99_99Ns(), tcp.maxNs(), tcp.meanNs(), tcp.stddevNs(),
                new Interval(2 * tcp.p50NsCi().low(), 2 * tcp.p50NsCi().high()), tcp.p99NsCi(), tcp.repeats()));
        LatencyRow.write(dir.resolve("latency.csv"), rows);
        String md = ReportText.markdown(dir);

        String share = ReportText.section(md, "### JVM share at 64 B, placement cross");
        assertEquals(1, share.lines().filter(line -> line.startsWith("| tcp | jvm-jvm |")).count(), share);
        assertTrue(share.contains("| tcp | jvm-jvm | jdk | 20.0 |"), "its loopback row\n" + share);
        String links = ReportText.section(md, "### Round trip over netns-veth and loopback at 64 B, placement cross");
        assertTrue(links.contains("| tcp | 20.0 | [19.0–21.0] | 40.0 | 40.0 | [38.0–42.0] | 80.0 | 2.00× |"),
                links);
    }

    @Test
    void aComparisonOfRunsKeepsLinksApart() throws Exception {
        Fonts.assumeAvailable();
        Report.Written written = SideBySideReport.write(List.of(run("a", true), run("b", true)), tmp.resolve("out"));

        String md = Files.readString(written.markdown(), StandardCharsets.UTF_8);
        assertTrue(md.contains("| cross | 64 B | tcp · loopback | 10.0 | 10.0 | 1.000× |"), md);
        assertTrue(md.contains("| cross | 64 B | tcp · netns-veth | 20.0 | 20.0 | 1.000× |"), md);
    }
}
