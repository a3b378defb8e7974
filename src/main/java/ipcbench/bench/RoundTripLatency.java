package ipcbench.bench;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.results.HistogramFiles;
import ipcbench.results.ResultKey;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Round-trip latency: one operation is one round trip — the client sends one payload, the child echoes it whole,
 * the client has received it all. Every measured round trip (not warm-up) is recorded into an HdrHistogram in
 * nanoseconds (3 significant digits), written as one interval per measurement iteration to
 * {@code latency/KEY.hlog} ({@code ResultKey#fileName}); JMH's own score is the mean in µs. In a fan-in every
 * client thread records its own round trips into a log of its own ({@code KEY.member-I.hlog}); the key's log holds
 * them all.
 *
 * <p>One clock read per round trip: a round trip's latency is the time between the end of the previous one and the
 * end of this one, which adds only JMH's loop bookkeeping (a counter and a volatile read, about a nanosecond) to
 * the mechanism's cost. The first round trip of each iteration has no previous end and is not recorded. With
 * {@code --verify} each echo is compared with the request, whose first bytes carry a sequence number; the compare
 * is then part of the measured time, so verified runs are for checking, not for publishing.
 *
 * <p>Run alone: {@code java -jar target/benchmarks.jar RoundTripLatency -p mechanism=uds -p payloadBytes=64}.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
public class RoundTripLatency extends EchoBenchmark {
    /** Covers 10 s without resizing; longer round trips still fit, at the cost of one resize. */
    private static final long PRESIZED_MAX_NS = TimeUnit.SECONDS.toNanos(10);

    private ByteBuffer response;
    /**
     * One histogram per measurement iteration, allocated before the first so that no iteration allocates (JMH's gc
     * profiler counts what an iteration's setup and teardown allocate too); written to the log when the trial ends.
     */
    private Histogram[] intervals;
    private int measuredIterations;
    private Histogram interval;
    private boolean recording;
    private long lastEndNs;
    private long sequence;

    @Override
    protected Exchange mode() {
        return Exchange.LATENCY;
    }

    @Setup(Level.Trial)
    public void allocateHistograms(BenchmarkParams benchmark) {
        response = ByteBuffer.allocateDirect(payloadBytes);
        intervals = new Histogram[benchmark.getMeasurement().getCount()];
        // JMH does not order the trial setups of a class and its superclass: the key is made here too
        String name = ResultKey.ofParams(benchmark::getParam).fileName();
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new Histogram(PRESIZED_MAX_NS, HistogramFiles.SIGNIFICANT_DIGITS);
            intervals[i].setAutoResize(true);
            intervals[i].setTag(name);
        }
        measuredIterations = 0;
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) throws IOException {
        recording = iteration.getType() == IterationType.MEASUREMENT && measuredIterations < intervals.length;
        lastEndNs = 0;
        if (recording) {
            beginCost();
            interval = intervals[measuredIterations];
            interval.setStartTimeStamp(System.currentTimeMillis());
        }
    }

    @Benchmark
    public void roundTrip() throws IOException {
        if (verify) {
            Payload.stamp(request, ++sequence);
        }
        client.roundTrip(request, response);
        long endNs = System.nanoTime();
        if (recording && lastEndNs != 0) {
            interval.recordValue(endNs - lastEndNs);
        }
        lastEndNs = endNs;
        if (verify) {
            Payload.requireSame(request, response, "echo");
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws IOException {
        if (recording) {
            interval.setEndTimeStamp(System.currentTimeMillis());
            // every round trip of the iteration, including the first, which has no predecessor to be timed from
            endCost(interval.getTotalCount() + 1);
            measuredIterations++;
            recording = false;
        }
    }

    @TearDown(Level.Trial)
    public void writeHistograms() throws IOException {
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(
                threads == 1 ? layout.forkHistogramLog(key, ProcessHandle.current().pid())
                        : layout.forkMemberHistogramLog(key, ProcessHandle.current().pid(), member),
                "ipcbench round-trip latency " + key.fileName() + ", nanoseconds", intervals[0].getStartTimeStamp())) {
            for (int i = 0; i < measuredIterations; i++) {
                log.append(intervals[i]);
            }
        }
    }
}
