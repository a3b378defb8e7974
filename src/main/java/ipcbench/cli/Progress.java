package ipcbench.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a person sees while a run measures: at the start the number of benchmarks and an estimated total time, then
 * one line per finished benchmark with its headline numbers and the time left. The estimate is the profile's
 * arithmetic — forks × (fork start + warm-up + measurement) per benchmark — and the time left scales what is left of
 * it by how the finished benchmarks compared with their estimates.
 */
final class Progress {
    /**
     * What one fork costs before it measures anything on the reference 2-vCPU VM (JMH's fork JVM, the echo-server
     * child JVM, readiness, iteration bookkeeping): an estimate's constant (docs/running.md, docs/fork-cost.md).
     */
    static final double FORK_START_SECONDS = 1.6;

    private final PrintStream out;
    private final int total;
    private final double estimatedSeconds;
    private final long startNs;
    private int finished;
    private double estimatedDoneSeconds;

    Progress(PrintStream out, int total, double estimatedSeconds) {
        this(out, total, estimatedSeconds, System.nanoTime());
    }

    Progress(PrintStream out, int total, double estimatedSeconds, long startNs) {
        this.out = out;
        this.total = total;
        this.estimatedSeconds = estimatedSeconds;
        this.startNs = startNs;
    }

    /** The estimated wall time of one benchmark. */
    static double benchmarkSeconds(int forks, int warmupIterations, long warmupMillis, int measurementIterations,
                                   long measurementMillis) {
        return forks * (FORK_START_SECONDS + (warmupIterations * warmupMillis + measurementIterations * measurementMillis)
                / 1000.0);
    }

    void start() {
        out.printf(Locale.ROOT, "ipcbench: %d benchmark%s, about %s (an estimate: forks x (%.1f s fork start + warm-up"
                        + " + measurement) each)%n", total, total == 1 ? "" : "s", duration(estimatedSeconds),
                FORK_START_SECONDS);
    }

    /** One finished (or failed) benchmark: {@code [12/84] tcp 1 KiB latency  p50 14.9 µs  p99 25.5 µs  ETA 6 min}. */
    void finished(String label, String values, double benchmarkEstimateSeconds, long nowNs) {
        finished++;
        estimatedDoneSeconds += benchmarkEstimateSeconds;
        out.println("[" + finished + "/" + total + "] " + label + "  " + values + eta(nowNs));
    }

    private String eta(long nowNs) {
        if (finished >= total) {
            return "";
        }
        double elapsedSeconds = (nowNs - startNs) / 1e9;
        double left = Math.max(0, estimatedSeconds - estimatedDoneSeconds);
        double pace = estimatedDoneSeconds > 0 ? elapsedSeconds / estimatedDoneSeconds : 1;
        return "  ETA " + duration(left * pace);
    }

    /** 40 s, 6 min, 1 h 05 min. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) {
            return s + " s";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    /** A round-trip time in µs with three significant digits: 0.512 µs, 14.9 µs, 1234 µs. */
    static String micros(double ns) {
        double us = ns / 1000;
        if (us < 1) {
            return String.format(Locale.ROOT, "%.3f µs", us);
        }
        if (us < 10) {
            return String.format(Locale.ROOT, "%.2f µs", us);
        }
        if (us < 100) {
            return String.format(Locale.ROOT, "%.1f µs", us);
        }
        return String.format(Locale.ROOT, "%.0f µs", us);
    }

    /** Throughput in MB/s (10^6 bytes, as the report). */
    static String megabytesPerSecond(double bytesPerS) {
        double mb = bytesPerS / 1e6;
        return String.format(Locale.ROOT, mb < 10 ? "%.2f MB/s" : mb < 100 ? "%.1f MB/s" : "%.0f MB/s", mb);
    }
}
