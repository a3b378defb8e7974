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
 * @param waitStrategy    block | spin (JMH's {@code wait} parameter; block when it had none)
 */
public record JmhOutcome(String mode, String mechanism, int payloadBytes, String placement, double meanNsPerOp,
                         double messagesPerS, double bytesPerS, double bytesPerSError, List<List<Rates>> forks,
                         double allocBytesPerOp, int messagesPerOp, String waitStrategy) {
    public static final String LATENCY = "latency";
    public static final String THROUGHPUT = "throughput";

    /** An outcome of a blocking benchmark. */
    public JmhOutcome(String mode, String mechanism, int payloadBytes, String placement, double meanNsPerOp,
                      double messagesPerS, double bytesPerS, double bytesPerSError, List<List<Rates>> forks,
                      double allocBytesPerOp, int messagesPerOp) {
        this(mode, mechanism, payloadBytes, placement, meanNsPerOp, messagesPerS, bytesPerS, bytesPerSError, forks,
                allocBytesPerOp, messagesPerOp, RunLayout.DEFAULT_WAIT);
    }

    /** One measurement iteration's rates. */
    public record Rates(double messagesPerS, double bytesPerS) {
    }

    public static JmhOutcome of(RunResult result, String mode, int messagesPerOp) {
        var params = result.getParams();
        String mechanism = params.getParam("mechanism");
        int payloadBytes = Integer.parseInt(params.getParam("payloadBytes"));
        String placement = params.getParam("placement");
        String wait = params.getParam("wait") == null ? RunLayout.DEFAULT_WAIT : params.getParam("wait");
        Map<String, Result> secondary = result.getSecondaryResults();
        Result allocated = secondary.get("gc.alloc.rate.norm");
        double alloc = allocated == null ? Double.NaN : allocated.getScore();
        if (LATENCY.equals(mode)) {
            Result primary = result.getPrimaryResult();
            return new JmhOutcome(mode, mechanism, payloadBytes, placement,
                    primary.getScore() * nanosPer(primary.getScoreUnit()), Double.NaN, Double.NaN, Double.NaN,
                    List.of(), alloc, messagesPerOp, wait);
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
        return new JmhOutcome(mode, mechanism, payloadBytes, placement, Double.NaN, perSecond(messages),
                perSecond(bytes), bytes.getScoreError() * perSecondFactor(bytes.getScoreUnit()), forks, alloc,
                messagesPerOp, wait);
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
