package ipcbench.report;

import ipcbench.preflight.Preflight;
import ipcbench.results.CostRow;
import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.JmhOutcome;
import ipcbench.results.LatencyRow;
import ipcbench.results.Repeats;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The tables that describe one run, shared by its report and the comparison of several runs. */
final class RunTables {
    private static final boolean[] TWO_TEXT_COLUMNS = {false, false};

    private RunTables() {
    }

    /** Host and JVM, one field a row, in the order a reader checks them. */
    static Map<String, String> environment(RunData run) {
        RunInfo info = run.info();
        RunInfo.Environment env = info.environment();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("run", run.label());
        fields.put("started / finished", Captions.text(info.startedAt()) + " / " + Captions.text(info.finishedAt()));
        fields.put("ipcbench commit", Captions.text(info.gitCommit()));
        if (env != null) {
            fields.put("host", Captions.text(env.host()));
            fields.put("OS / kernel", Captions.text(env.os()) + " " + Captions.text(env.kernel()));
            fields.put("arch", Captions.text(env.arch()));
            fields.put("CPU", Captions.text(env.cpuModel()));
            fields.put("online CPUs / allowed", env.onlineCpus() + " / " + list(env.allowedCpus()));
            fields.put("JDK", Captions.text(env.jdkVendor()) + " " + Captions.text(env.jdkVersion()) + " ("
                    + Captions.text(env.jvmName()) + ")");
            fields.put("java home", Captions.text(env.javaHome()));
            fields.put("JMH and libraries", libraries(env.libraryVersions()));
            fields.put("JMH fork JVM flags", list(env.forkJvmFlags()));
            fields.put("echo child JVM flags", list(env.childJvmFlags()));
        }
        RunInfo.Cpus cpus = info.cpus();
        if (cpus != null) {
            fields.put("client CPU / echo CPU", Captions.cpu(cpus.clientCpu()) + " / " + Captions.cpu(cpus.serverCpu()));
        }
        fields.put("pinned CPUs: siblings or separate cores", finding(info, "cpu-relation"));
        fields.put("CPU frequency governor", finding(info, "governor"));
        fields.put("clocksource", finding(info, "clocksource"));
        fields.put("steal time (sampled just before measuring)", finding(info, "steal"));
        fields.put("duration", duration(info.startedAt(), info.finishedAt()));
        return fields;
    }

    /** A preflight finding's value, or why there is none. */
    private static String finding(RunInfo info, String id) {
        if (info.preflight() == null) {
            return "not recorded (run made before the preflight checks)";
        }
        return info.preflight().findings().stream().filter(f -> id.equals(f.id())).findFirst()
                .map(f -> Captions.text(f.value()) + (f.warning() == null ? "" : " — warning: " + f.warning()))
                .orElse("not recorded");
    }

    private static String libraries(Map<String, String> versions) {
        if (versions == null || versions.isEmpty()) {
            return "not recorded (run made before versions were)";
        }
        List<String> parts = new ArrayList<>();
        versions.forEach((name, version) -> parts.add(name + " " + Captions.text(version)));
        return String.join(", ", parts);
    }

    /** Minutes from start to finish of the measuring, one decimal. */
    static String duration(String startedAt, String finishedAt) {
        try {
            long seconds = Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt)).getSeconds();
            return Numbers.fixed(seconds / 60.0, 1) + " min";
        } catch (RuntimeException unknown) {
            return "unknown";
        }
    }

    /** What the preflight found on the host before measuring: each fact, then its warnings. */
    static void preflight(ReportDocument doc, RunData run) {
        Preflight preflight = run.info().preflight();
        doc.heading(3, "Preflight checks");
        if (preflight == null) {
            doc.paragraph("Not recorded: this run was made before ipcbench checked the host.");
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        preflight.findings().forEach(finding -> facts.put(finding.id(), finding.value()));
        keyValues(doc, facts);
        List<String> warnings = preflight.warnings();
        doc.paragraph(warnings.isEmpty() ? "No warnings: nothing seen that distorts the numbers."
                : "Warnings (conditions that can distort these numbers):");
        if (!warnings.isEmpty()) {
            doc.bullets(warnings);
        }
    }

    /** What was asked for, after defaults. */
    static Map<String, String> options(RunData run) {
        RunInfo.Options options = run.info().options();
        Map<String, String> fields = new LinkedHashMap<>();
        if (options == null) {
            return fields;
        }
        fields.put("mechanisms", list(options.mechanisms()) + (options.mechanismsExplicit() ? " (named)"
                : " (all that can run here)"));
        fields.put("payload sizes (bytes)", list(options.payloadBytes()));
        fields.put("mode", Captions.text(options.mode()));
        fields.put("profile", Captions.text(options.profile()));
        fields.put("warmup", Captions.text(options.warmup()));
        fields.put("measurement", Captions.text(options.measurement()));
        fields.put("forks", Integer.toString(options.forks()));
        fields.put("placement", Captions.text(options.placement()));
        fields.put("wait", options.waitStrategy() == null ? Dimension.WAIT.defaultValue() : options.waitStrategy());
        fields.put("peers (client-server)", options.peers() == null ? Dimension.PEERS.defaultValue() : list(options.peers()));
        fields.put("verify", Boolean.toString(options.verify()));
        fields.put("extra JMH arguments", list(options.jmhArgs()));
        RunInfo.Harness harness = run.info().harness();
        if (harness != null) {
            fields.put("harness: one clock read + one record (ns)", Numbers.fixed(harness.clockReadAndRecordNs(), 1));
        }
        return fields;
    }

    static void keyValues(ReportDocument doc, Map<String, String> fields) {
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((key, value) -> rows.add(List.of(key, value)));
        doc.plainTable(List.of("field", "value"), TWO_TEXT_COLUMNS, rows);
    }

    /** Marks a value whose row failed the steady-state check. */
    static final String UNSTABLE_MARK = "~";
    /** Put before a rank whose interval overlaps the previous row's: the two are not shown to differ. */
    static final String TIE_MARK = "=";
    /** Round trips a percentile needs beyond it to be printed ({@link #percentile}). */
    static final int SAMPLES_BEYOND = 10;
    static final String UNSUPPORTED = "—";

    /** What the latency numbers are, how to read intervals and marks: printed before the latency tables. */
    private static void latencyLegend(ReportDocument doc, RunData run) {
        doc.paragraph("Latency is closed-loop: one request outstanding at a time, no correction for coordinated "
                + "omission (a stalled round trip delays the next request instead of queueing more). A timed interval "
                + "holds the mechanism's round trip, the client's copy into and out of its buffers, JMH's loop "
                + "bookkeeping, and one clock read plus one histogram record of the previous round trip"
                + harness(run) + ".");
        if (!run.cost().isEmpty()) {
            doc.paragraph("CPU/rt: CPU µs both processes (the client's JMH fork and the echo server) spent per round "
                    + "trip over the measurement, from the kernel's run-time accounting; cost.csv splits it by side, "
                    + "hot thread and whole process, user and system, with context switches per round trip.");
        }
        intervalLegend(doc, run);
    }

    private static void intervalLegend(ReportDocument doc, RunData run) {
        boolean withinFork = run.allLatency().stream().anyMatch(r -> r.repeats().withinFork())
                || run.allThroughput().stream().anyMatch(r -> r.repeats().withinFork());
        boolean unknown = run.allLatency().stream().anyMatch(r -> r.repeats().forks() == 0)
                || run.allThroughput().stream().anyMatch(r -> r.repeats().forks() == 0);
        doc.paragraph("[low–high]: a distribution-free interval of the median over repeats — over forks, or with one "
                + "fork over its measurement iterations; its coverage is given per row (below 95% when there were too "
                + "few repeats). " + TIE_MARK + " before a rank: tied with the group's leader, the first row with that "
                + "rank (their intervals overlap). " + UNSTABLE_MARK + " after a value: the steady-state check flagged the row (a trend "
                + "or a wide spread across iterations, or JMH's mean differing from the histogram's by more than 2%); "
                + "the note says which. " + UNSUPPORTED + " in a percentile column: fewer than " + SAMPLES_BEYOND
                + " round trips lie beyond that percentile, too few to estimate it.");
        if (withinFork) {
            doc.paragraph("This run had one fork: its intervals come from the iterations within that fork and "
                    + "understate run-to-run noise (JVM, JIT, memory layout and child process vary between forks, not "
                    + "between iterations). Use the ci or full profile for intervals over forks.");
        }
        if (unknown) {
            doc.paragraph("Rows from a run made before intervals existed show n/a: forks, intervals and stability "
                    + "were not recorded.");
        }
    }

    private static String harness(RunData run) {
        RunInfo.Harness harness = run.info().harness();
        return harness == null ? "" : String.format(java.util.Locale.ROOT,
                " (together %.1f ns on the client CPU, measured at the start of this run)",
                harness.clockReadAndRecordNs());
    }

    /**
     * The legend, then one ranked table per placement and payload size, fastest p50 first: those of the peers the
     * views show, then those of each other peers value the run has (never two peers in one table); within a peers
     * value, per io path and per link (never two in one table either).
     */
    static void latency(ReportDocument doc, RunData run) {
        if (!run.allLatency().isEmpty()) {
            latencyLegend(doc, run);
        }
        List<String> peersPresent = PeersViews.present(run);
        List<String> iosPresent = PeersViews.ios(run);
        List<String> linksPresent = PeersViews.links(run);
        for (String peers : peersPresent) {
            for (String io : iosPresent) {
                for (String link : linksPresent) {
                    List<LatencyRow> ofPeers = PeersViews.of(run.allLatency(), peers, io, link);
                    for (String placement : run.placements()) {
                        for (int size : sizes(ofPeers.stream().filter(r -> r.placement().equals(placement))
                                .map(LatencyRow::payloadBytes).toList())) {
                            latencyTable(doc, run, ofPeers.stream()
                                    .filter(r -> r.placement().equals(placement) && r.payloadBytes() == size).toList(),
                                    "Payload " + Numbers.bytes(size) + ", placement " + placement
                                            + peersHeading(peersPresent, peers) + ioHeading(iosPresent, io)
                                            + linkHeading(linksPresent, link));
                        }
                    }
                }
            }
        }
    }

    /** {@code , peers native-native (C client, C echo server)} when the run has several peers values, else empty. */
    private static String peersHeading(List<String> present, String peers) {
        return present.size() > 1 ? ", peers " + PeersViews.described(peers) : "";
    }

    /** {@code , io direct (plain read/write calls)} when the run has several io paths, else empty. */
    private static String ioHeading(List<String> present, String io) {
        return present.size() > 1 ? ", io " + PeersViews.describedIo(io) : "";
    }

    /** {@code , link netns-veth (a second network namespace ...)} when the run has several links, else empty. */
    private static String linkHeading(List<String> present, String link) {
        return present.size() > 1 ? ", link " + PeersViews.describedLink(link) : "";
    }

    private static void latencyTable(ReportDocument doc, RunData run, List<LatencyRow> unranked, String heading) {
        List<LatencyRow> rows = rankedByP50(unranked);
        doc.heading(3, heading);
        List<List<String>> cells = new ArrayList<>();
        List<String> ranks = ranks(rows.stream().map(LatencyRow::p50NsCi).toList());
        for (int i = 0; i < rows.size(); i++) {
            LatencyRow row = rows.get(i);
            String mark = unstableMark(row.repeats());
            double cpu = cpuMicros(run, row);
            cells.add(List.of(ranks.get(i), withWait(row.mechanism(), row.waitStrategy()), forks(row.repeats()),
                    Long.toString(row.samples()), Numbers.micros(row.minNs()),
                    Numbers.micros(row.p50Ns()) + mark, microsInterval(row.p50NsCi()),
                    Double.isNaN(cpu) ? "-" : String.format(java.util.Locale.ROOT, "%.2f", cpu),
                    percentile(row.samples(), 0.90, row.p90Ns(), ""),
                    percentile(row.samples(), 0.99, row.p99Ns(), mark), microsInterval(row.p99NsCi()),
                    percentile(row.samples(), 0.999, row.p99_9Ns(), ""),
                    percentile(row.samples(), 0.9999, row.p99_99Ns(), ""), Numbers.micros(row.maxNs()),
                    Numbers.micros(row.meanNs()), coverage(row.repeats()), stability(row.repeats())));
        }
        doc.plainTable(List.of("#", "mechanism", "forks", "round trips", "min", "p50", "p50 interval",
                "CPU/rt", "p90", "p99", "p99 interval", "p99.9", "p99.99", "max", "mean", "coverage",
                "steady state"),
                new boolean[] {true, false, true, true, true, true, true, true, true, true, true, true, true,
                        true, true, true, false}, cells);
    }

    /**
     * One ranked table per placement and payload size, most bytes per second first (the legend if not given): those
     * of the peers the views show, then those of each other peers value.
     */
    static void throughput(ReportDocument doc, RunData run) {
        if (run.allLatency().isEmpty() && !run.allThroughput().isEmpty()) {
            intervalLegend(doc, run);
        }
        List<String> peersPresent = PeersViews.present(run);
        List<String> iosPresent = PeersViews.ios(run);
        List<String> linksPresent = PeersViews.links(run);
        for (String peers : peersPresent) {
            for (String io : iosPresent) {
                for (String link : linksPresent) {
                    List<ThroughputRow> ofPeers = PeersViews.of(run.allThroughput(), peers, io, link);
                    for (String placement : run.placements()) {
                        for (int size : sizes(ofPeers.stream().filter(r -> r.placement().equals(placement))
                                .map(ThroughputRow::payloadBytes).toList())) {
                            throughputTable(doc, ofPeers.stream()
                                    .filter(r -> r.placement().equals(placement) && r.payloadBytes() == size).toList(),
                                    "Payload " + Numbers.bytes(size) + ", placement " + placement
                                            + peersHeading(peersPresent, peers) + ioHeading(iosPresent, io)
                                            + linkHeading(linksPresent, link));
                        }
                    }
                }
            }
        }
    }

    private static void throughputTable(ReportDocument doc, List<ThroughputRow> unranked, String heading) {
        List<ThroughputRow> rows = unranked.stream()
                .sorted(Comparator.comparingDouble(ThroughputRow::bytesPerS).reversed()
                        .thenComparing(ThroughputRow::mechanism))
                .toList();
        doc.heading(3, heading);
        List<List<String>> cells = new ArrayList<>();
        List<String> ranks = ranks(rows.stream().map(ThroughputRow::bytesPerSCi).toList());
        for (int i = 0; i < rows.size(); i++) {
            ThroughputRow row = rows.get(i);
            String mark = unstableMark(row.repeats());
            Interval ci = row.bytesPerSCi();
            cells.add(List.of(ranks.get(i), withWait(row.mechanism(), row.waitStrategy()), forks(row.repeats()),
                    Numbers.megabytesPerS(row.bytesPerS()) + mark, ci.known()
                            ? "[" + Numbers.megabytesPerS(ci.low()) + "–" + Numbers.megabytesPerS(ci.high()) + "]"
                            : "n/a",
                    Numbers.whole(row.messagesPerS()), coverage(row.repeats()), stability(row.repeats())));
        }
        doc.plainTable(List.of("#", "mechanism", "forks", "MB/s", "MB/s interval", "messages/s", "coverage",
                "steady state"), new boolean[] {true, false, true, true, true, true, true, false}, cells);
    }

    /** Latency rows in rank order: lowest p50 first, then by name. */
    static List<LatencyRow> rankedByP50(List<LatencyRow> rows) {
        return rows.stream()
                .sorted(Comparator.comparingLong(LatencyRow::p50Ns).thenComparing(LatencyRow::mechanism)).toList();
    }

    /**
     * Ranks in table order, ties grouped around a leader: the first row not yet ranked leads a group, and the rows
     * after it whose intervals overlap the leader's join it, up to the first that does not. Every member of a group of
     * two or more shows the leader's rank with {@link #TIE_MARK} ({@code =1 =1 3}); a row is never tied through a
     * neighbour it merely overlaps, so a group's members are each indistinguishable from its leader.
     */
    static List<String> ranks(List<Interval> intervals) {
        List<String> ranks = new ArrayList<>();
        int leader = 0;
        while (leader < intervals.size()) {
            int end = leader + 1;
            while (end < intervals.size() && intervals.get(end).overlaps(intervals.get(leader))) {
                end++;
            }
            for (int i = leader; i < end; i++) {
                ranks.add((end - leader > 1 ? TIE_MARK : "") + (leader + 1));
            }
            leader = end;
        }
        return ranks;
    }

    /**
     * A percentile in µs when at least {@link #SAMPLES_BEYOND} of {@code samples} lie beyond it, else
     * {@link #UNSUPPORTED}: a percentile with fewer beyond it is a few extreme samples (p99.99 of 5,000 is the maximum).
     */
    static String percentile(long samples, double quantile, double ns, String mark) {
        return supports(samples, quantile) ? Numbers.micros(ns) + mark : UNSUPPORTED;
    }

    /** Whether {@code samples} put at least {@link #SAMPLES_BEYOND} beyond {@code quantile}. */
    static boolean supports(long samples, double quantile) {
        return samples * (1 - quantile) >= SAMPLES_BEYOND - 1e-9;
    }

    /** {@link #UNSTABLE_MARK} after a value of a row the steady-state check flagged, else nothing. */
    static String unstableMark(Repeats repeats) {
        return repeats.stable() ? "" : UNSTABLE_MARK;
    }

    /** A mechanism's name in a table: {@code pipe}, or {@code pipe (spin)} for a strategy other than block. */
    static String withWait(String mechanism, String wait) {
        return wait.equals(Dimension.WAIT.defaultValue()) ? mechanism : mechanism + " (" + wait + ")";
    }

    /**
     * CPU µs both processes spent per round trip (cost.csv, process scope); NaN without cost.csv, and for rows of
     * peers other than jvm-jvm: cost.csv keys its rows without peers, so their figures would be jvm-jvm's.
     */
    static double cpuMicros(RunData run, LatencyRow row) {
        return CostRow.bothSidesCpuMicros(run.cost(), row.key(), JmhOutcome.LATENCY, CostRow.PROCESS);
    }

    /** An interval in µs, {@code [4.80–5.30]}, or n/a when unknown. */
    static String microsInterval(Interval ci) {
        return ci.known() ? "[" + Numbers.micros(ci.low()) + "–" + Numbers.micros(ci.high()) + "]" : "n/a";
    }

    private static String forks(Repeats repeats) {
        return repeats.forks() == 0 ? "n/a" : Integer.toString(repeats.forks());
    }

    /** The interval's real coverage and what it came from: {@code 97% forks}, {@code 97% iterations}. */
    private static String coverage(Repeats repeats) {
        return Double.isNaN(repeats.ciLevel()) ? "n/a"
                : Numbers.fixed(repeats.ciLevel() * 100, 0) + "% " + repeats.ciFrom();
    }

    private static String stability(Repeats repeats) {
        if (repeats.forks() == 0) {
            return repeats.stabilityNote();
        }
        return repeats.stable() ? "yes" : UNSTABLE_MARK + " " + repeats.stabilityNote();
    }

    static void skipped(ReportDocument doc, RunData run) {
        if (run.skipped().isEmpty()) {
            doc.paragraph("None.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunInfo.Skipped skipped : run.skipped()) {
            rows.add(List.of(skipped.mechanism(), skipped.payloadBytes() == null ? "all"
                    : Numbers.bytes(skipped.payloadBytes()), Captions.text(skipped.reason())));
        }
        doc.plainTable(List.of("mechanism", "payload", "reason"), new boolean[] {false, false, false}, rows);
    }

    static void failed(ReportDocument doc, RunData run) {
        if (run.failed().isEmpty()) {
            doc.paragraph("None.");
        } else {
            doc.paragraph("These benchmarks ran but left no result; their echo-server logs are in logs/.");
            doc.bullets(run.failed());
        }
    }

    private static TreeSet<Integer> sizes(List<Integer> sizes) {
        return new TreeSet<>(sizes);
    }

    private static String list(List<?> values) {
        if (values == null || values.isEmpty()) {
            return "none";
        }
        return String.join(" ", values.stream().map(String::valueOf).toList());
    }
}
