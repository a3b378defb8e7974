package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The report's "JVM share" section, present when a run measured latency with more than one peers value: per
 * mechanism, at 64 B and 64 KiB (or the smallest and largest size when neither was measured), p50 and p99 of its
 * jvm-jvm, jvm-native and native-native rows and each one's ratio to native-native, the round trip without a JVM.
 *
 * <p>A ratio's interval divides the two rows' intervals of the median crosswise, [low ÷ reference high, high ÷
 * reference low]: whenever both intervals hold their medians the true ratio of medians lies inside, so it covers
 * at least the product of the two coverages. It holds 1 exactly when the two intervals overlap: such a ratio is a
 * tie, marked as ranks are ({@link RunTables#TIE_MARK}). Rows differing in wait strategy are kept apart; only the rows
 * over the link the views show take part (loopback: the C peers run over nothing else).
 */
final class JvmShare {
    static final int SMALL_PAYLOAD_BYTES = 64;
    static final int LARGE_PAYLOAD_BYTES = 64 * 1024;
    private static final String JDK = "jdk";
    private static final String DIRECT = "direct";

    private JvmShare() {
    }

    /**
     * A value's ratio to the reference's, with the crosswise interval ({@link Interval#UNKNOWN} when either interval
     * is) and that interval's least coverage (NaN when unknown).
     */
    record Ratio(double value, Interval interval, double coverage) {
        static Ratio of(double value, Interval ci, double level, double reference, Interval referenceCi,
                        double referenceLevel) {
            Interval crosswise = ci.known() && referenceCi.known() && referenceCi.low() > 0
                    ? new Interval(ci.low() / referenceCi.high(), ci.high() / referenceCi.low()) : Interval.UNKNOWN;
            return new Ratio(value / reference, crosswise,
                    crosswise.known() ? level * referenceLevel : Double.NaN);
        }

        /** Whether the data cannot tell the ratio from 1: its interval holds 1 (the two intervals overlap). */
        boolean tie() {
            return interval.known() && interval.low() <= 1 && 1 <= interval.high();
        }

        /** {@code 1.23×}, or {@code =1.02×} for a tie. */
        String shown() {
            return (tie() ? RunTables.TIE_MARK : "") + AtAGlance.times(value);
        }

        String shownInterval() {
            return interval.known() ? "[" + Numbers.significant(interval.low()) + "–"
                    + Numbers.significant(interval.high()) + "]" : "n/a";
        }
    }

    /**
     * One row of the table: a mechanism (and wait strategy) at one peers value and io path, with its ratios to
     * native-native and, on a JDK-path row with a direct row beside it, what the JDK's path adds per call.
     */
    record Line(LatencyRow row, Optional<Ratio> p50, Optional<Ratio> p99, Optional<PerCall> jdkPerCall) {
        String mechanism() {
            return RunTables.withWait(row.mechanism(), row.waitStrategy());
        }

        String io() {
            return row.key().get(Dimension.IO);
        }
    }

    /** System calls in one round trip of a descriptor mechanism: a write and a read on each side. */
    static final int CALLS_PER_ROUND_TRIP = 4;

    /**
     * What the JDK's path adds per call: (jdk p50 − direct p50) ÷ {@link #CALLS_PER_ROUND_TRIP}, both rows of the
     * same peers, with the crosswise interval of the difference [jdk low − direct high, jdk high − direct low] ÷ 4,
     * which holds the true difference whenever both intervals hold their medians.
     */
    record PerCall(double ns, Interval interval) {
        static PerCall of(LatencyRow jdk, LatencyRow direct) {
            Interval a = jdk.p50NsCi();
            Interval b = direct.p50NsCi();
            Interval difference = a.known() && b.known()
                    ? new Interval((a.low() - b.high()) / CALLS_PER_ROUND_TRIP,
                    (a.high() - b.low()) / CALLS_PER_ROUND_TRIP) : Interval.UNKNOWN;
            return new PerCall((double) (jdk.p50Ns() - direct.p50Ns()) / CALLS_PER_ROUND_TRIP, difference);
        }

        String shown() {
            String tie = interval.known() && interval.low() <= 0 && 0 <= interval.high() ? RunTables.TIE_MARK : "";
            return tie + Numbers.whole(ns) + (interval.known() ? " [" + Numbers.whole(interval.low()) + "–"
                    + Numbers.whole(interval.high()) + "]" : "");
        }
    }

    /** Every latency row over the link the views show, of every peers value and io path: the section's rows. */
    private static List<LatencyRow> rows(RunData run) {
        return PeersViews.overLink(run.allLatency(), run.shownLink());
    }

    /** Whether the run has latency rows of more than one peers value, and so the section. */
    static boolean applies(RunData run) {
        return rows(run).stream().map(LatencyRow::peers).distinct().count() > 1;
    }

    /** The sizes the section shows at a placement: 64 B and 64 KiB where measured, else the smallest and largest. */
    static List<Integer> sizes(List<LatencyRow> rows) {
        TreeSet<Integer> measured = new TreeSet<>();
        rows.forEach(row -> measured.add(row.payloadBytes()));
        if (measured.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int size : new int[] {SMALL_PAYLOAD_BYTES, LARGE_PAYLOAD_BYTES}) {
            if (measured.contains(size)) {
                chosen.add(size);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(measured.first());
            chosen.add(measured.last());
        }
        return List.copyOf(chosen);
    }

    /**
     * The lines at one placement and size, grouped by mechanism in display order, peers in {@link PeersViews#ORDER}:
     * every mechanism (and wait strategy) with rows of two or more peers values there.
     */
    static List<Line> lines(RunData run, String placement, int payloadBytes) {
        Map<String, List<LatencyRow>> byMechanism = new LinkedHashMap<>();
        List<LatencyRow> atSize = rows(run).stream()
                .filter(r -> r.placement().equals(placement) && r.payloadBytes() == payloadBytes).toList();
        List<String> order = new SeriesStyles(atSize.stream().map(LatencyRow::mechanism).toList(), List.of(run))
                .ordered();
        atSize.stream().sorted(Comparator.comparingInt((LatencyRow r) -> order.indexOf(r.mechanism()))
                        .thenComparing(LatencyRow::waitStrategy)
                        .thenComparingInt(r -> PeersViews.rank(r.peers()))
                        .thenComparing(r -> r.key().get(Dimension.IO), Dimension.IO.displayOrder()))
                .forEach(r -> byMechanism.computeIfAbsent(r.mechanism() + " " + r.waitStrategy(),
                        key -> new ArrayList<>()).add(r));
        List<Line> lines = new ArrayList<>();
        for (List<LatencyRow> rows : byMechanism.values()) {
            if (rows.size() < 2) {
                continue;
            }
            Optional<LatencyRow> reference = rows.stream()
                    .filter(r -> r.peers().equals(PeersViews.NATIVE_NATIVE)).findFirst();
            for (LatencyRow row : rows) {
                Optional<PerCall> perCall = Optional.empty();
                if (row.key().get(Dimension.IO).equals(JDK) && !row.peers().equals(PeersViews.NATIVE_NATIVE)) {
                    perCall = rows.stream().filter(r -> r.peers().equals(row.peers())
                            && r.key().get(Dimension.IO).equals(DIRECT)).findFirst().map(d -> PerCall.of(row, d));
                }
                lines.add(new Line(row, reference.map(ref -> Ratio.of(row.p50Ns(), row.p50NsCi(),
                        row.repeats().ciLevel(), ref.p50Ns(), ref.p50NsCi(), ref.repeats().ciLevel())),
                        reference.map(ref -> Ratio.of(row.p99Ns(), row.p99NsCi(), row.repeats().ciLevel(),
                                ref.p99Ns(), ref.p99NsCi(), ref.repeats().ciLevel())), perCall));
            }
        }
        return lines;
    }

    static void write(ReportDocument doc, RunData run) {
        if (!applies(run)) {
            return;
        }
        doc.heading(2, "JVM share: the same round trip with Java and C ends");
        doc.paragraph("Each mechanism below was measured with two or three kinds of ends, interleaved within this run (same payload, "
                + "placement and measuring window, the peers alternating), so that a host drifting during the run "
                + "moves them alike: jvm-jvm, the JMH client and the Java echo server (what a Java program gets); "
                + "jvm-native, the same JMH client against a C echo server (the client side's JVM alone); "
                + "native-native, a C client against the C echo server, one clock read per round trip (the mechanism "
                + "without a JVM). \"÷ native-native\" is the ratio of a row's median (p50 or p99) to the "
                + "native-native row's of the same mechanism, size and placement: 1.30× means the JVM ends add 30% to "
                + "the round trip. Its interval divides the two intervals of the median crosswise ([low ÷ the other's "
                + "high, high ÷ the other's low]): it holds the true ratio whenever both intervals hold their medians, "
                + "so its coverage is at least the product of theirs (the last column). " + RunTables.TIE_MARK
                + " before a ratio: its interval holds 1 (the two rows' intervals overlap), so this run cannot tell the "
                + "two apart. " + RunTables.UNSTABLE_MARK + " after a value: not in a steady state."
                + (PeersViews.ios(run).contains(DIRECT) ? " io says how the Java ends made their system calls: jdk "
                + "through the JDK's channels, direct through plain read/write on the same descriptors (bound by "
                + directBinding(run) + "); C ends make their own. \"JDK adds per call\" is (jdk p50 − direct p50) ÷ "
                + CALLS_PER_ROUND_TRIP + ", the round trip's write and read on each side, in ns, with the crosswise "
                + "interval of the difference; " + RunTables.TIE_MARK + ": that interval holds 0." : ""));
        for (String placement : run.placements()) {
            List<LatencyRow> atPlacement = rows(run).stream()
                    .filter(r -> r.placement().equals(placement)).toList();
            for (int size : sizes(atPlacement)) {
                List<Line> lines = lines(run, placement, size);
                doc.heading(3, "JVM share at " + Numbers.bytes(size) + ", placement " + placement);
                if (lines.isEmpty()) {
                    doc.paragraph("No mechanism was measured with more than one kind of ends at this size.");
                    continue;
                }
                doc.plainTable(List.of("mechanism", "peers", "io", "p50 (µs)", "p50 interval",
                        "p50 ÷ native-native", "its interval", "p99 (µs)", "p99 interval", "p99 ÷ native-native",
                        "its interval", "ratio coverage ≥", "JDK adds per call (ns)"), new boolean[] {false, false,
                        false, true, true, true, true, true, true, true, true, true, true},
                        lines.stream().map(JvmShare::cells).toList());
            }
            List<String> single = singlePeers(run, placement);
            if (!single.isEmpty()) {
                doc.paragraph("Measured with one kind of ends only, so not in this section (no C peer for the "
                        + "mechanism, or not asked for; see Skipped mechanisms): " + String.join(", ", single) + ".");
            }
        }
    }

    private static List<String> cells(Line line) {
        LatencyRow row = line.row();
        String mark = RunTables.unstableMark(row.repeats());
        boolean reference = row.peers().equals(PeersViews.NATIVE_NATIVE);
        String none = "n/a: no native-native row";
        String coverage = line.p50().map(Ratio::coverage).filter(c -> !Double.isNaN(c))
                .map(c -> Numbers.fixed(c * 100, 0) + "%").orElse("n/a");
        return List.of(line.mechanism(), row.peers(), row.peers().equals(PeersViews.NATIVE_NATIVE) ? "C"
                        : line.io(), Numbers.micros(row.p50Ns()) + mark,
                interval(row.p50NsCi()),
                reference ? "reference" : line.p50().map(Ratio::shown).orElse(none),
                reference ? "" : line.p50().map(Ratio::shownInterval).orElse(""),
                Numbers.micros(row.p99Ns()) + mark, interval(row.p99NsCi()),
                reference ? "reference" : line.p99().map(Ratio::shown).orElse(none),
                reference ? "" : line.p99().map(Ratio::shownInterval).orElse(""),
                reference ? "" : coverage, line.jdkPerCall().map(PerCall::shown).orElse(""));
    }

    /** What bound the direct path's calls, as run.json recorded it: FFM or jnr-ffi. */
    static String directBinding(RunData run) {
        java.util.Map<String, String> libraries = run.info().environment() == null ? null
                : run.info().environment().libraryVersions();
        String binding = libraries == null ? null : libraries.get(RunInfo.Environment.DIRECT_IO_BINDING);
        return binding == null ? "a binding run.json does not name" : binding;
    }

    /**
     * The At a glance sentence, at the first size the section shows of each placement: the mechanisms with the
     * largest and the smallest p50 share (jvm-jvm through the JDK's path ÷ native-native); empty without such pairs.
     */
    static List<String> glance(RunData run) {
        if (!applies(run)) {
            return List.of();
        }
        List<String> sentences = new ArrayList<>();
        for (String placement : run.placements()) {
            List<Integer> sizes = sizes(rows(run).stream().filter(r -> r.placement().equals(placement))
                    .toList());
            if (sizes.isEmpty()) {
                continue;
            }
            int size = sizes.get(0);
            List<Line> shares = lines(run, placement, size).stream()
                    .filter(l -> l.row().peers().equals(Dimension.PEERS.defaultValue()) && l.io().equals(JDK)
                            && l.p50().isPresent())
                    .sorted(Comparator.comparingDouble(l -> l.p50().get().value())).toList();
            if (shares.isEmpty()) {
                continue;
            }
            Line smallest = shares.get(0);
            Line largest = shares.get(shares.size() - 1);
            String where = run.placements().size() > 1 ? ", placement " + placement : "";
            sentences.add("JVM share of the round trip at " + Numbers.bytes(size) + where + " (p50, jvm-jvm ÷ "
                    + "native-native, " + shares.size() + " mechanisms): largest " + share(largest)
                    + (shares.size() > 1 ? ", smallest " + share(smallest) : "") + "."
                    + (largest.p50().get().tie() || smallest.p50().get().tie()
                            ? " " + RunTables.TIE_MARK + " before a ratio: not told apart from 1." : "")
                    + " The full table is under JVM share.");
        }
        return sentences;
    }

    /**
     * The first screen's line when the JDK's own path is what separates Java from C, at a placement's first size the
     * section shows: the mechanisms whose jvm-jvm jdk row is apart from native-native (its p50 ratio's interval above
     * 1) while the direct row is tied with it ("all that separates"), or apart from the jdk row, its p50 interval
     * wholly below ("part of"). Empty when no mechanism is either, or the run has no direct rows.
     */
    static Optional<String> firstScreen(RunData run, String placement, String at) {
        List<Integer> sizes = sizes(rows(run).stream().filter(r -> r.placement().equals(placement)).toList());
        if (sizes.isEmpty() || !PeersViews.ios(run).contains(DIRECT)) {
            return Optional.empty();
        }
        List<Line> lines = lines(run, placement, sizes.get(0)).stream()
                .filter(l -> l.row().peers().equals(PeersViews.JVM_JVM) && l.p50().isPresent()).toList();
        List<String> all = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (Line jdk : lines) {
            Ratio jdkRatio = jdk.p50().get();
            if (!jdk.io().equals(JDK) || jdkRatio.tie() || jdkRatio.value() < 1) {
                continue;
            }
            for (Line direct : lines) {
                if (!direct.io().equals(DIRECT) || !direct.mechanism().equals(jdk.mechanism())) {
                    continue;
                }
                String shown = jdk.mechanism() + " " + jdkRatio.shown() + " → " + direct.p50().get().shown();
                Interval jdkCi = jdk.row().p50NsCi();
                Interval directCi = direct.row().p50NsCi();
                if (direct.p50().get().tie()) {
                    all.add(shown);
                } else if (jdkCi.known() && directCi.known() && directCi.high() < jdkCi.low()) {
                    part.add(shown);
                }
            }
        }
        if (all.isEmpty() && part.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("JVM share at " + Numbers.bytes(sizes.get(0)) + at + " (p50 ÷ native-native, the JDK's "
                + "channels → plain read/write): the JDK's path is "
                + (all.isEmpty() ? "" : "all that separates Java from C for " + String.join(", ", all))
                + (all.isEmpty() || part.isEmpty() ? "" : "; it is ")
                + (part.isEmpty() ? "" : "part of what separates " + (all.isEmpty() ? "Java from C" : "them") + " for "
                + String.join(", ", part)) + ".");
    }

    private static String share(Line line) {
        Ratio ratio = line.p50().orElseThrow();
        return line.mechanism() + " " + ratio.shown() + " " + ratio.shownInterval();
    }

    /** Mechanisms at a placement whose latency rows all have one peers value, with it: {@code rmi (jvm-jvm)}. */
    static List<String> singlePeers(RunData run, String placement) {
        Map<String, TreeSet<String>> peersByMechanism = new LinkedHashMap<>();
        rows(run).stream().filter(r -> r.placement().equals(placement))
                .forEach(r -> peersByMechanism.computeIfAbsent(r.mechanism(), id -> new TreeSet<>()).add(r.peers()));
        List<String> single = new ArrayList<>();
        for (String id : new SeriesStyles(peersByMechanism.keySet(), List.of(run)).ordered()) {
            if (peersByMechanism.get(id).size() == 1) {
                single.add(id + " (" + peersByMechanism.get(id).first() + ")");
            }
        }
        return single;
    }

    private static String interval(Interval ci) {
        return ci.known() ? "[" + Numbers.micros(ci.low()) + "–" + Numbers.micros(ci.high()) + "]" : "n/a";
    }

}
