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
 * them). {@code peers} is the last column (files without it read as jvm-jvm); native-native benchmarks have no rows:
 * the native pair measures latency only, not its cost. Cells that cannot be known (no tick in the window to split by) are empty.
 *
 * <p>Each JMH fork writes its sums as a part file ({@link #partLine}, one line per side and scope) and
 * {@link #collect} merges them at the end of the run: per-fork CPU, switches and operations are summed, then divided.
 *
 * @param side  client | server
 * @param scope thread | process
 * @param mode  latency | throughput
 */
public record CostRow(String mechanism, int payloadBytes, String placement, String waitStrategy, String mode, String side,
                      String scope, double cpuNsPerOp, double userNsPerOp, double sysNsPerOp, double volCsPerOp,
                      double involCsPerOp, double migrations, String peers) {

    public static final String HEADER_WITHOUT_PEERS = "mechanism,payload_bytes,placement,wait,mode,side,scope,"
            + "cpu_ns_per_op,user_ns_per_op,sys_ns_per_op,vol_cs_per_op,invol_cs_per_op,migrations";
    public static final String HEADER = HEADER_WITHOUT_PEERS + ",peers";

    /** A jvm-jvm benchmark's row. */
    public CostRow(String mechanism, int payloadBytes, String placement, String waitStrategy, String mode, String side,
                   String scope, double cpuNsPerOp, double userNsPerOp, double sysNsPerOp, double volCsPerOp,
                   double involCsPerOp, double migrations) {
        this(mechanism, payloadBytes, placement, waitStrategy, mode, side, scope, cpuNsPerOp, userNsPerOp, sysNsPerOp,
                volCsPerOp, involCsPerOp, migrations, RunLayout.DEFAULT_PEERS);
    }
    public static final String CLIENT = "client";
    public static final String SERVER = "server";
    public static final String THREAD = "thread";
    public static final String PROCESS = "process";

    /** The part files' header: the row's key, then one fork's operations and summed counter deltas. */
    static final String PART_HEADER = "mechanism,payload_bytes,placement,wait,mode,side,scope,peers,operations,"
            + "run_ns,user_ticks,sys_ticks,vol_cs,invol_cs,migrations";
    private static final int KEY_FIELDS = 8;

    /** One part-file line: the key fields and one fork's sums over its measurement iterations. */
    public static String partLine(String mechanism, int payloadBytes, String placement, String wait, String peers,
                                  String mode, String side, String scope, long operations, TaskCounters sums) {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, wait, mode, side, scope, peers,
                Long.toString(operations), Long.toString(sums.runNs()), Long.toString(sums.userTicks()),
                Long.toString(sums.sysTicks()), Long.toString(sums.voluntarySwitches()),
                Long.toString(sums.involuntarySwitches()), Long.toString(sums.migrations()));
    }

    /** Writes one fork's part file. */
    public static void writePart(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, PART_HEADER + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
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
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.part")) {
            files.forEach(parts::add);
        }
        parts.sort(null);
        for (Path part : parts) {
            for (String[] f : Csv.read(part, PART_HEADER)) {
                String key = String.join(",", java.util.Arrays.copyOf(f, KEY_FIELDS));
                if (!reported.contains(benchmarkKey(f[0], Integer.parseInt(f[1]), f[2], f[3], f[7], f[4]))) {
                    continue;
                }
                keys.putIfAbsent(key, f);
                long[] total = sums.computeIfAbsent(key, k -> new long[PART_HEADER.split(",").length - KEY_FIELDS]);
                for (int i = 0; i < total.length; i++) {
                    long value = Long.parseLong(f[KEY_FIELDS + i]);
                    boolean unknown = i == total.length - 1 && (total[i] < 0 || value < 0);
                    total[i] = unknown ? -1 : total[i] + value;
                }
            }
            Files.delete(part);
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
            if (!rest.iterator().hasNext()) {
                Files.delete(dir);
            }
        }
        List<CostRow> rows = new ArrayList<>();
        sums.forEach((key, total) -> rows.add(of(keys.get(key), total)));
        return rows;
    }

    /** How {@link #collect} names a benchmark: mechanism, payload, placement, wait, peers and mode. */
    public static String benchmarkKey(String mechanism, int payloadBytes, String placement, String wait,
                                      String peers, String mode) {
        return RunLayout.key(mechanism, payloadBytes, placement, wait, peers) + "_" + mode;
    }

    /** A row from summed counters: {operations, run ns, user ticks, sys ticks, vol cs, invol cs, migrations}. */
    static CostRow of(String[] key, long[] total) {
        double ops = total[0];
        double cpu = ops > 0 ? total[1] / ops : Double.NaN;
        long ticks = total[2] + total[3];
        double user = ticks > 0 ? cpu * total[2] / ticks : Double.NaN;
        double sys = ticks > 0 ? cpu * total[3] / ticks : Double.NaN;
        double migrations = key[6].equals(THREAD) && total[6] >= 0 ? total[6] : Double.NaN;
        return new CostRow(key[0], Integer.parseInt(key[1]), key[2], key[3], key[4], key[5], key[6], cpu, user, sys,
                ops > 0 ? total[4] / ops : Double.NaN, ops > 0 ? total[5] / ops : Double.NaN, migrations, key[7]);
    }

    String toCsv() {
        return String.join(",", mechanism, Integer.toString(payloadBytes), placement, waitStrategy, mode, side, scope,
                Csv.optional(cpuNsPerOp, 1), Csv.optional(userNsPerOp, 1), Csv.optional(sysNsPerOp, 1),
                Csv.optional(volCsPerOp, 4), Csv.optional(involCsPerOp, 4), Csv.optional(migrations, 0), peers);
    }

    public static void write(Path file, List<CostRow> rows) throws IOException {
        Csv.write(file, HEADER, rows, CostRow::toCsv);
    }

    public static List<CostRow> read(Path file) throws IOException {
        List<CostRow> rows = new ArrayList<>();
        boolean withPeers = LatencyRow.firstLine(file).equals(HEADER);
        for (String[] f : Csv.read(file, withPeers ? HEADER : HEADER_WITHOUT_PEERS)) {
            try {
                rows.add(new CostRow(ResultFile.id(file, "mechanism", f[0]), ResultFile.payloadBytes(file, f[1]),
                        ResultFile.id(file, "placement", f[2]), ResultFile.id(file, "wait", f[3]), f[4], f[5], f[6],
                        Csv.parseOptional(f[7]), Csv.parseOptional(f[8]), Csv.parseOptional(f[9]),
                        Csv.parseOptional(f[10]), Csv.parseOptional(f[11]), Csv.parseOptional(f[12]),
                        withPeers ? ResultFile.id(file, "peers", f[13]) : RunLayout.DEFAULT_PEERS));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in row " + String.join(",", f), e);
            }
        }
        return rows;
    }

    /**
     * CPU µs per operation of both sides together (client + server) at {@code scope}, or NaN when a side is
     * missing from {@code rows}.
     */
    public static double bothSidesCpuMicros(List<CostRow> rows, String mechanism, int payloadBytes, String placement,
                                            String wait, String mode, String scope) {
        return bothSidesCpuMicros(rows, mechanism, payloadBytes, placement, wait, RunLayout.DEFAULT_PEERS, mode, scope);
    }

    /** As above, for the benchmark of {@code peers}. */
    public static double bothSidesCpuMicros(List<CostRow> rows, String mechanism, int payloadBytes, String placement,
                                            String wait, String peers, String mode, String scope) {
        double client = Double.NaN;
        double server = Double.NaN;
        for (CostRow row : rows) {
            if (row.mechanism.equals(mechanism) && row.payloadBytes == payloadBytes && row.placement.equals(placement)
                    && row.waitStrategy.equals(wait) && row.peers.equals(peers) && row.mode.equals(mode)
                    && row.scope.equals(scope)) {
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
