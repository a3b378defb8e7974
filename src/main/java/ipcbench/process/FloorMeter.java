package ipcbench.process;

import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Subprocess;
import ipcbench.results.HostFloor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the host's floors ({@link HostFloor}) with the C peer's {@code floor} command, one fresh process pair per
 * repeat, so the pair is the unit of the interval. Needs the native peer: without a C compiler the floors are
 * recorded as not measured, with the peer's reason. Spinning on one CPU has no floor (the two ends take turns by
 * time slice) and is recorded so.
 */
public final class FloorMeter {
    /** Process pairs per floor: the range of 5 medians holds the median pair's median with 94%. */
    static final int PAIRS = 5;
    /** Timed round trips per pair: a block floor of 100 µs takes 0.2 s; spin takes 10 times as many, 20 ms at 1 µs. */
    public static final int BLOCK_ROUND_TRIPS = 2_000;
    /** For the smoke profile, which proves the pipeline: 50 ms for five pairs at 50 µs. */
    public static final int BRIEF_BLOCK_ROUND_TRIPS = 200;
    static final int SPIN_PER_BLOCK_ROUND_TRIP = 10;
    /** Longer than the C side's own deadline (FLOOR_DEADLINE_S), which ends a pair whose child stopped answering. */
    private static final Duration PAIR_DEADLINE = Duration.ofSeconds(70);
    static final String TOOL = "ipcpeer floor";

    private FloorMeter() {
    }

    /**
     * The floors of one {@code phase} at one placement ({@code placementId}; CPUs -1: not pinned) for each of
     * {@code waits}, spin with {@link #SPIN_PER_BLOCK_ROUND_TRIP} times {@code blockRoundTrips} per pair.
     */
    public static List<HostFloor> measure(NativePeer peer, String phase, String placementId, int clientCpu,
                                          int serverCpu, List<WaitStrategy> waits, int blockRoundTrips) {
        List<HostFloor> floors = new ArrayList<>();
        for (WaitStrategy wait : waits) {
            floors.add(measure(peer, phase, placementId, clientCpu, serverCpu, wait, blockRoundTrips));
        }
        return floors;
    }

    static HostFloor measure(NativePeer peer, String phase, String placementId, int clientCpu, int serverCpu,
                             WaitStrategy wait, int blockRoundTrips) {
        String waitId = wait.id();
        if (!peer.availability().available()) {
            return HostFloor.notMeasured(phase, placementId, waitId, clientCpu, serverCpu,
                    peer.availability().reason());
        }
        boolean spin = wait == WaitStrategy.SPIN;
        if (spin && clientCpu >= 0 && clientCpu == serverCpu) {
            return HostFloor.notMeasured(phase, placementId, waitId, clientCpu, serverCpu,
                    "two spinning ends on one CPU take turns by time slice: no floor");
        }
        int roundTrips = spin ? SPIN_PER_BLOCK_ROUND_TRIP * blockRoundTrips : blockRoundTrips;
        double[] p50Ns = new double[PAIRS];
        double[] p99Ns = new double[PAIRS];
        for (int pair = 0; pair < PAIRS; pair++) {
            List<String> command = List.of(peer.binary().toString(), "floor", spin ? "SPIN" : "BLOCK",
                    Integer.toString(clientCpu), Integer.toString(serverCpu), Integer.toString(roundTrips));
            try {
                long[] line = parse(Subprocess.output(command, null, PAIR_DEADLINE), roundTrips);
                p50Ns[pair] = line[0];
                p99Ns[pair] = line[2];
            } catch (IOException e) {
                return HostFloor.notMeasured(phase, placementId, waitId, clientCpu, serverCpu, e.getMessage());
            }
        }
        Arrays.sort(p50Ns);
        Arrays.sort(p99Ns);
        return new HostFloor(phase, placementId, waitId, clientCpu, serverCpu, new HostFloor.Measured(TOOL, PAIRS,
                roundTrips, p50Ns[PAIRS / 2], p50Ns[0], p50Ns[PAIRS - 1], p99Ns[PAIRS / 2]), null);
    }

    /** p50, p90, p99 and max of a "FLOOR count p50 p90 p99 max" line; anything else is the pair's failure. */
    static long[] parse(Subprocess.Result result, int roundTrips) throws IOException {
        String[] words = result.output().split(" ");
        if (result.exitCode() != 0 || words.length != 6 || !words[0].equals("FLOOR")
                || !words[1].equals(Integer.toString(roundTrips))) {
            throw new IOException("ipcpeer floor exited " + result.exitCode() + ": "
                    + result.output().lines().findFirst().orElse("no output"));
        }
        long[] values = new long[4];
        try {
            for (int i = 0; i < 4; i++) {
                values[i] = Long.parseLong(words[i + 2]);
            }
        } catch (NumberFormatException e) {
            throw new IOException("ipcpeer floor printed '" + result.output() + "'");
        }
        return values;
    }
}
