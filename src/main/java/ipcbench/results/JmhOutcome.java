package ipcbench.results;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ipcbench keeps of one JMH benchmark result, in plain numbers: JMH's mean time per operation (latency), the
 * rates of every measurement iteration of every fork (throughput: the {@code messages} and {@code bytes} auxiliary
 * counters, which JMH reports per iteration as secondary results), JMH's error and the gc profiler's allocation.
 *
 * @param mode            latency | throughput
 * @param meanNsPerOp     JMH's score as ns per operation (latency), else NaN
 * @param messagesPerS    JMH's aggregate over all iterations and forks (throughput), else NaN
 * @param bytesPerSError  JMH's 99.9% half-width (throughput), NaN when it had too few iterations
 * @param forks           per fork, in JMH's fork order, the rates of each measurement iteration (throughput)
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} when the gc profiler ran, else NaN
 * @param messagesPerOp   messages one operation moves (1 for a round trip, the batch for throughput)
 * @param key             the benchmark, from JMH's parameters ({@link ResultKey#ofParams}), or with peers
 *                        native-native for an outcome the CLI measured with the native pair ({@link #ofNativePair})
 */
public record JmhOutcome(String mode, ResultKey key, double meanNsPerOp, double messagesPerS, double bytesPerS,
                         double bytesPerSError, List<List<Rates>> forks, double allocBytesPerOp, int messagesPerOp)
        implements Keyed {
    public static final String LATENCY = "latency";
    public static final String THROUGHPUT = "throughput";

    /**
     * The outcome of a latency benchmark measured outside JMH by the native pair: its histogram parts are the
     * measurement, so there is no JMH score to set against them (NaN), and no allocation.
     */
    public static JmhOutcome ofNativePair(ResultKey key) {
        return new JmhOutcome(LATENCY, key, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), Double.NaN, 1);
    }

    /** The benchmark this outcome belongs to: its mode and key. */
    public String benchmark() {
        return mode + "_" + key.fileName();
    }

    /**
     * One outcome of the same benchmark run in several JMH invocations (one fork each, interleaved with other peers):
     * the forks in order; JMH's latency score and aggregate rates as the mean over the invocations (each has as many
     * iterations); the error unknown (NaN) since no one invocation saw all forks; allocation the mean.
     */
    public static JmhOutcome merge(List<JmhOutcome> parts) {
        JmhOutcome first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        List<List<Rates>> forks = new ArrayList<>();
        double mean = 0;
        double messages = 0;
        double bytes = 0;
        double alloc = 0;
        for (JmhOutcome part : parts) {
            if (!part.benchmark().equals(first.benchmark())) {
                throw new IllegalArgumentException("cannot merge " + part.benchmark() + " into " + first.benchmark());
            }
            forks.addAll(part.forks);
            mean += part.meanNsPerOp / parts.size();
            messages += part.messagesPerS / parts.size();
            bytes += part.bytesPerS / parts.size();
            alloc += part.allocBytesPerOp / parts.size();
        }
        return new JmhOutcome(first.mode, first.key, mean, messages, bytes, Double.NaN, forks, alloc,
                first.messagesPerOp);
    }

    /** One measurement iteration's rates. */
    public record Rates(double messagesPerS, double bytesPerS) {
    }

    /**
     * Whether a fork of {@code result} ended before its last measurement iteration: JMH keeps the iterations before
     * an exception (a child that died mid-run, say) as a result of their own, which must count as a failure, not as
     * a shorter measurement.
     */
    public static boolean incomplete(BenchmarkResult fork) {
        return fork.getIterationResults().size() < fork.getParams().getMeasurement().getCount();
    }

    /** As {@link #incomplete(BenchmarkResult)}, for any fork of a benchmark's result. */
    public static boolean incomplete(RunResult result) {
        return result.getBenchmarkResults().stream().anyMatch(JmhOutcome::incomplete);
    }

    public static JmhOutcome of(RunResult result, String mode, int messagesPerOp) {
        ResultKey key = ResultKey.ofParams(result.getParams()::getParam);
        Map<String, Result> secondary = result.getSecondaryResults();
        Result allocated = secondary.get("gc.alloc.rate.norm");
        double alloc = allocated == null ? Double.NaN : allocated.getScore();
        if (LATENCY.equals(mode)) {
            Result primary = result.getPrimaryResult();
            return new JmhOutcome(mode, key, primary.getScore() * nanosPer(primary.getScoreUnit()), Double.NaN,
                    Double.NaN, Double.NaN, List.of(), alloc, messagesPerOp);
        }
        List<List<Rates>> forks = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            List<Rates> iterations = new ArrayList<>();
            for (IterationResult iteration : fork.getIterationResults()) {
                iterations.add(new Rates(perSecond(iteration.getSecondaryResults().get("messages")),
                        perSecond(iteration.getSecondaryResults().get("bytes"))));
            }
            forks.add(iterations);
        }
        Result messages = secondary.get("messages");
        Result bytes = secondary.get("bytes");
        return new JmhOutcome(mode, key, Double.NaN, perSecond(messages), perSecond(bytes),
                bytes.getScoreError() * perSecondFactor(bytes.getScoreUnit()), forks, alloc, messagesPerOp);
    }

    /** Nanoseconds in the time of a {@code "<time unit>/op"} score unit such as {@code us/op}. */
    public static double nanosPer(String scoreUnit) {
        return switch (scoreUnit.substring(0, scoreUnit.indexOf('/'))) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("unknown JMH time unit in '" + scoreUnit + "'");
        };
    }

    private static double perSecond(Result result) {
        return result == null ? Double.NaN : result.getScore() * perSecondFactor(result.getScoreUnit());
    }

    /** Factor from a {@code "ops/<time unit>"} rate to per second. */
    public static double perSecondFactor(String scoreUnit) {
        return 1e9 / nanosPer(scoreUnit.substring(scoreUnit.indexOf('/') + 1) + "/");
    }
}
