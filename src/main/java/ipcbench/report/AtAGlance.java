package ipcbench.report;

import ipcbench.results.AllocationRow;
import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.Oversubscription;
import ipcbench.results.LoadRow;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The opening of a run's report, for someone who has to pick a mechanism: per placement and payload size the
 * mechanisms ranked by p50 with their ratio to the fastest and their tail (p99/p50), ties marked as in the full tables
 * ({@link RunTables#ranks}); then "which mechanism for which need", each need naming its winner and every mechanism
 * whose interval overlaps the winner's (the data cannot tell them apart). Rankings and needs use the rows of one
 * peers value ({@link PeersViews}); a run of several peers also gets its JVM share in one sentence ({@link JvmShare}).
 * Everything comes from the run's files.
 */
final class AtAGlance {
    /**
     * At or below this many heap bytes per operation a benchmark counts as allocation-free: JMH's gc profiler also
     * counts JMH's own per-iteration allocations, which amortise to a small fraction of a byte per operation.
     */
    static final double ALLOCATION_FREE_BYTES_PER_OP = 1.0;
    /** The payload of the throughput need, when measured; else the largest size measured. */
    static final int THROUGHPUT_PAYLOAD_BYTES = 64 * 1024;
    private static final String NOBODY = "—";
    private static final String BLOCK = Dimension.WAIT.defaultValue();

    private AtAGlance() {
    }

    static void write(ReportDocument doc, RunData run) {
        doc.heading(2, "At a glance");
        if (run.latency().isEmpty() && run.throughput().isEmpty()) {
            doc.paragraph("This run has no results.");
            return;
        }
        doc.bullets(FirstScreen.lines(run));
        HostFloors.glance(run).forEach(doc::paragraph);
        PeersViews.leftOut(run).forEach(doc::paragraph);
        JvmShare.glance(run).forEach(doc::paragraph);
        for (String placement : run.placements()) {
            doc.heading(3, "Which mechanism for which need" + (run.placements().size() > 1
                    ? ", placement " + placement : ""));
            List<List<String>> rows = new ArrayList<>();
            needs(run, placement, rows);
            doc.plainTable(List.of("need", "best here", "tied with it (intervals overlap)", "its value"),
                    new boolean[] {false, false, false, true}, rows);
        }
        doc.paragraph("\"Tied\" is as far as these repeats can tell: more forks (the ci or full profile) narrow the "
                + "intervals. A need without a winner says what to run to measure it.");
        doc.paragraph("Mechanisms ranked by p50 round trip (µs) per payload size and wait strategy; \"× fastest\" is "
                + "the p50 divided by the fastest p50, \"p99/p50\" how far the tail reaches beyond the median. "
                + RunTables.TIE_MARK + " before a rank: its p50 interval overlaps that of the first row with that rank, "
                + "so the two are tied; " + RunTables.UNSTABLE_MARK + " after a value: not in a steady state. The full "
                + "tables, intervals and coverage follow below."
                + (run.info().floors() == null || run.info().floors().isEmpty() ? "" : " \"p50 above the host floor\": "
                + "the p50 less the floor of its placement and wait measured before the benchmarks; the floor is the "
                + "host's own round trip with a spread of its own, so a mechanism can come out a little below it."));
        for (String placement : run.placements()) {
            for (int size : sizes(run.latency(), placement, LatencyRow::placement, LatencyRow::payloadBytes)) {
                for (String wait : waits(run.latency(), LatencyRow::waitStrategy)) {
                    ranking(doc, run, placement, size, wait);
                }
            }
        }
    }

    /**
     * The wait strategies of {@code rows}, block first: spinning and blocking mechanisms are ranked apart, because
     * a spinner's round trip is bought with two cores kept busy at any load.
     */
    static <R> List<String> waits(List<R> rows, Function<R, String> waitOf) {
        return rows.stream().map(waitOf).distinct()
                .sorted(Comparator.comparing((String wait) -> !wait.equals(BLOCK)).thenComparing(wait -> wait))
                .toList();
    }

    /** How a table or need names the rows of one wait strategy. */
    static String waitTitle(String wait) {
        return wait.equals("spin") ? waitWord(wait) + " (both ends poll: two cores busy at any load)" : waitWord(wait);
    }

    /** The word for the mechanisms of one wait strategy: blocking, spinning. */
    static String waitWord(String wait) {
        return wait.equals(BLOCK) ? "blocking" : wait.equals("spin") ? "spinning" : wait;
    }

    private static void ranking(ReportDocument doc, RunData run, String placement, int size, String wait) {
        List<LatencyRow> rows = RunTables.rankedByP50(run.latency().stream()
                .filter(r -> r.placement().equals(placement) && r.payloadBytes() == size
                        && r.waitStrategy().equals(wait)).toList());
        if (rows.isEmpty()) {
            return;
        }
        List<String> ranks = RunTables.ranks(rows.stream().map(LatencyRow::p50NsCi).toList());
        double fastest = rows.get(0).p50Ns();
        boolean floors = rows.stream().anyMatch(row -> HostFloors.of(run, row) != null);
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            LatencyRow row = rows.get(i);
            String mark = RunTables.unstableMark(row.repeats());
            List<String> line = new ArrayList<>(List.of(ranks.get(i),
                    RunTables.withWait(row.mechanism(), row.waitStrategy()), run.mechanism(row.mechanism()).family(),
                    Numbers.micros(row.p50Ns()) + mark, times(row.p50Ns() / fastest),
                    RunTables.percentile(row.samples(), 0.99, row.p99Ns(), mark),
                    RunTables.supports(row.samples(), 0.99) ? times((double) row.p99Ns() / row.p50Ns())
                            : RunTables.UNSUPPORTED));
            if (floors) {
                line.addAll(HostFloors.aboveFloorCells(run, row));
            }
            cells.add(line);
        }
        doc.heading(3, "Round trip at " + Numbers.bytes(size) + ", placement " + placement + ", " + waitTitle(wait));
        List<String> header = new ArrayList<>(List.of("#", "mechanism", "family", "p50 (µs)", "× fastest", "p99 (µs)",
                "p99/p50"));
        if (floors) {
            header.addAll(List.of("p50 above the host floor (µs)", "floor's share of p50"));
        }
        boolean[] numeric = new boolean[header.size()];
        java.util.Arrays.fill(numeric, true);
        numeric[1] = false;
        numeric[2] = false;
        doc.plainTable(header, numeric, cells);
    }

    /** The rows of the needs table of one placement. */
    private static void needs(RunData run, String placement, List<List<String>> rows) {
        for (String wait : waits(run.latency(), LatencyRow::waitStrategy)) {
            List<LatencyRow> latency = run.latency().stream()
                    .filter(r -> r.placement().equals(placement) && r.waitStrategy().equals(wait)).toList();
            TreeSet<Integer> sizes = sizes(latency, placement, LatencyRow::placement, LatencyRow::payloadBytes);
            if (sizes.isEmpty()) {
                continue;
            }
            String kind = ", " + waitTitle(wait);
            int smallest = sizes.first();
            List<LatencyRow> atSmallest = latency.stream().filter(r -> r.payloadBytes() == smallest).toList();
            rows.add(best("lowest p50 round trip, " + Numbers.bytes(smallest) + kind, atSmallest, AtAGlance::named,
                    Comparator.comparingLong(LatencyRow::p50Ns), LatencyRow::p50NsCi,
                    r -> "p50 " + Numbers.micros(r.p50Ns()) + RunTables.unstableMark(r.repeats()) + " µs"));
            rows.add(best("lowest p99 round trip, " + Numbers.bytes(smallest) + kind, atSmallest, AtAGlance::named,
                    Comparator.comparingLong(LatencyRow::p99Ns), LatencyRow::p99NsCi,
                    r -> "p99 " + Numbers.micros(r.p99Ns()) + RunTables.unstableMark(r.repeats()) + " µs"));
            if (sizes.size() > 1) {
                int largest = sizes.last();
                rows.add(best("lowest p50 round trip, " + Numbers.bytes(largest) + kind,
                        latency.stream().filter(r -> r.payloadBytes() == largest).toList(), AtAGlance::named,
                        Comparator.comparingLong(LatencyRow::p50Ns), LatencyRow::p50NsCi,
                        r -> "p50 " + Numbers.micros(r.p50Ns()) + RunTables.unstableMark(r.repeats()) + " µs"));
            }
        }
        TreeSet<Integer> streamed = sizes(run.throughput(), placement, ThroughputRow::placement,
                ThroughputRow::payloadBytes);
        if (streamed.isEmpty()) {
            rows.add(List.of("highest throughput", "not measured: this run measured latency only", NOBODY, ""));
        } else {
            int size = streamed.contains(THROUGHPUT_PAYLOAD_BYTES) ? THROUGHPUT_PAYLOAD_BYTES : streamed.last();
            for (String wait : waits(run.throughput(), ThroughputRow::waitStrategy)) {
                List<ThroughputRow> candidates = run.throughput().stream().filter(r -> r.placement().equals(placement)
                        && r.payloadBytes() == size && r.waitStrategy().equals(wait)).toList();
                if (!candidates.isEmpty()) {
                    rows.add(best("highest throughput, " + Numbers.bytes(size) + ", " + waitTitle(wait), candidates,
                            r -> RunTables.withWait(r.mechanism(), r.waitStrategy()),
                            Comparator.comparingDouble(ThroughputRow::bytesPerS).reversed(),
                            ThroughputRow::bytesPerSCi,
                            r -> Numbers.megabytesPerS(r.bytesPerS()) + RunTables.unstableMark(r.repeats()) + " MB/s"));
                }
            }
        }
        fanInThroughput(run, placement).ifPresent(rows::add);
        rows.addAll(fanOutReach(run, placement));
        rows.add(allocationFree(run, placement));
        rows.add(CpuAtLoadSection.lowestRate(run, placement).isPresent() ? fewestCoresAtLoad(run, placement)
                : lowestCpuPerRoundTrip(run, placement));
    }

    /**
     * The fan-in need: the most messages/s all clients streamed together at the widest fan measured, at 64 KiB when
     * measured, else the largest size; empty when the run measured no fan-in throughput.
     */
    private static Optional<List<String>> fanInThroughput(RunData run, String placement) {
        List<ThroughputRow> fanIn = Fans.rows(run.allThroughput(), Fans.FAN_IN).stream()
                .filter(r -> r.placement().equals(placement)).toList();
        if (fanIn.isEmpty()) {
            return Optional.empty();
        }
        int widest = fanIn.stream().mapToInt(r -> Oversubscription.clients(r.key())).max().getAsInt();
        TreeSet<Integer> sizes = new TreeSet<>();
        fanIn.forEach(r -> sizes.add(r.payloadBytes()));
        int size = sizes.contains(THROUGHPUT_PAYLOAD_BYTES) ? THROUGHPUT_PAYLOAD_BYTES : sizes.last();
        List<ThroughputRow> candidates = fanIn.stream().filter(r -> r.payloadBytes() == size
                && Oversubscription.clients(r.key()) == widest).toList();
        return Optional.of(best("best aggregate fan-in throughput, " + Numbers.bytes(size) + ", " + widest
                        + " clients", candidates, r -> RunTables.withWait(r.mechanism(), r.waitStrategy()),
                Comparator.comparingDouble(ThroughputRow::bytesPerS).reversed(), ThroughputRow::bytesPerSCi,
                r -> Numbers.whole(r.messagesPerS()) + RunTables.unstableMark(r.repeats()) + " msgs/s, "
                        + Numbers.megabytesPerS(r.bytesPerS()) + " MB/s"));
    }

    /**
     * The fan-out need at the smallest fan-out size, per wait strategy (a spinner's tail sets no bar for a blocker):
     * the mechanism that reached the most subscribers with its p99 under X, X twice the lowest one-subscriber p99
     * there (how far each fans out before its tail doubles over the best single reader); a tie is every mechanism
     * that reached as many. None without fan-out rows.
     */
    private static List<List<String>> fanOutReach(RunData run, String placement) {
        List<LatencyRow> fanOut = Fans.rows(run.allLatency(), Fans.FAN_OUT).stream()
                .filter(r -> r.placement().equals(placement)).toList();
        List<List<String>> rows = new ArrayList<>();
        if (fanOut.isEmpty()) {
            return rows;
        }
        int size = fanOut.stream().mapToInt(LatencyRow::payloadBytes).min().getAsInt();
        for (String wait : waits(fanOut, LatencyRow::waitStrategy)) {
            List<LatencyRow> atSize = fanOut.stream().filter(r -> r.payloadBytes() == size
                    && r.waitStrategy().equals(wait)).toList();
            OptionalLong bestSingle = atSize.stream().filter(r -> Oversubscription.clients(r.key()) == 1)
                    .mapToLong(LatencyRow::p99Ns).min();
            String need = "most subscribers at p99 under X, " + Numbers.bytes(size) + ", " + waitTitle(wait);
            if (bestSingle.isEmpty()) {
                rows.add(List.of(need, "not measured: add 1 to --subscribers", NOBODY, ""));
                continue;
            }
            long limitNs = 2 * bestSingle.getAsLong();
            Map<String, Integer> reach = new TreeMap<>();
            for (LatencyRow row : atSize) {
                if (row.p99Ns() < limitNs) {
                    reach.merge(RunTables.withWait(row.mechanism(), row.waitStrategy()),
                            Oversubscription.clients(row.key()), Math::max);
                }
            }
            int most = reach.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> best = reach.entrySet().stream().filter(e -> e.getValue() == most)
                    .map(Map.Entry::getKey).toList();
            String x = " (X = " + Numbers.micros(limitNs) + " µs, twice the lowest one-subscriber p99)";
            rows.add(List.of(need + x, best.get(0), best.size() > 1
                    ? String.join(", ", best.subList(1, best.size())) : "none",
                    most + (most == 1 ? " subscriber" : " subscribers")));
        }
        return rows;
    }

    private static String named(LatencyRow row) {
        return RunTables.withWait(row.mechanism(), row.waitStrategy());
    }

    /** The row of one need: the best row by {@code order}, the rows whose interval overlaps its interval. */
    private static <R> List<String> best(String need, List<R> candidates, Function<R, String> mechanism,
                                         Comparator<R> order, Function<R, Interval> interval,
                                         Function<R, String> value) {
        List<R> sorted = candidates.stream().sorted(order).toList();
        R winner = sorted.get(0);
        List<String> tied = new ArrayList<>();
        for (R other : sorted.subList(1, sorted.size())) {
            if (interval.apply(other).overlaps(interval.apply(winner))) {
                tied.add(mechanism.apply(other));
            }
        }
        String ties = !interval.apply(winner).known() ? "unknown (no intervals recorded)"
                : tied.isEmpty() ? "none" : String.join(", ", tied);
        return List.of(need, mechanism.apply(winner), ties, value.apply(winner));
    }

    /** The mechanisms every benchmark of which allocated at most {@link #ALLOCATION_FREE_BYTES_PER_OP}. */
    private static List<String> allocationFree(RunData run, String placement) {
        String need = "allocation-free Java path (≤ " + Numbers.whole(ALLOCATION_FREE_BYTES_PER_OP) + " B/op)";
        List<AllocationRow> rows = run.allocation().stream().filter(r -> r.placement().equals(placement)).toList();
        if (rows.isEmpty()) {
            return List.of(need, "not measured: run with -- -prof gc", NOBODY, "");
        }
        Map<String, Double> worst = new TreeMap<>();
        rows.forEach(r -> worst.merge(r.mechanism(), r.allocBytesPerOp(), Math::max));
        List<String> free = new ArrayList<>();
        worst.forEach((mechanism, bytes) -> {
            if (bytes <= ALLOCATION_FREE_BYTES_PER_OP) {
                free.add(mechanism);
            }
        });
        List<String> ordered = new SeriesStyles(free, List.of(run)).ordered();
        return List.of(need, ordered.isEmpty() ? "none" : String.join(", ", ordered), "all listed qualify",
                ordered.isEmpty() ? "" : "at most " + Numbers.fixed(ordered.stream().mapToDouble(worst::get).max()
                        .orElse(0), 3) + " B/op");
    }

    /**
     * The mechanism with the fewest cores busy at the lowest offered rate (cpu-at-load.csv, its message threads) and
     * those tied with it; spinners take part and lose by their two busy threads.
     */
    private static List<String> fewestCoresAtLoad(RunData run, String placement) {
        double rate = CpuAtLoadSection.lowestRate(run, placement).orElseThrow();
        String need = "fewest cores busy at " + CpuAtLoadSection.rate(rate) + " offered (client and echo threads)";
        List<LoadRow> ranked = CpuAtLoadSection.ranked(run, placement, rate);
        if (ranked.isEmpty()) {
            return List.of(need, "not measured on the message threads here", NOBODY, "");
        }
        List<String> ranks = RunTables.ranks(ranked.stream().map(CpuAtLoadSection::interval).toList());
        List<String> tied = new ArrayList<>();
        for (int i = 1; i < ranked.size() && ranks.get(i).equals(ranks.get(0)); i++) {
            tied.add(RunTables.withWait(ranked.get(i).mechanism(), ranked.get(i).waitStrategy()));
        }
        LoadRow best = ranked.get(0);
        return List.of(need + ", " + Numbers.bytes(best.payloadBytes()),
                RunTables.withWait(best.mechanism(), best.waitStrategy()), tied.isEmpty() ? "none" : String.join(", ",
                        tied), CpuAtLoadSection.cores(best.cores().total()) + " cores");
    }

    /**
     * The blocking mechanism whose round trip at the smallest size cost the least CPU, both whole processes together
     * (cost.csv, process scope). cost.csv holds one aggregate per benchmark, measured back to back at saturation, no
     * repeats, so no ties can be shown; spinners are left out, because a spinning pair keeps two cores busy at any
     * lower load, which a figure at saturation hides.
     */
    private static List<String> lowestCpuPerRoundTrip(RunData run, String placement) {
        String need = "lowest CPU per round trip (both processes, blocking, back to back)";
        TreeSet<Integer> sizes = sizes(run.latency(), placement, LatencyRow::placement, LatencyRow::payloadBytes);
        if (run.cost().isEmpty() || sizes.isEmpty()) {
            return List.of(need, "not measured in this run (no cost.csv)", NOBODY, "");
        }
        int size = sizes.first();
        String winner = null;
        double lowest = Double.MAX_VALUE;
        for (LatencyRow row : run.latency()) {
            if (!row.placement().equals(placement) || row.payloadBytes() != size || !row.waitStrategy().equals(BLOCK)) {
                continue;
            }
            double cpuMicros = RunTables.cpuMicros(run, row);
            if (cpuMicros > 0 && cpuMicros < lowest) {
                lowest = cpuMicros;
                winner = RunTables.withWait(row.mechanism(), row.waitStrategy());
            }
        }
        if (winner == null) {
            return List.of(need, "not measured in this run (no cost figures)", NOBODY, "");
        }
        return List.of(need + ", " + Numbers.bytes(size), winner, "not shown: one CPU figure per benchmark, no repeats",
                Numbers.fixed(lowest, 2) + " µs CPU");
    }

    private static <R> TreeSet<Integer> sizes(List<R> rows, String placement, Function<R, String> placementOf,
                                               Function<R, Integer> sizeOf) {
        TreeSet<Integer> sizes = new TreeSet<>();
        rows.stream().filter(r -> placementOf.apply(r).equals(placement)).forEach(r -> sizes.add(sizeOf.apply(r)));
        return sizes;
    }

    /** A ratio such as 1.00× or 23.4×. */
    static String times(double ratio) {
        return Numbers.significant(ratio) + "×";
    }
}
