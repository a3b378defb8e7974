package ipcbench.cli;

import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The readable end of a run: percentiles and throughput per mechanism and size, then where the files are. */
final class SummaryTable {
    private SummaryTable() {
    }

    static void print(PrintStream out, List<LatencyRow> latency, List<ThroughputRow> throughput,
                      List<RunInfo.Skipped> skipped, List<String> failed, RunLayout layout) {
        Map<String, String[]> rows = new TreeMap<>();
        for (LatencyRow r : latency) {
            String[] row = rows.computeIfAbsent(sortKey(r.mechanism(), r.payloadBytes(), r.placement()),
                    k -> blankRow(r.mechanism(), r.payloadBytes(), r.placement()));
            row[3] = micros(r.p50Ns());
            row[4] = micros(r.p99Ns());
            row[5] = micros(r.p99_9Ns());
        }
        for (ThroughputRow r : throughput) {
            String[] row = rows.computeIfAbsent(sortKey(r.mechanism(), r.payloadBytes(), r.placement()),
                    k -> blankRow(r.mechanism(), r.payloadBytes(), r.placement()));
            row[6] = String.format(Locale.ROOT, "%.1f", r.bytesPerS() / 1e6);
            row[7] = Double.isNaN(r.bytesPerSError()) ? "-" : String.format(Locale.ROOT, "%.1f", r.bytesPerSError() / 1e6);
            row[8] = String.format(Locale.ROOT, "%.0f", r.messagesPerS());
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"mechanism", "payload", "placement", "p50 µs", "p99 µs", "p99.9 µs", "MB/s", "± MB/s",
                "msgs/s"});
        table.addAll(rows.values());
        out.println();
        printAligned(out, table);
        for (RunInfo.Skipped s : skipped) {
            out.println("skipped " + s.mechanism() + (s.payloadBytes() == null ? "" : " at " + Sizes.format(s.payloadBytes()))
                    + ": " + s.reason());
        }
        for (String f : failed) {
            out.println("FAILED  " + f + " (see " + layout.logsDir() + " and the JMH output above)");
        }
        out.println();
        out.println("run.json        " + layout.runJson());
        out.println("latency.csv     " + layout.latencyCsv());
        out.println("throughput.csv  " + layout.throughputCsv());
        out.println("histograms      " + layout.latencyDir() + " (.hlog: HdrHistogram log in ns; .hgrm: percentiles in µs)");
        out.println("JMH results     " + layout.jmhResultJson());
        if (java.nio.file.Files.exists(layout.allocationCsv())) {
            out.println("allocation.csv  " + layout.allocationCsv() + " (bytes per operation, JMH gc profiler)");
        }
    }

    private static String sortKey(String mechanism, int payloadBytes, String placement) {
        return String.format(Locale.ROOT, "%s %012d %s", mechanism, payloadBytes, placement);
    }

    private static String[] blankRow(String mechanism, int payloadBytes, String placement) {
        return new String[] {mechanism, Sizes.format(payloadBytes), placement, "-", "-", "-", "-", "-", "-"};
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1000.0);
    }

    private static void printAligned(PrintStream out, List<String[]> table) {
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
                line.append(i < 3 ? cell + pad : pad + cell).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
