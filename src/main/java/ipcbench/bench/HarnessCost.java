package ipcbench.bench;

import ipcbench.os.CpuAffinity;
import ipcbench.results.HistogramFiles;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * What the latency harness adds to every timed round trip: one {@code System.nanoTime()} and one
 * {@code Histogram.recordValue} (the record of the previous round trip happens inside the next one's interval),
 * measured as {@link RoundTripLatency} does them, on the CPU its measuring thread is pinned to: warmed up, then
 * averaged over a few million.
 */
public final class HarnessCost {
    private static final int WARMUP_ROUNDS = 3;
    private static final int OPERATIONS = 4_000_000;

    private HarnessCost() {
    }

    /** Mean nanoseconds of one clock read plus one record, on {@code cpu} (-1: unpinned). */
    public static double clockReadAndRecordNs(int cpu) throws InterruptedException {
        double[] result = new double[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                if (cpu >= 0) {
                    CpuAffinity.pinCurrentThread(cpu);
                }
                Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), HistogramFiles.SIGNIFICANT_DIGITS);
                for (int i = 0; i < WARMUP_ROUNDS; i++) {
                    loop(histogram, OPERATIONS);
                }
                histogram.reset();
                long start = System.nanoTime();
                loop(histogram, OPERATIONS);
                result[0] = (double) (System.nanoTime() - start) / OPERATIONS;
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "ipcbench-harness-cost");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new IllegalStateException("could not measure the clock: " + failure[0].getMessage(), failure[0]);
        }
        return result[0];
    }

    /** The measuring part of {@link RoundTripLatency#roundTrip} without the round trip. */
    private static void loop(Histogram histogram, int operations) {
        long last = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            long now = System.nanoTime();
            histogram.recordValue(now - last);
            last = now;
        }
    }
}
