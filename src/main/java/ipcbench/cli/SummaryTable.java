package ipcbench.cli;

import ipcbench.results.CostRow;
import ipcbench.results.Dimension;
import ipcbench.results.JmhOutcome;
import ipcbench.results.LatencyRow;
import ipcbench.results.Repeats;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The readable end of a run: per mechanism and size the p50 and p99 round trip, the CPU both processes spent per
 * round trip (client + echo server, whole processes: the honest total; the hot threads' share is in cost.csv) and
 * the throughput, each with the interval of its median over repeats, the forks behind it and a {@code ~} when the
 * steady-state check flagged it; then a legend and where the files are.
 */
final class SummaryTable {
    static final String UNSTABLE_MARK = "~";

    private SummaryTable() {
    }

    /** One line of the table: a benchmark's latency and throughput rows (either may be absent) and its CPU cost. */
    private record Line(String mechanism, int payloadBytes, String placement, String waitShown, LatencyRow latency,
                        ThroughputRow throughput, double cpuMicros) {
        Line with(LatencyRow row, double cpu) {
            return new Line(mechanism, payloadBytes, placement, waitShown, row, throughput, cpu);
        }

        Line with(ThroughputRow row) {
            return new Line(mechanism, payloadBytes, placement, waitShown, latency, row, cpuMicros);
        }
    }

    /** A column: its header, whether it is text (left-aligned) or a number, and its cell of a line. */
    private record Column(String header, boolean text, Function<Line, String> cell) {
    }

    private static final String NONE = "-";

    /** The table's columns, in order; a cell of a row a line lacks is {@link #NONE}. */
    private static List<Column> columns(boolean namePeers) {
        return List.of(
                new Column("mechanism", true, Line::mechanism),
                new Column("payload", true, line -> Sizes.format(line.payloadBytes())),
                new Column("placement", true, Line::placement),
                new Column(namePeers ? "wait peers" : "wait", true, Line::waitShown),
                new Column("forks", false, line -> line.throughput() != null
                        ? Integer.toString(line.throughput().repeats().forks())
                        : Integer.toString(line.latency().repeats().forks())),
                new Column("p50 µs [interval]", false, latency(r -> micros(r.p50Ns()) + " "
                        + interval(r.p50NsCi().low() / 1000, r.p50NsCi().high() / 1000, "%.2f") + mark(r.repeats()))),
                new Column("CPU µs/rt", false, line -> line.latency() == null || Double.isNaN(line.cpuMicros()) ? NONE
                        : String.format(Locale.ROOT, "%.2f", line.cpuMicros())),
                new Column("p99 µs [interval]", false, latency(r -> micros(r.p99Ns()) + " "
                        + interval(r.p99NsCi().low() / 1000, r.p99NsCi().high() / 1000, "%.2f") + mark(r.repeats()))),
                new Column("p99.9 µs", false, latency(r -> micros(r.p99_9Ns()))),
                new Column("MB/s [interval]", false, throughput(r -> String.format(Locale.ROOT, "%.1f",
                        r.bytesPerS() / 1e6) + " " + interval(r.bytesPerSCi().low() / 1e6, r.bytesPerSCi().high() / 1e6,
                        "%.1f") + mark(r.repeats()))),
                new Column("msgs/s", false, throughput(r -> String.format(Locale.ROOT, "%.0f", r.messagesPerS()))));
    }

    private static Function<Line, String> latency(Function<LatencyRow, String> cell) {
        return line -> line.latency() == null ? NONE : cell.apply(line.latency());
    }

    private static Function<Line, String> throughput(Function<ThroughputRow, String> cell) {
        return line -> line.throughput() == null ? NONE : cell.apply(line.throughput());
    }

    private static String mark(Repeats repeats) {
        return repeats.stable() ? "" : UNSTABLE_MARK;
    }

    static void print(PrintStream out, List<LatencyRow> latency, List<ThroughputRow> throughput, List<CostRow> cost,
                      List<RunInfo.Skipped> skipped, List<String> failed, RunLayout layout) {
        Map<String, Line> lines = new TreeMap<>();
        List<String> unstable = new ArrayList<>();
        java.util.Set<String> peersSeen = new java.util.TreeSet<>();
        latency.forEach(r -> peersSeen.add(r.peers()));
        throughput.forEach(r -> peersSeen.add(r.peers()));
        boolean namePeers = peersSeen.size() > 1 || !peersSeen.isEmpty()
                && !peersSeen.contains(Dimension.PEERS.defaultValue());
        boolean withinFork = false;
        double level = Double.NaN;
        for (LatencyRow r : latency) {
            String wait = shown(r.waitStrategy(), r.peers(), namePeers);
            double cpuMicros = CostRow.bothSidesCpuMicros(cost, r.key(), JmhOutcome.LATENCY, CostRow.PROCESS);
            String placement = placementShown(r.key());
            lines.merge(sortKey(r.mechanism(), r.payloadBytes(), placement, wait),
                    new Line(r.mechanism(), r.payloadBytes(), placement, wait, r, null, cpuMicros),
                    (old, added) -> old.with(r, cpuMicros));
            withinFork |= r.repeats().withinFork();
            level = lowest(level, r.repeats().ciLevel());
            if (!r.repeats().stable()) {
                unstable.add("latency " + r.mechanism() + " " + Sizes.format(r.payloadBytes())
                        + beyondPlacement(placement) + " " + wait + ": " + r.repeats().stabilityNote());
            }
        }
        for (ThroughputRow r : throughput) {
            String wait = shown(r.waitStrategy(), r.peers(), namePeers);
            String placement = placementShown(r.key());
            lines.merge(sortKey(r.mechanism(), r.payloadBytes(), placement, wait),
                    new Line(r.mechanism(), r.payloadBytes(), placement, wait, null, r, Double.NaN),
                    (old, added) -> old.with(r));
            withinFork |= r.repeats().withinFork();
            level = lowest(level, r.repeats().ciLevel());
            if (!r.repeats().stable()) {
                unstable.add("throughput " + r.mechanism() + " " + Sizes.format(r.payloadBytes())
                        + beyondPlacement(placement) + " " + wait + ": " + r.repeats().stabilityNote());
            }
        }
        List<Column> columns = columns(namePeers);
        List<String[]> table = new ArrayList<>();
        table.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (Line line : lines.values()) {
            table.add(columns.stream().map(column -> column.cell().apply(line)).toArray(String[]::new));
        }
        out.println();
        printAligned(out, table, columns);
        out.println();
        out.printf(Locale.ROOT, "[low–high]: interval of the median over %s, coverage at least %.0f%%%s%n",
                withinFork ? "the measurement iterations of one fork" : "forks",
                Double.isNaN(level) ? 0 : level * 100,
                withinFork ? " — within one fork, so it understates run-to-run noise" : "");
        out.println("CPU µs/rt: CPU time of both processes (client JMH fork + echo server) per round trip over the "
                + "measurement, from the kernel's schedstat; per side and thread in cost.csv");
        for (CostRow c : cost) {
            if (c.scope().equals(CostRow.THREAD) && c.migrations() > 0 && !c.placement().equals("none")) {
                out.println("migrated " + c.mechanism() + " " + Sizes.format(c.payloadBytes()) + " " + c.mode() + ": the "
                        + c.side() + "'s pinned hot thread moved CPU " + (long) c.migrations() + " time(s)");
            }
        }
        out.println(UNSTABLE_MARK + " after a value: not in a steady state (trend or spread across iterations, or JMH's "
                + "mean differs from the histogram's):");
        for (String line : unstable) {
            out.println("  " + line);
        }
        skippedLines(skipped).forEach(line -> out.println("skipped " + line));
        for (String f : failed) {
            out.println("FAILED  " + f + " (see " + layout.jmhLog() + " and " + layout.logsDir() + ")");
        }
        out.println();
        out.println("run.json        " + layout.runJson());
        out.println("latency.csv     " + layout.latencyCsv());
        out.println("throughput.csv  " + layout.throughputCsv());
        out.println("forks.csv       " + layout.forksCsv() + " (one value per fork)");
        out.println("iterations.csv  " + layout.iterationsCsv() + " (one value per measurement iteration)");
        out.println("histograms      " + layout.latencyDir() + " (.hlog: HdrHistogram log in ns; .hgrm: percentiles in µs)");
        out.println("JMH results     " + layout.jmhResultJson());
        if (java.nio.file.Files.exists(layout.costCsv())) {
            out.println("cost.csv        " + layout.costCsv() + " (CPU and context switches per operation, both sides)");
        }
        if (java.nio.file.Files.exists(layout.allocationCsv())) {
            out.println("allocation.csv  " + layout.allocationCsv() + " (bytes per operation, JMH gc profiler)");
        }
    }

    /** {@code [8.80–9.30]}, or {@code [?]} when unknown. */
    static String interval(double low, double high, String format) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return "[?]";
        }
        return "[" + String.format(Locale.ROOT, format, low) + "–" + String.format(Locale.ROOT, format, high) + "]";
    }

    private static double lowest(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /**
     * The placement cell: the placement, then every other dimension not at its default but wait and peers, which the
     * wait cell shows ({@code cross/direct}, {@code cross/netns-veth}), so that rows of one mechanism and size stay
     * apart.
     */
    private static String placementShown(ResultKey key) {
        return key.placementShownWithout(List.of(Dimension.WAIT, Dimension.PEERS));
    }

    /** The wait cell: the strategy, then the peers when the run has other peers than jvm-jvm. */
    /** A placement cell's dimensions past the run's one placement ({@code " fanin/4"}), for the notes; else "". */
    private static String beyondPlacement(String placementCell) {
        int slash = placementCell.indexOf('/');
        return slash < 0 ? "" : " " + placementCell.substring(slash + 1);
    }

    private static String shown(String wait, String peers, boolean namePeers) {
        return namePeers ? wait + " " + peers : wait;
    }

    private static String sortKey(String mechanism, int payloadBytes, String placement, String wait) {
        return String.format(Locale.ROOT, "%s %012d %s %s", mechanism, payloadBytes, placement, wait);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1000.0);
    }

    private static void printAligned(PrintStream out, List<String[]> table, List<Column> columns) {
        int[] widths = new int[table.get(0).length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(columns.get(i).text() ? cell + pad : pad + cell).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * {@code shm, posix-mq: no direct io path: ...}: the skipped combinations, one line per reason (and size), the
     * mechanisms named in plan order; {@code --io both} alone skips a dozen mechanisms for the same reason.
     */
    static List<String> skippedLines(List<RunInfo.Skipped> skipped) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (RunInfo.Skipped s : skipped) {
            byReason.computeIfAbsent((s.payloadBytes() == null ? "" : " at " + Sizes.format(s.payloadBytes())) + ": "
                    + s.reason(), reason -> new ArrayList<>()).add(s.mechanism());
        }
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, ids) -> lines.add(String.join(", ", ids) + reason));
        return lines;
    }
}
