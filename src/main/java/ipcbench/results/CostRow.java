package ipcbench.results;

import ipcbench.os.TaskCounters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of cost.csv: what one benchmark cost one side (the client JMH fork or the echo-server child) per
 * operation over all its measurement iterations and forks, for the hot thread or the whole process. An operation is
 * one round trip (latency) or one MESSAGE (throughput, not one batch). CPU is the kernel's run time (schedstat, ns),
 * split into user and system by the ratio of the tick counts; context switches are counted exactly; migrations are
 * the hot thread's total count over the measurement (empty for the process, and where the kernel does not count
 * them). Native-native benchmarks have no rows: the native pair measures latency
 * only, not its cost. Cells that cannot be known (no tick in the window to split by) are empty.
 *
 * <p>Each JMH fork writes its sums as a part file ({@link #partLine}, one line per side and scope) and
 * {@link #collect} merges them at the end of the run: per-fork CPU, switches and operations are summed, then divided.
 *
 * @param side  client | server
 * @param scope thread | process
 * @param mode  latency | throughput
 */
public record CostRow(ResultKey key, String mode, String side, String scope, double cpuNsPerOp, double userNsPerOp,
                      double sysNsPerOp, double volCsPerOp, double involCsPerOp, double migrations) implements Keyed {

    static final String COLUMNS = "mode,side,scope,cpu_ns_per_op,user_ns_per_op,sys_ns_per_op,vol_cs_per_op,"
            + "invol_cs_per_op,migrations";
    public static final String CLIENT = "client";
    public static final String SERVER = "server";
    public static final String THREAD = "thread";
    public static final String PROCESS = "process";

    /** The part files' own columns after the key: one fork's operations and summed counter deltas. */
    static final String PART_COLUMNS = "mode,side,scope,operations,run_ns,user_ticks,sys_ticks,vol_cs,invol_cs,"
            + "migrations";
    private static final List<String> SUMS = List.of("operations", "run_ns", "user_ticks", "sys_ticks", "vol_cs",
            "invol_cs", "migrations");

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    /** One part-file line: the key and one fork's sums over its measurement iterations. */
    public static String partLine(ResultKey key, String mode, String side, String scope, long operations,
                                  TaskCounters sums) {
        return String.join(",", key.cells(), mode, side, scope, Long.toString(operations), Long.toString(sums.runNs()),
                Long.toString(sums.userTicks()), Long.toString(sums.sysTicks()),
                Long.toString(sums.voluntarySwitches()), Long.toString(sums.involuntarySwitches()),
                Long.toString(sums.migrations()));
    }

    /** Writes one fork's part file. */
    public static void writePart(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Csv.keyedHeader(PART_COLUMNS) + "\n" + String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
    }

    /** What the part lines of one benchmark, side and scope are summed under. */
    private record Part(ResultKey key, String mode, String side, String scope) {
    }

    /**
     * Merges the forks' part files into rows, keeping only benchmarks JMH reported ({@code reported} holds
     * {@link #benchmarkKey}s), and deletes the parts and their directory.
     */
    public static List<CostRow> collect(RunLayout layout, Set<String> reported) throws IOException {
        Path dir = layout.costDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<Part, long[]> sums = new LinkedHashMap<>();
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.part")) {
            files.forEach(parts::add);
        }
        parts.sort(null);
        for (Path file : parts) {
            for (Csv.Row r : Csv.readKeyed(file, PART_COLUMNS, Set.of())) {
                Part part = new Part(r.key(), r.id("mode"), r.id("side"), r.id("scope"));
                if (!reported.contains(benchmarkKey(part.key, part.mode))) {
                    continue;
                }
                long[] total = sums.computeIfAbsent(part, k -> new long[SUMS.size()]);
                for (int i = 0; i < total.length; i++) {
                    long value = r.whole(SUMS.get(i));
                    boolean unknown = i == total.length - 1 && (total[i] < 0 || value < 0);
                    total[i] = unknown ? -1 : total[i] + value;
                }
            }
            Files.delete(file);
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
            if (!rest.iterator().hasNext()) {
                Files.delete(dir);
            }
        }
        List<CostRow> rows = new ArrayList<>();
        sums.forEach((part, total) -> rows.add(of(part, total)));
        return rows;
    }

    /** How {@link #collect} names a benchmark: its key and mode. */
    public static String benchmarkKey(ResultKey key, String mode) {
        return key.fileName() + "_" + mode;
    }

    /** A row from summed counters: {operations, run ns, user ticks, sys ticks, vol cs, invol cs, migrations}. */
    private static CostRow of(Part part, long[] total) {
        double ops = total[0];
        double cpu = ops > 0 ? total[1] / ops : Double.NaN;
        long ticks = total[2] + total[3];
        double user = ticks > 0 ? cpu * total[2] / ticks : Double.NaN;
        double sys = ticks > 0 ? cpu * total[3] / ticks : Double.NaN;
        double migrations = part.scope.equals(THREAD) && total[6] >= 0 ? total[6] : Double.NaN;
        return new CostRow(part.key, part.mode, part.side, part.scope, cpu, user, sys,
                ops > 0 ? total[4] / ops : Double.NaN, ops > 0 ? total[5] / ops : Double.NaN, migrations);
    }

    String cells() {
        return String.join(",", mode, side, scope, Csv.optional(cpuNsPerOp, 1), Csv.optional(userNsPerOp, 1),
                Csv.optional(sysNsPerOp, 1), Csv.optional(volCsPerOp, 4), Csv.optional(involCsPerOp, 4),
                Csv.optional(migrations, 0));
    }

    public static void write(Path file, List<CostRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, CostRow::key, CostRow::cells);
    }

    public static List<CostRow> read(Path file) throws IOException {
        List<CostRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of())) {
            rows.add(new CostRow(r.key(), r.text("mode"), r.text("side"), r.text("scope"), r.optional("cpu_ns_per_op"),
                    r.optional("user_ns_per_op"), r.optional("sys_ns_per_op"), r.optional("vol_cs_per_op"),
                    r.optional("invol_cs_per_op"), r.optional("migrations")));
        }
        return rows;
    }

    /**
     * CPU µs per operation of both sides of benchmark {@code key} together (client + server) at {@code scope}, or NaN
     * when a side is missing from {@code rows}.
     */
    public static double bothSidesCpuMicros(List<CostRow> rows, ResultKey key, String mode, String scope) {
        double client = Double.NaN;
        double server = Double.NaN;
        for (CostRow row : rows) {
            if (row.key.equals(key) && row.mode.equals(mode) && row.scope.equals(scope)) {
                if (row.side.equals(CLIENT)) {
                    client = row.cpuNsPerOp;
                } else if (row.side.equals(SERVER)) {
                    server = row.cpuNsPerOp;
                }
            }
        }
        return (client + server) / 1000.0;
    }
}
