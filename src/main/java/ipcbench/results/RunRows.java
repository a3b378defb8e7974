package ipcbench.results;

import ipcbench.stats.MedianInterval;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The collect step of a run: JMH's results and the forks' histogram parts become the rows of every CSV. The fork is
 * the unit of repetition: each row's interval is the {@link MedianInterval} of its per-fork values, or with one
 * fork of its per-iteration values (flagged {@code ci_from=iterations}: within-fork intervals understate
 * run-to-run noise); each row gets a {@link SteadyState} verdict from its iterations. The forks' cost parts become
 * cost.csv ({@link CostRow}). Latency rows exist only for
 * benchmarks JMH reported (a fork that died leaves parts that are removed, not merged).
 */
public record RunRows(List<LatencyRow> latency, List<ThroughputRow> throughput, List<ForkRow> forks,
                      List<IterationRow> iterations, List<AllocationRow> allocation, List<CostRow> cost,
                      List<MemberRow> members) {

    /**
     * Outcomes of the same benchmark from several JMH invocations (interleaved peers) are merged first
     * ({@link JmhOutcome#merge}); native-native outcomes ({@link JmhOutcome#ofNativePair}) take their numbers from
     * their histogram parts like JMH's latency forks.
     */
    public static RunRows collect(RunLayout layout, List<JmhOutcome> outcomes) throws IOException {
        Map<String, List<JmhOutcome>> byBenchmark = new java.util.LinkedHashMap<>();
        for (JmhOutcome outcome : outcomes) {
            byBenchmark.computeIfAbsent(outcome.benchmark(), k -> new ArrayList<>()).add(outcome);
        }
        List<JmhOutcome> merged = new ArrayList<>();
        byBenchmark.values().forEach(parts -> merged.add(JmhOutcome.merge(parts)));
        return collectMerged(layout, merged);
    }

    private static RunRows collectMerged(RunLayout layout, List<JmhOutcome> outcomes) throws IOException {
        Map<String, JmhOutcome> latencyOutcomes = new HashMap<>();
        List<ThroughputRow> throughput = new ArrayList<>();
        List<ForkRow> forks = new ArrayList<>();
        List<IterationRow> iterations = new ArrayList<>();
        List<AllocationRow> allocation = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (JmhOutcome outcome : outcomes) {
            reported.add(CostRow.benchmarkKey(outcome.key(), outcome.mode()));
            if (outcome.mode().equals(JmhOutcome.LATENCY)) {
                latencyOutcomes.put(outcome.key().fileName(), outcome);
            } else {
                throughput.add(throughput(outcome, forks, iterations));
            }
            if (!Double.isNaN(outcome.allocBytesPerOp())) {
                allocation.add(new AllocationRow(outcome.key(), outcome.mode(), outcome.messagesPerOp(),
                        outcome.allocBytesPerOp()));
            }
        }
        List<LatencyRow> latency = new ArrayList<>();
        List<MemberRow> members = new ArrayList<>();
        for (HistogramFiles.ForkParts parts : HistogramFiles.readParts(layout)) {
            JmhOutcome outcome = latencyOutcomes.get(parts.fileName());
            if (outcome == null || parts.forks().isEmpty()) {
                HistogramFiles.delete(parts);
                continue;
            }
            Histogram total = HistogramFiles.merge(layout, outcome.key(), parts);
            for (int member = 0; member < parts.members().size(); member++) {
                members.add(MemberRow.of(outcome.key(), member, HistogramFiles.total(parts.members().get(member))));
            }
            latency.add(latency(outcome.key(), parts, total, outcome.meanNsPerOp(), forks, iterations));
        }
        return new RunRows(latency, throughput, forks, iterations, allocation, CostRow.collect(layout, reported),
                members);
    }

    /**
     * Writes latency.csv, throughput.csv, forks.csv, iterations.csv and (when there is any) allocation.csv,
     * cost.csv and members.csv.
     */
    public void write(RunLayout layout) throws IOException {
        LatencyRow.write(layout.latencyCsv(), latency);
        ThroughputRow.write(layout.throughputCsv(), throughput);
        ForkRow.write(layout.forksCsv(), forks);
        IterationRow.write(layout.iterationsCsv(), iterations);
        if (!allocation.isEmpty()) {
            AllocationRow.write(layout.allocationCsv(), allocation);
        } else {
            Files.deleteIfExists(layout.allocationCsv());
        }
        if (!cost.isEmpty()) {
            CostRow.write(layout.costCsv(), cost);
        }
        if (!members.isEmpty()) {
            MemberRow.write(layout.membersCsv(), members);
        }
    }

    public boolean isEmpty() {
        return latency.isEmpty() && throughput.isEmpty();
    }

    static LatencyRow latency(ResultKey key, HistogramFiles.ForkParts parts, Histogram total, double jmhMeanNs,
                              List<ForkRow> forkRows, List<IterationRow> iterationRows) {
        List<double[]> p50ByFork = new ArrayList<>();
        double[] forkP50 = new double[parts.forks().size()];
        double[] forkP99 = new double[parts.forks().size()];
        List<Double> iterationP50 = new ArrayList<>();
        List<Double> iterationP99 = new ArrayList<>();
        double iterationMeansNs = 0;
        int iterationCount = 0;
        for (int f = 0; f < parts.forks().size(); f++) {
            List<Histogram> intervals = parts.forks().get(f);
            Histogram fork = HistogramFiles.total(intervals);
            forkP50[f] = fork.getValueAtPercentile(50);
            forkP99[f] = fork.getValueAtPercentile(99);
            forkRows.add(new ForkRow(key, JmhOutcome.LATENCY, f + 1, forkP50[f], fork.getValueAtPercentile(90),
                    forkP99[f], fork.getValueAtPercentile(99.9), Double.NaN, Double.NaN));
            double[] p50s = new double[intervals.size()];
            for (int i = 0; i < intervals.size(); i++) {
                Histogram interval = intervals.get(i);
                p50s[i] = interval.getValueAtPercentile(50);
                double p99 = interval.getValueAtPercentile(99);
                iterationP50.add(p50s[i]);
                iterationP99.add(p99);
                iterationRows.add(new IterationRow(key, JmhOutcome.LATENCY, f + 1, i + 1, p50s[i], p99,
                        interval.getMean(), Double.NaN, Double.NaN));
                iterationMeansNs += interval.getMean();
                iterationCount++;
            }
            p50ByFork.add(p50s);
        }
        boolean byForks = forkP50.length > 1;
        MedianInterval p50 = MedianInterval.of(byForks ? forkP50 : toArray(iterationP50));
        MedianInterval p99 = MedianInterval.of(byForks ? forkP99 : toArray(iterationP99));
        // JMH's score is the unweighted mean of its iteration scores: set it against the same mean of the iterations'
        // histogram means, not against the whole histogram's (weighted by round trips).
        SteadyState.Verdict verdict = SteadyState.check(p50ByFork, jmhMeanNs, iterationMeansNs / iterationCount,
                SteadyState.MICROS);
        return LatencyRow.of(key, total).withRepeats(
                new Interval(p50.low(), p50.high()), new Interval(p99.low(), p99.high()),
                repeats(forkP50.length, byForks, p50.level(), verdict));
    }

    static ThroughputRow throughput(JmhOutcome outcome, List<ForkRow> forkRows, List<IterationRow> iterationRows) {
        List<List<JmhOutcome.Rates>> forks = outcome.forks();
        double[] forkBytes = new double[forks.size()];
        List<Double> iterationBytes = new ArrayList<>();
        List<double[]> bytesByFork = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            List<JmhOutcome.Rates> rates = forks.get(f);
            forkBytes[f] = mean(rates, JmhOutcome.Rates::bytesPerS);
            forkRows.add(new ForkRow(outcome.key(), JmhOutcome.THROUGHPUT, f + 1, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, mean(rates, JmhOutcome.Rates::messagesPerS), forkBytes[f]));
            double[] bytes = new double[rates.size()];
            for (int i = 0; i < rates.size(); i++) {
                bytes[i] = rates.get(i).bytesPerS();
                iterationBytes.add(bytes[i]);
                iterationRows.add(new IterationRow(outcome.key(), JmhOutcome.THROUGHPUT, f + 1, i + 1, Double.NaN,
                        Double.NaN, Double.NaN, rates.get(i).messagesPerS(), bytes[i]));
            }
            bytesByFork.add(bytes);
        }
        boolean byForks = forks.size() > 1;
        MedianInterval interval = MedianInterval.of(byForks ? forkBytes : toArray(iterationBytes));
        SteadyState.Verdict verdict = SteadyState.check(bytesByFork, Double.NaN, Double.NaN,
                SteadyState.MEGABYTES_PER_S);
        return new ThroughputRow(outcome.key(), outcome.messagesPerS(), outcome.bytesPerS(), outcome.bytesPerSError(),
                new Interval(interval.low(), interval.high()),
                repeats(forks.size(), byForks, interval.level(), verdict));
    }

    private static Repeats repeats(int forks, boolean byForks, double level, SteadyState.Verdict verdict) {
        return new Repeats(forks, byForks ? Repeats.FROM_FORKS : Repeats.FROM_ITERATIONS, level, verdict.stable(),
                verdict.note());
    }

    private static double mean(List<JmhOutcome.Rates> rates, ToDoubleFunction<JmhOutcome.Rates> value) {
        return rates.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
