package ipcbench.preflight;

import java.util.Arrays;

/**
 * The measured cost of one {@code System.nanoTime()} read: after a warm-up that lets the JIT compile the loop, a few
 * rounds of a million back-to-back reads, each round's mean per read; the median round and the range of rounds.
 * The latency benchmark reads the clock once per round trip, so this is the floor under every figure.
 */
public record NanoTimeCost(double medianNs, double minNs, double maxNs, int rounds, int readsPerRound) {
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 5;
    private static final int READS_PER_ROUND = 1_000_000;

    /** Keeps the summed clock values observable, so the JIT cannot drop the reads. */
    private static volatile long sink;

    public static NanoTimeCost measure() {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            round();
        }
        double[] perReadNs = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            perReadNs[i] = round();
        }
        Arrays.sort(perReadNs);
        return new NanoTimeCost(perReadNs[ROUNDS / 2], perReadNs[0], perReadNs[ROUNDS - 1], ROUNDS, READS_PER_ROUND);
    }

    private static double round() {
        long sum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < READS_PER_ROUND; i++) {
            sum += System.nanoTime();
        }
        long elapsedNs = System.nanoTime() - start;
        sink = sum;
        return (double) elapsedNs / READS_PER_ROUND;
    }
}
