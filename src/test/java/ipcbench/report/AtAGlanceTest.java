package ipcbench.report;

import ipcbench.preflight.Finding;
import ipcbench.preflight.Preflight;
import ipcbench.results.CostRow;
import ipcbench.results.HostFloor;
import ipcbench.results.LoadRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's opening and its environment additions, from hand-made runs (no charts, so no fonts needed). */
class AtAGlanceTest {
    @TempDir
    Path tmp;

    /**
     * pipe 5 µs, fifo 5.2 µs with an interval that overlaps pipe's, tcp 9 µs apart from both; p99 = 3 × p50 (the
     * fixture's tail), with pipe's and fifo's p99 intervals overlapping too.
     */
    private RunFixture threeMechanisms(String name) throws Exception {
        return new RunFixture(tmp.resolve(name), name).payloads(64, 4096)
                .described("pipe", "stream", "pipe").described("fifo", "stream", "fifo")
                .described("tcp", "stream", "tcp")
                .latency("pipe", 64, "cross", 5_000, 5_000, 5_000)
                .latency("fifo", 64, "cross", 5_200, 5_200, 5_200)
                .latency("tcp", 64, "cross", 9_000, 9_000, 9_000)
                .latency("pipe", 4096, "cross", 8_000, 8_000, 8_000)
                .latency("tcp", 4096, "cross", 7_000, 7_000, 7_000)
                .intervals("pipe", 64, "cross", 4_800, 5_300, 14_000, 16_000)
                .intervals("fifo", 64, "cross", 5_100, 5_600, 15_500, 17_000)
                .intervals("tcp", 64, "cross", 8_800, 9_300, 26_000, 28_000)
                .intervals("pipe", 4096, "cross", 7_900, 8_100, 23_000, 25_000)
                .intervals("tcp", 4096, "cross", 6_900, 7_100, 20_000, 22_000)
                .throughput("pipe", 4096, "cross", 2e9, 1e7)
                .throughput("tcp", 4096, "cross", 1e9, 1e7);
    }

    private static String markdown(Path runDir) throws Exception {
        return Report.document(RunData.load(runDir), List.of()).markdown(runDir);
    }

    @Test
    void opensWithRankingsThatMarkTiesAndRatiosToTheFastest() throws Exception {
        String md = markdown(threeMechanisms("run").write());

        int glance = md.indexOf("## At a glance");
        assertTrue(glance > 0 && glance < md.indexOf("## Environment"), "At a glance comes first:\n" + md);
        String ranking = md.substring(md.indexOf("### Round trip at 64 B, placement cross"));
        assertTrue(ranking.contains("| =1 | pipe | stream | 5.0"), ranking);
        assertTrue(ranking.contains("| =1 | fifo | stream | 5.2"), "fifo overlaps pipe: tied\n" + ranking);
        assertTrue(ranking.contains("| 3 | tcp | stream | 9.0"), "tcp is apart: not tied\n" + ranking);
        assertTrue(ranking.contains("| 1.80× |") || ranking.contains("| 1.79× |") || ranking.contains("| 1.81× |"),
                "tcp's ratio to the fastest\n" + ranking);
        assertTrue(ranking.contains("| 2.99× |") || ranking.contains("| 3.00× |"),
                "p99/p50 of the fixture's tail is about 3\n" + ranking);
        String large = md.substring(md.indexOf("### Round trip at 4 KiB, placement cross"));
        assertTrue(large.indexOf("| tcp |") < large.indexOf("| pipe |"), "ranked at each size on its own\n" + large);
    }

    @Test
    void theHostFloorOpensTheReportAndEachRowShowsItsCostAboveIt() throws Exception {
        String md = markdown(threeMechanisms("floor").floors(List.of(floor("before", 4_600), floor("after", 4_650),
                HostFloor.notMeasured("before", "cross", "spin", 0, 1, "no spinning mechanism"))).write());

        String glance = md.substring(md.indexOf("## At a glance"), md.indexOf("### Which mechanism"));
        assertTrue(glance.contains("Host floor at cross, block (CPU 0 <-> 1), before the benchmarks: p50 4.60 µs "
                + "[4.50-4.70], p99 9.20 µs (5 process pairs, 2000 round trips each); after them 4.65 µs "
                + "[4.55-4.75], "
                + "the same within its range."), glance);
        assertTrue(glance.contains("Host floor at cross, spin (CPU 0 <-> 1), before the benchmarks: not measured: no "
                + "spinning mechanism"), glance);
        assertTrue(glance.startsWith("## At a glance\n\n- Measured on testhost (Test CPU @ 2.0GHz, 2 CPUs), Linux "),
                glance);
        assertTrue(glance.contains("- Blocking round trips at placement cross are mostly this host's wake-up: a bare "
                + "one costs 4.60 µs, at least half of every blocking mechanism's p50 at 64 B"), glance);
        assertTrue(glance.contains("- Fastest blocking round trip at 64 B: pipe 5.01 µs p50, tied with fifo."),
                glance);
        String ranking = md.substring(md.indexOf("### Round trip at 64 B, placement cross"));
        assertTrue(ranking.contains("| p50 above the host floor (µs) | floor's share of p50 |"), ranking);
        assertTrue(ranking.contains("| =1 | pipe | stream | 5.0"), ranking);
        assertTrue(ranking.contains("| 0.411 | 92% |"), "pipe: 5.0 - 4.6 µs\n" + ranking);
        assertTrue(ranking.contains("| 4.42 | 51% |"), "tcp: 9.0 - 4.6 µs\n" + ranking);
    }

    @Test
    void aFloorThatIsNotMostOfEveryRoundTripGetsNoVerdict() throws Exception {
        String md = markdown(threeMechanisms("low").floors(List.of(floor("before", 2_000), floor("after", 3_000)))
                .write());
        assertTrue(md.contains("; after them 3.00 µs [2.90-3.10]: the floor moved during the run"), md);
        assertFalse(md.contains("mostly this host's wake-up"), "pipe, fifo and tcp: not mostly a 2 µs floor\n" + md);
        String oneCpu = markdown(threeMechanisms("one-cpu").cpus(1, 1).floors(List.of(floor("before", 4_700)))
                .write());
        assertFalse(oneCpu.contains("mostly this host's wake-up"), "on one CPU the floor is the context switch, and "
                + "the advice would be what the run did\n" + oneCpu);
        String most = markdown(threeMechanisms("most").floors(List.of(floor("before", 3_000))).write());
        assertTrue(most.contains("a bare one costs 3.00 µs, at least half of the p50 of 2 of the 3 blocking "
                + "mechanisms "
                + "(all but tcp) at 64 B"), "pipe's 5.0 and fifo's 5.2 are mostly it, tcp's 9.0 is not\n" + most);
        assertFalse(markdown(threeMechanisms("none").write()).contains("above the host floor"),
                "a run without floors has no floor columns");
    }

    private static HostFloor floor(String phase, double p50Ns) {
        return new HostFloor(phase, "cross", "block", 0, 1, new HostFloor.Measured("ipcpeer floor", 5, 2000, p50Ns,
                p50Ns - 100, p50Ns + 100, 2 * p50Ns), null);
    }

    @Test
    void needsNameTheWinnerAndEveryMechanismTiedWithIt() throws Exception {
        String md = markdown(threeMechanisms("run").write());

        assertTrue(md.contains("| lowest p50 round trip, 64 B, blocking | pipe | fifo | p50 5.0"), md);
        assertTrue(md.contains("| lowest p99 round trip, 64 B, blocking | pipe | fifo | p99 15."), md);
        assertTrue(md.contains("| lowest p50 round trip, 4 KiB, blocking | tcp | none | p50 7.0"), md);
        assertTrue(md.contains("| highest throughput, 4 KiB, blocking | pipe | unknown (no intervals recorded) | 2000 MB/s |"),
                "the largest size when 64 KiB was not measured\n" + md);
        assertTrue(md.contains("| allocation-free Java path (≤ 1 B/op) | not measured: run with -- -prof gc |"), md);
        assertTrue(md.contains("| lowest CPU per round trip (both processes, blocking, back to back) | not measured in this run (no cost.csv) |"), md);
        assertTrue(md.contains("Not measured: run with -- -prof gc"), "the allocation section says how\n" + md);
    }

    @Test
    void allocationCsvNamesTheAllocationFreeMechanismsAndIsShown() throws Exception {
        Path runDir = threeMechanisms("gc")
                .allocation("pipe", 64, "cross", "latency", 1, 0.002)
                .allocation("fifo", 64, "cross", "latency", 1, 0.010)
                .allocation("tcp", 64, "cross", "latency", 1, 48.0)
                .allocation("pipe", 4096, "cross", "throughput", 64, 0.5)
                .write();
        String md = markdown(runDir);

        assertTrue(md.contains("| allocation-free Java path (≤ 1 B/op) | pipe, fifo | all listed qualify | at most 0.500 "
                + "B/op |"), md);
        assertTrue(md.contains("| tcp | latency | 64 B | cross | 1 | 48.000 | 48.000 |"), md);
        assertTrue(md.contains("| pipe | throughput | 4 KiB | cross | 64 | 0.500 | 0.008 |"), md);
        assertFalse(md.contains("Not measured: run with -- -prof gc"), md);
    }

    @Test
    void costCsvNamesTheMechanismWithTheLeastCpuPerRoundTrip() throws Exception {
        Path runDir = threeMechanisms("cost").write();
        List<CostRow> cost = new ArrayList<>();
        double[][] clientServerNs = {{30_000, 25_000}, {20_000, 12_000}, {40_000, 35_000}};
        String[] ids = {"pipe", "fifo", "tcp"};
        for (int i = 0; i < ids.length; i++) {
            cost.add(cpu(ids[i], CostRow.CLIENT, clientServerNs[i][0]));
            cost.add(cpu(ids[i], CostRow.SERVER, clientServerNs[i][1]));
        }
        CostRow.write(runDir.resolve("cost.csv"), cost);
        String md = markdown(runDir);

        assertTrue(md.contains("| lowest CPU per round trip (both processes, blocking, back to back), 64 B | fifo | "
                + "not shown: one CPU figure per benchmark, no repeats | 32.00 µs CPU |"), md);
    }

    @Test
    void cpuAtLoadRanksTheMessageThreadsCoresWithTiesAndKeepsAFrameworkServedMechanismApart() throws Exception {
        Path runDir = threeMechanisms("cpu-at-load").write();
        List<LoadRow> rows = List.of(
                atLoad("pipe", "block", 1000, new LoadRow.Cores(0.060, 0.055, 0.070, 0.040, 0.020, 0.25)),
                atLoad("fifo", "block", 1000, new LoadRow.Cores(0.066, 0.062, 0.072, 0.044, 0.022, 0.26)),
                atLoad("tcp", "block", 1000, new LoadRow.Cores(0.110, 0.100, 0.120, 0.070, 0.040, 0.30)),
                atLoad("grpc", "block", 1000, new LoadRow.Cores(0.100, 0.090, 0.110, 0.100, 0.0, 1.60)),
                atLoad("pipe", "block", 10000, new LoadRow.Cores(0.45, 0.44, 0.47, 0.30, 0.15, 0.55)));
        LoadRow.write(new RunLayout(runDir).cpuAtLoad().csv(), rows);
        String md = markdown(runDir);

        assertTrue(md.contains("- CPU at 1,000 round trips/s offered: the fewest cores among blocking mechanisms: pipe "
                + "0.060 (client and echo threads), tied with fifo."), md);
        assertTrue(md.contains("| fewest cores busy at 1,000 round trips/s offered (client and echo threads), 64 B | "
                + "pipe | fifo | 0.060 cores |"), md);
        String section = md.substring(md.indexOf("## CPU at a given load"), md.indexOf("## Environment"));
        assertTrue(section.contains("| =1 | pipe | 0.060 [0.055–0.070] | 0.040 | 0.020 | 0.250 | 1000 | 5.0"),
                section);
        assertTrue(section.contains("| =1 | fifo | 0.066 [0.062–0.072] |"), section);
        assertTrue(section.contains("| 3 | tcp | 0.110 [0.100–0.120] |"), "tcp's interval is apart: " + section);
        assertTrue(section.contains("| — | grpc | — (served on its framework's threads) | 0.100 | — | 1.60 |"),
                "an idle echo thread did not carry the echoes: " + section);
        assertTrue(section.contains("### 10,000 round trips/s offered"), section);
        assertFalse(section.contains("Not measured at load"), "nothing was skipped at load: " + section);
    }

    @Test
    void aMechanismSkippedAtLoadIsNamedInTheSectionNotInTheCharts() throws Exception {
        Path runDir = threeMechanisms("skipped-at-load").skipped("rmi", 64, "CPU at load: one call in flight").write();
        LoadRow.write(new RunLayout(runDir).cpuAtLoad().csv(), List.of(
                atLoad("pipe", "block", 1000, new LoadRow.Cores(0.060, 0.055, 0.070, 0.040, 0.020, 0.25))));
        String md = markdown(runDir);
        assertTrue(md.contains("Not measured at load: rmi: one call in flight."), md);
        assertTrue(Captions.skipped(RunData.load(runDir), 64).isEmpty(), "its round trips were measured");
    }

    @Test
    void withoutCpuAtLoadTheSectionSaysHowToMeasureIt() throws Exception {
        String md = markdown(threeMechanisms("no-cpu-at-load").write());
        assertTrue(md.contains("## CPU at a given load\n\nNot measured in this run"), md);
        assertFalse(md.contains("- CPU at "), md);
    }

    private static LoadRow atLoad(String mechanism, String wait, double offeredPerS, LoadRow.Cores cores) {
        return new LoadRow(ResultKey.of(mechanism, 64, "cross", wait, "jvm-jvm"), offeredPerS, offeredPerS, 2000,
                100_000, 110_000, 200_000, 300_000, 400_000, 0, Long.toString((long) offeredPerS), Double.NaN,
                190_000, 210_000, "cpu0", cores);
    }

    private static CostRow cpu(String mechanism, String side, double cpuNs) {
        return new CostRow(ResultKey.of(mechanism, 64, "cross", "block", "jvm-jvm"), "latency", side, CostRow.PROCESS, cpuNs, cpuNs / 2,
                cpuNs / 2, 1, 0, 0);
    }

    @Test
    void environmentShowsCpuRelationGovernorClocksourceStealVersionsAndDuration() throws Exception {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("JMH", "1.37");
        versions.put("HdrHistogram", "2.2.2");
        Path runDir = threeMechanisms("env").libraryVersions(versions)
                .preflight(new Preflight(List.of(new Finding("clocksource", "tsc", null),
                        new Finding("governor", "performance on CPUs 0,1", null),
                        new Finding("steal", "0.0% of CPU time", null),
                        new Finding("cpu-relation", "CPUs 0 and 1 are separate cores", null))))
                .write();
        String md = markdown(runDir);

        assertTrue(md.contains("| pinned CPUs: siblings or separate cores | CPUs 0 and 1 are separate cores |"), md);
        assertTrue(md.contains("| CPU frequency governor | performance on CPUs 0,1 |"), md);
        assertTrue(md.contains("| clocksource | tsc |"), md);
        assertTrue(md.contains("| steal time (sampled just before measuring) | 0.0% of CPU time |"), md);
        assertTrue(md.contains("| JMH and libraries | JMH 1.37, HdrHistogram 2.2.2 |"), md);
        assertTrue(md.contains("| duration | 5.0 min |"), "07:00 to 07:05\n" + md);
    }

    @Test
    void anOlderRunSaysWhatItDidNotRecord() throws Exception {
        Path runDir = new RunFixture(tmp.resolve("old"), "old").latency("udp", 64, "cross", 9_000, 9_100, 8_900)
                .latency("pipe", 64, "cross", 5_000, 5_100, 4_900).write();
        String md = markdown(runDir);

        assertTrue(md.contains("| lowest p50 round trip, 64 B, blocking | pipe | unknown (no intervals recorded) |"), md);
        assertTrue(md.contains("| JMH and libraries | not recorded"), md);
        assertTrue(md.contains("| clocksource | not recorded"), md);
    }
}
