package ipcbench.results;

import java.util.Locale;

/**
 * The host's floor under every round trip at one placement and wait strategy: the bare round trip of two processes
 * pinned as a run pins its client and echo threads, with nothing but the wake-up (block: each side sleeps on an
 * eventfd the other writes) or the cache line's trip (spin: each side polls a counter the other stores). A blocking
 * mechanism cannot go below the block floor at its placement, nor a spinning one below the spin floor, so a
 * mechanism's own cost is its round trip less the floor of its placement and wait.
 *
 * <p>A run measures it {@link #BEFORE} and {@link #AFTER} its benchmarks: a virtual machine's vCPUs can move between
 * host cores during a run, and the floor with them.
 *
 * @param phase    {@link #BEFORE} or {@link #AFTER} the run's benchmarks
 * @param measured the figures, or null when it was not measured
 * @param reason   why it was not measured, or null
 */
public record HostFloor(String phase, String placement, String waitStrategy, int clientCpu, int serverCpu,
                        Measured measured, String reason) {
    public static final String BEFORE = "before";
    public static final String AFTER = "after";

    /**
     * A blocking round trip across two CPUs above this is far above bare metal, where waking a CPU takes a few µs and
     * a round trip is two wake-ups: what a run measures there across CPUs is mostly the host.
     */
    public static final double FAR_ABOVE_BARE_METAL_NS = 20_000;

    /**
     * Measured in {@code pairs} fresh process pairs of {@code roundTripsPerPair} timed round trips each.
     * {@code p50Ns} is the median of the pairs' medians; {@code [lowNs, highNs]} is the range of the pairs' medians,
     * which holds the median pair's median with probability 1 − 2^(1 − pairs) (94% at 5 pairs): the pair is the
     * independent unit. {@code p99Ns} is the median of the pairs' p99s.
     *
     * @param tool what measured it ({@code ipcpeer floor}, the C peer)
     */
    public record Measured(String tool, int pairs, int roundTripsPerPair, double p50Ns, double lowNs, double highNs,
                           double p99Ns) {
        /** The confidence the range {@code [lowNs, highNs]} has of holding the median pair's median. */
        public double rangeConfidence() {
            return 1 - Math.pow(0.5, pairs - 1);
        }

        /** Whether the two ranges share a value: the data cannot tell the two floors apart. */
        public boolean overlaps(Measured other) {
            return lowNs <= other.highNs && other.lowNs <= highNs;
        }
    }

    public static HostFloor notMeasured(String phase, String placement, String waitStrategy, int clientCpu,
                                        int serverCpu, String reason) {
        return new HostFloor(phase, placement, waitStrategy, clientCpu, serverCpu, null, reason);
    }

    public boolean isMeasured() {
        return measured != null;
    }

    /**
     * One line: {@code Host floor at cross, block (CPU 0 <-> 1), before the benchmarks: p50 78.1 µs [77.0-80.2], p99
     * 95.3 µs (5 process pairs, 2000 round trips each)}, or {@code ...: not measured: <reason>}.
     */
    public String summary() {
        String where = "Host floor at " + placement + ", " + waitStrategy + " (CPU " + cpu(clientCpu) + " <-> "
                + cpu(serverCpu) + "), " + phase + " the benchmarks: ";
        if (measured == null) {
            return where + "not measured: " + reason;
        }
        return where + "p50 " + micros(measured.p50Ns) + " µs [" + micros(measured.lowNs) + "-"
                + micros(measured.highNs) + "], p99 " + micros(measured.p99Ns) + " µs (" + measured.pairs
                + " process pairs, " + measured.roundTripsPerPair + " round trips each)";
    }

    /** The warning for a blocking floor across two CPUs above {@link #FAR_ABOVE_BARE_METAL_NS}, else null. */
    public String warning() {
        if (measured == null || !waitStrategy.equals("block") || clientCpu < 0 || clientCpu == serverCpu
                || measured.p50Ns <= FAR_ABOVE_BARE_METAL_NS) {
            return null;
        }
        return "a blocking round trip between CPU " + clientCpu + " and CPU " + serverCpu + " costs "
                + micros(measured.p50Ns) + " µs with nothing but the wake-up, far above bare metal's few µs (warned "
                + "above " + micros(FAR_ABOVE_BARE_METAL_NS) + " µs): blocking mechanisms across CPUs measure mostly "
                + "this host; to compare the mechanisms themselves use --pin same or --wait spin";
    }

    private static String cpu(int cpu) {
        return cpu < 0 ? "any" : Integer.toString(cpu);
    }

    /** Three significant digits, as the reports print microseconds: 0.123, 1.23, 12.3, 123. */
    private static String micros(double ns) {
        double us = ns / 1000;
        return String.format(Locale.ROOT, "%." + (us >= 100 ? 0 : us >= 10 ? 1 : us >= 1 ? 2 : 3) + "f", us);
    }
}
