package ipcbench.sides;

import ipcbench.gate.Metric;
import ipcbench.os.Subprocess;
import ipcbench.process.JvmFlags;
import ipcbench.results.ForkRow;
import ipcbench.results.ResultKey;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One fork of one side: the side's own command line ({@code ipcbench.cli.Main run} from its jar) measures one
 * benchmark with one JMH fork per mode into a run directory of its own, and the fork's values are read back from
 * that directory's forks.csv. Going through the side's public command line and CSV columns, not its classes, lets a
 * gate measure any revision that has them. The report and charts of such a one-fork run are skipped
 * ({@link #SKIP_REPORT}; a revision that predates it draws them, which costs time, not correctness).
 */
public final class SideFork {
    /** Set for a side's run: it writes its CSV files but no charts or report. */
    public static final String SKIP_REPORT = "IPCBENCH_SKIP_REPORT";
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final int LAST_LINE_BYTES = 4096;

    /** How every fork runs: {@code --mode} and {@code --profile} of the run command (JMH then gets {@code -f 1}). */
    public record Spec(String mode, String profile) {
    }

    /**
     * What one fork gave: its start, the side's exit code, the values it measured (fewer than asked when a benchmark
     * failed), and the side's last line when it refused the benchmark (exit 2).
     */
    public record Finished(Instant startedAt, int exitCode, Map<Metric, Double> values, String refusal) {
        public boolean refused() {
            return exitCode == 2;
        }
    }

    private SideFork() {
    }

    static Finished run(SideJar side, ResultKey benchmark, Spec spec, Path sideHome, Path runDir, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.forThisJdk());
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", side.jar().toString(), "ipcbench.cli.Main", "run",
                "--mechanisms", benchmark.mechanism(), "--sizes", Integer.toString(benchmark.payloadBytes()),
                "--mode", spec.mode(), "--pin", benchmark.placement(), "--wait", benchmark.waitStrategy(),
                "--profile", spec.profile(), "--results", runDir.toString(), "--", "-f", "1"));
        Instant start = Instant.now();
        int code = Subprocess.toLog(command, null, Map.of("IPCBENCH_HOME", sideHome.toString(), SKIP_REPORT, "1"),
                log, DEADLINE);
        if (code == 2) {
            return new Finished(start, code, Map.of(), lastLine(log));
        }
        return new Finished(start, code, values(runDir.resolve("forks.csv"), benchmark), null);
    }

    /** The fork's p50 and p99 (latency) and bytes/s (throughput) of the benchmark; none when the file is absent. */
    static Map<Metric, Double> values(Path forksCsv, ResultKey benchmark) throws IOException {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        if (!Files.isRegularFile(forksCsv)) {
            return values;
        }
        for (ForkRow row : ForkRow.read(forksCsv)) {
            if (!row.key().equals(benchmark)) {
                continue;
            }
            if (row.mode().equals("latency")) {
                put(values, Metric.P50, row.p50Ns());
                put(values, Metric.P99, row.p99Ns());
            } else {
                put(values, Metric.THROUGHPUT, row.bytesPerS());
            }
        }
        return values;
    }

    private static void put(Map<Metric, Double> values, Metric metric, double value) {
        if (value > 0 && Double.isFinite(value)) {
            values.put(metric, value);
        }
    }

    /** The last line of the side's output (its one-line complaint), read from at most the log's last 4 KiB. */
    private static String lastLine(Path log) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int n = (int) Math.min(length, LAST_LINE_BYTES);
            byte[] tail = new byte[n];
            file.seek(length - n);
            file.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).strip().split("\\R");
            return lines[lines.length - 1].replaceAll("\\p{Cntrl}", "?");
        }
    }
}
