package ipcbench.results;

/**
 * The host's floor under every round trip at one placement and wait strategy: the bare round trip of two processes
 * pinned as a run pins its client and echo threads, with nothing but the wake-up (block: each side sleeps on an
 * eventfd the other writes) or the cache line's trip (spin: each side polls a counter the other stores). A blocking
 * mechanism cannot go below the block floor at its placement, nor a spinning one below the spin floor, so a
 * mechanism's own cost is its round trip less the floor of its placement and wait.
 *
 * <p>Measured in {@code pairs} fresh process pairs of {@code roundTripsPerPair} timed round trips each. {@code p50Ns}
 * is the median of the pairs' medians; {@code [lowNs, highNs]} is the range of the pairs' medians, which holds the
 * median pair's median with probability 1 − 2^(1 − pairs) (94% at 5 pairs), the pair being the independent unit.
 * A floor that was not measured has only its {@code reason}; its numbers are null.
 *
 * @param tool what measured it ({@code ipcpeer floor}, the C peer), null when not measured
 */
public record HostFloor(String placement, String waitStrategy, int clientCpu, int serverCpu, String tool, int pairs,
                        int roundTripsPerPair, Double p50Ns, Double lowNs, Double highNs, Double p99Ns,
                        String reason) {

    /**
     * A blocking round trip across two CPUs above this is far above bare metal, where waking a CPU takes a few µs and
     * a round trip is two wake-ups: what a run measures there across CPUs is mostly the host.
     */
    public static final double FAR_ABOVE_BARE_METAL_NS = 20_000;

    public static HostFloor notMeasured(String placement, String waitStrategy, int clientCpu, int serverCpu,
                                        String reason) {
        return new HostFloor(placement, waitStrategy, clientCpu, serverCpu, null, 0, 0, null, null, null, null, reason);
    }

    public boolean measured() {
        return p50Ns != null;
    }

    /**
     * One line: {@code Host floor at cross, block (CPU 0 <-> 1): p50 78.1 µs [77.0-80.2], p99 95.3 µs (5 process pairs,
     * 2000 round trips each)}, or {@code ... : not measured: <reason>}.
     */
    public String summary() {
        String where = "Host floor at " + placement + ", " + waitStrategy + " (CPU " + cpu(clientCpu) + " <-> "
                + cpu(serverCpu) + "): ";
        if (!measured()) {
            return where + "not measured: " + reason;
        }
        return where + "p50 " + micros(p50Ns) + " µs [" + micros(lowNs) + "-" + micros(highNs) + "], p99 "
                + micros(p99Ns) + " µs (" + pairs + " process pairs, " + roundTripsPerPair + " round trips each)";
    }

    /** The warning for a blocking floor across two CPUs above {@link #FAR_ABOVE_BARE_METAL_NS}, else null. */
    public String warning() {
        if (!measured() || !waitStrategy.equals("block") || clientCpu < 0 || clientCpu == serverCpu
                || p50Ns <= FAR_ABOVE_BARE_METAL_NS) {
            return null;
        }
        return "a blocking round trip between CPU " + clientCpu + " and CPU " + serverCpu + " costs " + micros(p50Ns)
                + " µs with nothing but the wake-up, far above bare metal's few µs (warned above "
                + micros(FAR_ABOVE_BARE_METAL_NS) + " µs): blocking mechanisms across CPUs measure mostly this host;"
                + " to compare the mechanisms themselves use --pin same or --wait spin";
    }

    private static String cpu(int cpu) {
        return cpu < 0 ? "any" : Integer.toString(cpu);
    }

    private static String micros(double ns) {
        return String.format(java.util.Locale.ROOT, ns < 10_000 ? "%.2f" : "%.1f", ns / 1000);
    }

    /** The confidence the range {@code [lowNs, highNs]} has of holding the median pair's median. */
    public double rangeConfidence() {
        return 1 - Math.pow(0.5, pairs - 1);
    }
}
