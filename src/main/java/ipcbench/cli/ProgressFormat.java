package ipcbench.cli;

import ipcbench.results.Dimension;
import ipcbench.results.HistogramFiles;
import ipcbench.results.HistogramLog;
import ipcbench.results.JmhOutcome;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import ipcbench.results.SteadyState;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH's output, redirected: everything JMH prints goes to {@link JmhLog} (jmh.log, and the terminal with
 * --verbose), while each finished benchmark becomes one {@link Progress} line — p50 and p99 from the forks'
 * histogram parts, or MB/s from JMH's result, a {@code ~} when {@link SteadyState} flags it, or FAILED with the one
 * line JMH's log gives as the reason. One instance serves every JMH run (group) of a run; JMH's close only flushes.
 */
final class ProgressFormat implements OutputFormat {
    private final OutputFormat log;
    private final JmhLog jmhLog;
    private final Progress progress;
    private final RunLayout layout;
    private final Path logFile;
    private final boolean namePeers;
    private BenchmarkParams current;
    private String labelSuffix = "";

    ProgressFormat(JmhLog jmhLog, VerboseMode verbosity, Progress progress, RunLayout layout, Path logFile) {
        this(jmhLog, verbosity, progress, layout, logFile, false);
    }

    /** {@code namePeers}: the run compares peers, so every line names its peers. */
    ProgressFormat(JmhLog jmhLog, VerboseMode verbosity, Progress progress, RunLayout layout, Path logFile,
                   boolean namePeers) {
        this.namePeers = namePeers;
        this.jmhLog = jmhLog;
        this.log = OutputFormatFactory.createFormatInstance(
                new PrintStream(jmhLog.unclosable(), true, StandardCharsets.UTF_8), verbosity);
        this.progress = progress;
        this.layout = layout;
        this.logFile = logFile;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        finishUnended();
        current = params;
        jmhLog.resetFailure();
        log.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result != null) {
            log.endBenchmark(result);
        }
        log.flush();
        if (current == null) {
            return;
        }
        BenchmarkParams params = result != null ? result.getParams() : current;
        current = null;
        progress.finished(label(params), result == null || JmhOutcome.incomplete(result) ? failed()
                : values(params, result), estimateSeconds(params), System.nanoTime());
    }

    /**
     * One native pair (not a JMH benchmark) finished: its line from the histogram parts of {@code key} so far, or
     * {@code failure}.
     */
    void nativeFinished(String label, ResultKey key, String failure, double estimateSeconds) {
        String values;
        if (failure != null) {
            values = failure;
        } else {
            try {
                values = latency(key, Double.NaN, true);
            } catch (IOException | RuntimeException unreadable) {
                values = "measured (values unreadable until the run ends: " + unreadable.getMessage() + ")";
            }
        }
        progress.finished(label, values, estimateSeconds, System.nanoTime());
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        finishUnended();
        log.endRun(results);
        log.flush();
    }

    /** A benchmark JMH started but never ended (its run aborted): reported as failed. */
    private void finishUnended() {
        if (current != null) {
            BenchmarkParams params = current;
            current = null;
            progress.finished(label(params), failed(), estimateSeconds(params), System.nanoTime());
        }
    }

    private String failed() {
        String reason = jmhLog.failure();
        return "FAILED: " + (reason == null ? "no result" : reason) + " (see " + logFile + ")";
    }

    /** Appended to the labels of the JMH runs that follow, e.g. {@code " fork 2/3"} in an interleaved run. */
    void labelSuffix(String suffix) {
        labelSuffix = suffix;
    }

    /**
     * {@code tcp 1 KiB latency}, with the peers when the run compares them or they are not jvm-jvm, the io path
     * when it is not the JDK's, the link when it is not loopback and a fan-in's clients ({@code fanin x4}).
     */
    String label(BenchmarkParams params) {
        String wait = params.getParam("wait");
        String peers = params.getParam("peers");
        String io = params.getParam("io");
        String link = params.getParam(Dimension.LINK.jmhParam());
        String topology = params.getParam(Dimension.TOPOLOGY.jmhParam());
        return label(params.getParam("mechanism"), Integer.parseInt(params.getParam("payloadBytes")),
                isLatency(params), wait == null ? Dimension.WAIT.defaultValue() : wait,
                peers == null ? Dimension.PEERS.defaultValue() : peers, namePeers)
                + (io == null || io.equals(Dimension.IO.defaultValue()) ? "" : " io=" + io)
                + (link == null || link.equals(Dimension.LINK.defaultValue()) ? "" : " over " + link)
                + (topology == null || topology.equals(Dimension.TOPOLOGY.defaultValue()) ? ""
                : " " + topology + " x" + params.getParam(Dimension.FAN.jmhParam())) + labelSuffix;
    }

    /** {@code tcp 1 KiB latency (spin) native-native}: wait when not block, peers when named or not jvm-jvm. */
    static String label(String mechanism, int payloadBytes, boolean latency, String wait, String peers,
                        boolean namePeers) {
        return mechanism + " " + Sizes.format(payloadBytes) + " " + (latency ? JmhOutcome.LATENCY : JmhOutcome.THROUGHPUT)
                + (wait.equals(Dimension.WAIT.defaultValue()) ? "" : " (" + wait + ")")
                + (namePeers || !peers.equals(Dimension.PEERS.defaultValue()) ? " " + peers : "");
    }

    private static boolean isLatency(BenchmarkParams params) {
        return params.getBenchmark().endsWith(".roundTrip");
    }

    private static double estimateSeconds(BenchmarkParams params) {
        return Progress.benchmarkSeconds(params.getForks(), params.getWarmup().getCount(),
                params.getWarmup().getTime().convertTo(TimeUnit.MILLISECONDS),
                params.getMeasurement().getCount(),
                params.getMeasurement().getTime().convertTo(TimeUnit.MILLISECONDS));
    }

    private String values(BenchmarkParams params, BenchmarkResult result) {
        try {
            return isLatency(params) ? latency(params, result) : throughput(params, result);
        } catch (IOException | RuntimeException unreadable) {
            return "measured (values unreadable until the run ends: " + unreadable.getMessage() + ")";
        }
    }

    /** p50 and p99 over every fork's histogram part; steady state as the collect step judges it. */
    private String latency(BenchmarkParams params, BenchmarkResult result) throws IOException {
        ResultKey key = ResultKey.ofParams(params::getParam);
        Result primary = result.getPrimaryResult();
        return latency(key, primary.getScore() * JmhOutcome.nanosPer(primary.getScoreUnit()), !labelSuffix.isEmpty());
    }

    /**
     * p50 and p99 of the parts of {@code key} so far, or of the newest part only (one fork of an interleaved run, whose
     * line names the fork); the mean rule only with a JMH mean (NaN: none).
     */
    private String latency(ResultKey key, double jmhMeanNs, boolean newestPartOnly) throws IOException {
        List<double[]> p50ByFork = new ArrayList<>();
        Histogram total = new Histogram(HistogramFiles.SIGNIFICANT_DIGITS);
        total.setAutoResize(true);
        double meanSum = 0;
        int intervals = 0;
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(layout.latencyDir(),
                key.fileName() + ".fork-*.hlog.part")) {
            found.forEach(parts::add);
        }
        if (newestPartOnly && parts.size() > 1) {
            // one fork of an interleaved run: the part just written, whose JMH mean is jmhMeanNs
            Path newest = parts.get(0);
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                    newest = part;
                }
            }
            parts = List.of(newest);
        }
        for (Path part : parts) {
            List<Histogram> fork = HistogramLog.intervals(part);
            double[] p50 = new double[fork.size()];
            for (int i = 0; i < fork.size(); i++) {
                p50[i] = fork.get(i).getValueAtPercentile(50);
                meanSum += fork.get(i).getMean();
                total.add(fork.get(i));
            }
            intervals += fork.size();
            p50ByFork.add(p50);
        }
        if (total.getTotalCount() == 0) {
            return "no round trip recorded";
        }
        SteadyState.Verdict verdict = SteadyState.check(p50ByFork, jmhMeanNs, meanSum / intervals,
                SteadyState.MICROS);
        return "p50 " + Progress.micros(total.getValueAtPercentile(50)) + "  p99 "
                + Progress.micros(total.getValueAtPercentile(99)) + unstable(verdict);
    }

    /** JMH's aggregate bytes/s; steady state over each fork's iterations (JMH lists them fork after fork). */
    private static String throughput(BenchmarkParams params, BenchmarkResult result) {
        Result bytes = result.getSecondaryResults().get("bytes");
        if (bytes == null) {
            return "no bytes counted";
        }
        double factor = JmhOutcome.perSecondFactor(bytes.getScoreUnit());
        List<IterationResult> iterations = new ArrayList<>(result.getIterationResults());
        int perFork = params.getMeasurement().getCount();
        List<double[]> byFork = new ArrayList<>();
        for (int start = 0; perFork > 0 && start + perFork <= iterations.size(); start += perFork) {
            double[] values = new double[perFork];
            for (int i = 0; i < perFork; i++) {
                Result iterationBytes = iterations.get(start + i).getSecondaryResults().get("bytes");
                values[i] = iterationBytes == null ? Double.NaN : iterationBytes.getScore() * factor;
            }
            byFork.add(values);
        }
        SteadyState.Verdict verdict = SteadyState.check(byFork, Double.NaN, Double.NaN, SteadyState.MEGABYTES_PER_S);
        return Progress.megabytesPerSecond(bytes.getScore() * factor) + unstable(verdict);
    }

    private static String unstable(SteadyState.Verdict verdict) {
        return verdict.stable() ? "" : " ~ " + verdict.note();
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    /** JMH closes its format after each run; the log stays open for the next group. */
    @Override
    public void close() {
        log.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
