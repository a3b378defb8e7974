package ipcbench.report;

import ipcbench.results.Interval;
import ipcbench.results.LoadRow;
import ipcbench.results.RunInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The cores each mechanism kept busy at fixed offered rates (cpu-at-load.csv), beside its back-to-back round trip:
 * the trade-off between latency and CPU a service designer weighs. Mechanisms are ranked by the cores of their message
 * threads (the client's sending and receiving threads and the echo thread), ties by overlapping intervals as in every
 * ranking ({@link RunTables#ranks}). A mechanism whose echo thread did no work while its echoes came back is served
 * on its framework's own threads (gRPC's event loops): its message threads do not hold its cost, so it is listed
 * after the ranking with its whole processes only.
 */
final class CpuAtLoadSection {
    /** Below this the echo thread did no measurable work at the point: the echo ran elsewhere. */
    private static final double IDLE_CORES = 1e-4;

    private CpuAtLoadSection() {
    }

    /** The rates offered, lowest first. */
    private static TreeSet<Double> rates(RunData run, String placement) {
        TreeSet<Double> rates = new TreeSet<>();
        rows(run, placement).forEach(row -> rates.add(row.offeredPerS()));
        return rates;
    }

    private static List<LoadRow> rows(RunData run, String placement) {
        return run.cpuAtLoad().stream().filter(r -> r.placement().equals(placement) && r.cores().measured()).toList();
    }

    /** Whether the message threads carried the echoes, so that their cores are the mechanism's. */
    static boolean onMessageThreads(LoadRow row) {
        return row.cores().server() > IDLE_CORES;
    }

    /** The rows at {@code offeredPerS} whose message threads hold their cost, fewest cores first. */
    static List<LoadRow> ranked(RunData run, String placement, double offeredPerS) {
        return rows(run, placement).stream().filter(r -> r.offeredPerS() == offeredPerS && onMessageThreads(r))
                .sorted(Comparator.comparingDouble((LoadRow r) -> r.cores().total())).toList();
    }

    /** The lowest rate offered at {@code placement}, if the run measured CPU at load there. */
    static Optional<Double> lowestRate(RunData run, String placement) {
        TreeSet<Double> rates = rates(run, placement);
        return rates.isEmpty() ? Optional.empty() : Optional.of(rates.first());
    }

    static Interval interval(LoadRow row) {
        return new Interval(row.cores().low(), row.cores().high());
    }

    /** A rate as the report names it: 1,000 round trips/s. */
    static String rate(double offeredPerS) {
        return String.format(java.util.Locale.ROOT, "%,.0f round trips/s", offeredPerS);
    }

    /** Cores with three significant digits. */
    static String cores(double cores) {
        return Numbers.significant(cores);
    }

    /**
     * The first screen's line: at the lowest rate, the blocking mechanism with the fewest cores and those tied with
     * it, and what the spinning ones keep busy.
     */
    static Optional<String> glance(RunData run, String placement, String at) {
        Optional<Double> lowest = lowestRate(run, placement);
        if (lowest.isEmpty()) {
            return Optional.empty();
        }
        List<LoadRow> ranked = ranked(run, placement, lowest.get());
        List<LoadRow> blocking = ranked.stream().filter(r -> !r.waitStrategy().equals("spin")).toList();
        List<LoadRow> spinning = ranked.stream().filter(r -> r.waitStrategy().equals("spin")).toList();
        if (blocking.isEmpty() && spinning.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("CPU at " + rate(lowest.get()) + " offered" + at + ": ");
        if (!blocking.isEmpty()) {
            List<String> ranks = RunTables.ranks(blocking.stream().map(CpuAtLoadSection::interval).toList());
            List<String> tied = new ArrayList<>();
            for (int i = 1; i < blocking.size() && ranks.get(i).equals(ranks.get(0)); i++) {
                tied.add(blocking.get(i).mechanism());
            }
            LoadRow best = blocking.get(0);
            line.append("the fewest cores among blocking mechanisms: ").append(best.mechanism()).append(' ')
                    .append(cores(best.cores().total())).append(" (client and echo threads)")
                    .append(tied.isEmpty() ? "" : ", tied with " + String.join(", ", tied));
        }
        if (!spinning.isEmpty()) {
            line.append(blocking.isEmpty() ? "" : "; ").append("spinning mechanisms keep ")
                    .append(cores(spinning.get(0).cores().total()));
            if (spinning.size() > 1) {
                line.append('–').append(cores(spinning.get(spinning.size() - 1).cores().total()));
            }
            line.append(" cores busy");
        }
        return Optional.of(line.append('.').toString());
    }

    /** The section: how it was measured, then a ranking per placement and rate. */
    static void write(ReportDocument doc, RunData run) {
        doc.heading(2, "CPU at a given load");
        if (run.cpuAtLoad().isEmpty()) {
            doc.paragraph("Not measured in this run: a latency run measures it unless given --cpu-at none or --profile "
                    + "smoke; --cpu-at with a list of rates asks for it.");
            return;
        }
        doc.paragraph("The cores each mechanism kept busy while it echoed requests offered at a fixed rate (open loop, "
                + "its smallest payload, its first wait strategy), beside its round trip measured back to back. "
                + "\"Cores\": CPU time per second of wall time of the threads that carry the messages, the client's "
                + "sending and receiving threads (the sender sleeps until each request is due) and the echo thread, "
                + "median over the measurement iterations with its interval; 1.00 is one core busy all the time. A "
                + "spinning pair keeps its two threads busy at any rate; a blocking pair's CPU follows its load. "
                + "\"Whole processes\" adds every other thread of both processes (the JVMs' compilers and collectors, "
                + "busiest in a short trial). Ties: intervals that overlap the group leader's.");
        for (String placement : run.placements()) {
            for (double offeredPerS : rates(run, placement)) {
                table(doc, run, placement, offeredPerS);
            }
        }
        List<String> skipped = run.skipped().stream().filter(RunInfo.Skipped::atLoadOnly)
                .map(s -> s.mechanism() + ": " + s.reason().substring(RunInfo.Skipped.AT_LOAD.length())).toList();
        if (!skipped.isEmpty()) {
            doc.paragraph("Not measured at load: " + String.join("; ", skipped) + ".");
        }
    }

    private static void table(ReportDocument doc, RunData run, String placement, double offeredPerS) {
        List<LoadRow> ranked = ranked(run, placement, offeredPerS);
        List<String> ranks = RunTables.ranks(ranked.stream().map(CpuAtLoadSection::interval).toList());
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            LoadRow row = ranked.get(i);
            cells.add(List.of(ranks.get(i), RunTables.withWait(row.mechanism(), row.waitStrategy()),
                    cores(row.cores().total()) + " [" + cores(row.cores().low()) + "–" + cores(row.cores().high()) + "]",
                    cores(row.cores().client()), cores(row.cores().server()), cores(row.cores().processes()),
                    Numbers.whole(row.achievedPerS()), backToBack(run, row)));
        }
        for (LoadRow row : rows(run, placement)) {
            if (row.offeredPerS() == offeredPerS && !onMessageThreads(row)) {
                cells.add(List.of("—", RunTables.withWait(row.mechanism(), row.waitStrategy()),
                        "— (served on its framework's threads)", cores(row.cores().client()), "—",
                        cores(row.cores().processes()), Numbers.whole(row.achievedPerS()), backToBack(run, row)));
            }
        }
        doc.heading(3, rate(offeredPerS) + " offered" + (run.placements().size() > 1 ? ", placement " + placement
                : ""));
        doc.plainTable(List.of("rank", "mechanism", "cores [interval]", "client threads", "echo thread",
                        "whole processes", "achieved/s", "p50 back to back (µs)"),
                new boolean[] {false, false, true, true, true, true, true, true}, cells);
    }

    /** The row's p50 round trip at the same size, placement and wait from the latency ranking, or —. */
    private static String backToBack(RunData run, LoadRow load) {
        return run.latency().stream()
                .filter(r -> r.mechanism().equals(load.mechanism()) && r.payloadBytes() == load.payloadBytes()
                        && r.placement().equals(load.placement()) && r.waitStrategy().equals(load.waitStrategy()))
                .findFirst().map(r -> Numbers.micros(r.p50Ns()) + RunTables.unstableMark(r.repeats())).orElse("—");
    }
}
