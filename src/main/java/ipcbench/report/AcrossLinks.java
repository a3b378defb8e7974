package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Keyed;
import ipcbench.results.LatencyRow;
import ipcbench.results.ResultKey;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A run's rows over a far link (any link but loopback: {@code netns-veth}, or a link to another host) beside their
 * loopback twins: the row of the same key over loopback (same mechanism, size, placement, wait, peers and io), so that
 * a ratio compares one benchmark across links and nothing else. Latency is a round trip timed on the client's one
 * clock over either link; a ratio of two round trips is just that, and no figure is halved into a one-way time (the
 * two directions need not take alike, and timing one would need a second clock at the far end).
 *
 * <p>A p50 ratio's interval is the JVM share's crosswise one ({@link JvmShare.Ratio}): it holds the true ratio of
 * medians whenever both rows' intervals hold theirs. A p99 ratio is a point. A mechanism that does not cross hosts
 * has loopback rows only: it is "loopback only", with no figure beside it.
 */
final class AcrossLinks {
    static final String LOOPBACK = Dimension.LINK.defaultValue();
    /** What a table shows for a mechanism measured over loopback only. */
    static final String LOOPBACK_ONLY = "loopback only";

    private AcrossLinks() {
    }

    /** One benchmark over a far link and over loopback; either may be missing (a failed row), never both. */
    record Twin<T extends Keyed>(Optional<T> loopback, Optional<T> over) {
        /** The row that names the pair: the far one, else the loopback one. */
        T row() {
            return over.orElseGet(loopback::orElseThrow);
        }
    }

    /** Whether the run has a row over a link other than loopback, and so the Across links section. */
    static boolean applies(RunData run) {
        return !farLinks(run).isEmpty();
    }

    /** Every link of the run but loopback, in the dimension's display order. */
    static List<String> farLinks(RunData run) {
        return PeersViews.links(run).stream().filter(link -> !link.equals(LOOPBACK)).toList();
    }

    /** The payload sizes with a latency row over {@code link} at {@code placement}, smallest first. */
    static List<Integer> sizes(RunData run, String link, String placement) {
        TreeSet<Integer> sizes = new TreeSet<>();
        PeersViews.overLink(run.allLatency(), link).stream().filter(r -> r.placement().equals(placement))
                .forEach(r -> sizes.add(r.payloadBytes()));
        return List.copyOf(sizes);
    }

    /** The latency twins over {@code link} at one placement and size, in display order. */
    static List<Twin<LatencyRow>> latency(RunData run, String link, String placement, int size) {
        return twins(run, run.allLatency(), link, r -> r.placement().equals(placement) && r.payloadBytes() == size);
    }

    /** The throughput twins over {@code link} at one placement, in display order, then by size. */
    static List<Twin<ThroughputRow>> throughput(RunData run, String link, String placement) {
        return twins(run, run.allThroughput(), link, r -> r.placement().equals(placement));
    }

    /** The latency mechanisms at one placement and size that were measured over loopback only ({@link #name}). */
    static List<String> latencyLoopbackOnly(RunData run, String link, String placement, int size) {
        return loopbackOnly(run, run.allLatency(), link, r -> r.placement().equals(placement)
                && r.payloadBytes() == size);
    }

    /** The throughput mechanisms at one placement that were measured over loopback only ({@link #name}). */
    static List<String> throughputLoopbackOnly(RunData run, String link, String placement) {
        return loopbackOnly(run, run.allThroughput(), link, r -> r.placement().equals(placement));
    }

    /** The far row's p50 over its loopback twin's, with the crosswise interval; empty without both rows. */
    static Optional<JvmShare.Ratio> p50(Twin<LatencyRow> twin) {
        if (twin.loopback().isEmpty() || twin.over().isEmpty()) {
            return Optional.empty();
        }
        LatencyRow over = twin.over().get();
        LatencyRow loopback = twin.loopback().get();
        return Optional.of(JvmShare.Ratio.of(over.p50Ns(), over.p50NsCi(), over.repeats().ciLevel(),
                loopback.p50Ns(), loopback.p50NsCi(), loopback.repeats().ciLevel()));
    }

    /**
     * The far row's p99 over its loopback twin's, a point; empty without both rows or when either p99 rests on too few
     * round trips to be printed ({@link RunTables#supports}).
     */
    static Optional<Double> p99(Twin<LatencyRow> twin) {
        if (twin.loopback().isEmpty() || twin.over().isEmpty()) {
            return Optional.empty();
        }
        LatencyRow over = twin.over().get();
        LatencyRow loopback = twin.loopback().get();
        if (!RunTables.supports(over.samples(), 0.99) || !RunTables.supports(loopback.samples(), 0.99)) {
            return Optional.empty();
        }
        return Optional.of((double) over.p99Ns() / loopback.p99Ns());
    }

    /** The far row's bytes/s over its loopback twin's, with the crosswise interval; empty without both rows. */
    static Optional<JvmShare.Ratio> bytesPerS(Twin<ThroughputRow> twin) {
        if (twin.loopback().isEmpty() || twin.over().isEmpty()) {
            return Optional.empty();
        }
        ThroughputRow over = twin.over().get();
        ThroughputRow loopback = twin.loopback().get();
        return Optional.of(JvmShare.Ratio.of(over.bytesPerS(), over.bytesPerSCi(), over.repeats().ciLevel(),
                loopback.bytesPerS(), loopback.bytesPerSCi(), loopback.repeats().ciLevel()));
    }

    /**
     * A row's name in this section's tables and chart: {@code tcp}, {@code tcp (spin)}, then its io path and peers
     * when not at their defaults ({@code tcp direct}), as the JVM share chart names its groups.
     */
    static String name(Keyed row) {
        String io = row.key().get(Dimension.IO);
        return RunTables.withWait(row.mechanism(), row.waitStrategy())
                + (io.equals(Dimension.IO.defaultValue()) ? "" : " " + io)
                + (row.peers().equals(Dimension.PEERS.defaultValue()) ? "" : " · " + row.peers());
    }

    /**
     * The first screen's line at a placement: per far link, at the smallest size measured over it, how many times
     * their loopback time the views' round trips take there (p50, with the ratio's interval): the one mechanism, or
     * the smallest and the largest ratio. Empty when no far row has a loopback twin there.
     */
    static Optional<String> firstScreen(RunData run, String placement, String at) {
        List<String> parts = new ArrayList<>();
        boolean tie = false;
        for (String link : farLinks(run)) {
            List<Twin<LatencyRow>> shown = new ArrayList<>();
            for (int size : sizes(run, link, placement)) {
                shown = latency(run, link, placement, size).stream().filter(t -> inViews(run, t.row())
                        && p50(t).isPresent()).sorted(Comparator.comparingDouble(t -> p50(t).get().value())).toList();
                if (!shown.isEmpty()) {
                    break;
                }
            }
            if (shown.isEmpty()) {
                continue;
            }
            Twin<LatencyRow> least = shown.get(0);
            Twin<LatencyRow> most = shown.get(shown.size() - 1);
            tie |= p50(least).get().tie() || p50(most).get().tie();
            String size = Numbers.bytes(least.row().payloadBytes()) + at;
            parts.add(shown.size() == 1
                    ? "over " + link + ", " + name(least.row()) + " round trips at " + size + " take " + ratio(least)
                            + " their loopback time (p50)"
                    : "over " + link + ", round trips at " + size + " take from " + ratio(least) + " ("
                            + name(least.row()) + ") to " + ratio(most) + " (" + name(most.row()) + ") their loopback "
                            + "time (p50, " + shown.size() + " mechanisms)");
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String line = String.join("; ", parts);
        return Optional.of(Character.toUpperCase(line.charAt(0)) + line.substring(1) + "; Across links has each."
                + (tie ? " " + RunTables.TIE_MARK + " before a ratio: not told apart from 1." : ""));
    }

    private static String ratio(Twin<LatencyRow> twin) {
        JvmShare.Ratio ratio = p50(twin).orElseThrow();
        return ratio.shown() + " " + ratio.shownInterval();
    }

    /** Whether a row is of the peers and io path the report's views show. */
    private static boolean inViews(RunData run, Keyed row) {
        return row.peers().equals(run.shownPeers()) && row.key().get(Dimension.IO).equals(PeersViews.shownIo(run));
    }

    /**
     * Every row over {@code link} that {@code where} takes, with its loopback twin, and every loopback row of the
     * views whose mechanism crossed the link elsewhere but has no twin here (a far row that failed); in display
     * order, then by size.
     */
    private static <T extends Keyed> List<Twin<T>> twins(RunData run, List<T> rows, String link, Predicate<T> where) {
        Map<ResultKey, T> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.key(), row));
        Set<String> crossing = crossing(rows, link);
        List<Twin<T>> twins = new ArrayList<>();
        for (T over : PeersViews.overLink(rows, link)) {
            if (where.test(over)) {
                twins.add(new Twin<>(Optional.ofNullable(byKey.get(over.key().with(Dimension.LINK, LOOPBACK))),
                        Optional.of(over)));
            }
        }
        for (T loopback : loopbackViews(run, rows)) {
            if (where.test(loopback) && crossing.contains(name(loopback))
                    && !byKey.containsKey(loopback.key().with(Dimension.LINK, link))) {
                twins.add(new Twin<>(Optional.of(loopback), Optional.empty()));
            }
        }
        List<String> order = new SeriesStyles(rows.stream().map(Keyed::mechanism).toList(), List.of(run)).ordered();
        twins.sort(Comparator.comparingInt((Twin<T> t) -> order.indexOf(t.row().mechanism()))
                .thenComparing(t -> t.row().waitStrategy())
                .thenComparingInt(t -> PeersViews.rank(t.row().peers()))
                .thenComparing(t -> t.row().key().get(Dimension.IO), Dimension.IO.displayOrder())
                .thenComparingInt(t -> t.row().payloadBytes()));
        return twins;
    }

    /** The views' loopback rows {@code where} takes whose mechanism (and wait) has no row over {@code link}. */
    private static <T extends Keyed> List<String> loopbackOnly(RunData run, List<T> rows, String link,
                                                               Predicate<T> where) {
        Set<String> crossing = crossing(rows, link);
        Set<String> only = new LinkedHashSet<>();
        List<String> order = new SeriesStyles(rows.stream().map(Keyed::mechanism).toList(), List.of(run)).ordered();
        loopbackViews(run, rows).stream().filter(where)
                .sorted(Comparator.comparingInt((T r) -> order.indexOf(r.mechanism()))
                        .thenComparing(Keyed::waitStrategy))
                .map(AcrossLinks::name).filter(name -> !crossing.contains(name)).forEach(only::add);
        return List.copyOf(only);
    }

    /** The names ({@link #name}) of the rows over {@code link}, at any size and placement. */
    private static <T extends Keyed> Set<String> crossing(List<T> rows, String link) {
        Set<String> names = new HashSet<>();
        PeersViews.overLink(rows, link).forEach(row -> names.add(name(row)));
        return names;
    }

    /** The loopback rows of the peers and io path the views show. */
    private static <T extends Keyed> List<T> loopbackViews(RunData run, List<T> rows) {
        return PeersViews.of(rows, run.shownPeers(), PeersViews.shownIo(run), LOOPBACK);
    }
}
