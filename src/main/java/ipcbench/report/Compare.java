package ipcbench.report;

import ipcbench.results.Csv;
import ipcbench.results.LatencyRow;
import ipcbench.results.ThroughputRow;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entry point: the CI regression check. Compares a current run with a baseline run, from their result files (it
 * never runs a benchmark), and decides whether anything got slower.
 *
 * <p>{@link #run} compares every mechanism × payload size × placement measured in both runs on three metrics: p50 and
 * p99 round trip (latency.csv, lower is better) and throughput in bytes/s (throughput.csv, higher is better). A row is
 * a <b>regression</b> when BOTH hold:
 * <ol>
 * <li>it is worse by more than the threshold: latency current &gt; baseline × (1 + t), throughput current &lt;
 *     baseline × (1 − t);</li>
 * <li>it is outside the noise of the two runs: their noise ranges do not overlap, the current one lying on the worse
 *     side. For p50/p99 the range is the min–max, across the measurement iterations (the .hlog intervals), of each
 *     iteration's own p50/p99. When nothing changed, iterations are exchangeable, and the chance that all n of one run
 *     land beyond all m of the other is 1/C(n+m, n): 5% for 3 + 3 iterations, 0.8% for 5 + 5, so separation is
 *     real evidence. For throughput the range is bytes/s ± JMH's error (99.9% confidence half-width).</li>
 * </ol>
 * <b>Improvement</b> is the mirror image (better by more than t, ranges apart on the better side); anything else
 * measured in both runs is <b>within noise</b>. When the noise is unknown — fewer than two iterations in a .hlog, no
 * .hlog, or a NaN JMH error (one iteration and one fork) — the threshold alone decides, the row says "noise unknown"
 * and a warning says how to get it (more iterations): a gate that silently passed whenever the profile is short would
 * protect nothing. Rows measured in one run only are listed as <b>only in baseline</b> / <b>only in current</b> and
 * never fail the check; runs with different options, payload sizes or mechanism sets are compared where they
 * overlap. Differences in environment or options are printed as warnings.
 *
 * <p>Writes {@code compare.md} (the table, regressions first) and {@code compare.csv} into {@code outDir}; columns:
 * <pre>
 * mechanism,payload_bytes,placement,metric,unit,baseline,current,ratio,baseline_low,baseline_high,current_low,
 * current_high,noise,verdict
 * </pre>
 * metric: p50 | p99 | throughput; unit: ns (latency) | bytes_per_s; ratio = current / baseline; *_low/_high: the noise
 * range of each run (NaN when unknown or absent); noise: iterations | jmh-error | unknown; verdict: regression |
 * improvement | within-noise | only-in-baseline | only-in-current. Numbers are written in {@link Locale#ROOT}.
 *
 * <p>Returns a {@link Verdict} whose {@link Verdict#exitCode()} is 1 when any row is a regression, else 0. Bad input
 * (a missing directory, a directory that is not a run, an unreadable CSV or .hlog, runs with nothing in common, a
 * threshold outside (0, 1)) throws {@link ReportException}, whose one-line message the command line prints before
 * exiting with status 2.
 */
public final class Compare {
    public static final double DEFAULT_THRESHOLD = 0.10;
    public static final String MARKDOWN = "compare.md";
    public static final String CSV = "compare.csv";
    public static final String CSV_HEADER = "mechanism,payload_bytes,placement,metric,unit,baseline,current,ratio,"
            + "baseline_low,baseline_high,current_low,current_high,noise,verdict";

    /** What is compared, and which way is better. */
    public enum Metric {
        P50("p50", "ns", true),
        P99("p99", "ns", true),
        THROUGHPUT("throughput", "bytes_per_s", false);

        private final String id;
        private final String unit;
        private final boolean lowerIsBetter;

        Metric(String id, String unit, boolean lowerIsBetter) {
            this.id = id;
            this.unit = unit;
            this.lowerIsBetter = lowerIsBetter;
        }

        public String id() {
            return id;
        }

        public boolean lowerIsBetter() {
            return lowerIsBetter;
        }
    }

    public enum Outcome {
        REGRESSION("regression"),
        IMPROVEMENT("improvement"),
        ONLY_IN_BASELINE("only-in-baseline"),
        ONLY_IN_CURRENT("only-in-current"),
        WITHIN_NOISE("within-noise");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        /** The token in compare.csv. */
        public String id() {
            return id;
        }

        /** The words in compare.md and on the console. */
        public String words() {
            return id.replace('-', ' ');
        }
    }

    /** Where a row's noise ranges came from. */
    public enum Noise {
        ITERATIONS("iterations"),
        JMH_ERROR("jmh-error"),
        UNKNOWN("unknown");

        private final String id;

        Noise(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A noise range in the metric's unit; NaN bounds when unknown. */
    public record Range(double low, double high) {
        static final Range UNKNOWN = new Range(Double.NaN, Double.NaN);

        boolean known() {
            return !Double.isNaN(low) && !Double.isNaN(high);
        }
    }

    /** One mechanism × payload × placement × metric; baseline or current NaN when that run lacks it. */
    public record Row(String mechanism, int payloadBytes, String placement, Metric metric, double baseline,
                      double current, Range baselineNoise, Range currentNoise, Noise noise, Outcome outcome) {
        public double ratio() {
            return current / baseline;
        }
    }

    /** The outcome of a comparison and the files it wrote. */
    public record Verdict(List<Row> rows, List<String> warnings, Path markdown, Path csv) {
        public long count(Outcome outcome) {
            return rows.stream().filter(row -> row.outcome() == outcome).count();
        }

        /** 1 when any row is a regression, else 0. */
        public int exitCode() {
            return count(Outcome.REGRESSION) > 0 ? 1 : 0;
        }
    }

    private record Key(String mechanism, int payloadBytes, String placement) {
    }

    /** One run's value of a metric with its noise range. */
    private record Measured(double value, Range noise, Noise basis) {
    }

    private Compare() {
    }

    /** "10%", "10 %" or "0.10" → 0.10; fails for anything outside (0, 1). */
    public static double parseThreshold(String text) throws ReportException {
        String trimmed = text == null ? "" : text.strip();
        try {
            double fraction = trimmed.endsWith("%")
                    ? Double.parseDouble(trimmed.substring(0, trimmed.length() - 1).strip()) / 100
                    : Double.parseDouble(trimmed);
            return checkThreshold(fraction);
        } catch (NumberFormatException e) {
            throw new ReportException("threshold '" + text + "' is not a number; write e.g. 10% or 0.10");
        }
    }

    public static Verdict run(Path baseline, Path current, double thresholdFraction, Path outDir, PrintStream out)
            throws ReportException {
        checkThreshold(thresholdFraction);
        RunData base = RunData.load(baseline);
        RunData cur = RunData.load(current);
        List<String> warnings = new ArrayList<>(RunDifferences.describe(base, cur));
        List<Row> rows = compare(base, cur, thresholdFraction);
        if (rows.stream().noneMatch(row -> !Double.isNaN(row.baseline()) && !Double.isNaN(row.current()))) {
            throw new ReportException("the runs " + baseline + " and " + current + " have no mechanism × payload × "
                    + "placement measured in both: nothing to compare");
        }
        warnings.addAll(noiseWarnings(rows));
        long onlyOneSide = rows.stream().filter(row -> row.outcome() == Outcome.ONLY_IN_BASELINE
                || row.outcome() == Outcome.ONLY_IN_CURRENT).count();
        if (onlyOneSide > 0) {
            warnings.add(onlyOneSide + " rows were measured in one run only; they are listed, not judged");
        }
        Path markdown = outDir.resolve(MARKDOWN);
        Path csv = outDir.resolve(CSV);
        Verdict verdict = new Verdict(rows, warnings, markdown, csv);
        try {
            Files.createDirectories(outDir);
            Files.writeString(markdown, markdown(base, cur, thresholdFraction, verdict, outDir), StandardCharsets.UTF_8);
            Csv.write(csv, CSV_HEADER, rows, Compare::csvLine);
        } catch (IOException e) {
            throw new ReportException("cannot write the comparison into " + outDir + ": " + e.getMessage(), e);
        }
        print(out, base, cur, thresholdFraction, verdict);
        return verdict;
    }

    private static double checkThreshold(double fraction) throws ReportException {
        if (!(fraction > 0 && fraction < 1)) {
            throw new ReportException("threshold " + Numbers.tick(fraction * 100) + "% is outside (0%, 100%); "
                    + "write e.g. 10%");
        }
        return fraction;
    }

    static List<Row> compare(RunData base, RunData cur, double threshold) throws ReportException {
        Map<Key, Map<Metric, Measured>> before = measured(base);
        Map<Key, Map<Metric, Measured>> after = measured(cur);
        Set<String> ids = new HashSet<>();
        before.keySet().forEach(key -> ids.add(key.mechanism()));
        after.keySet().forEach(key -> ids.add(key.mechanism()));
        List<String> order = new SeriesStyles(ids).ordered();
        TreeMap<Key, Boolean> keys = new TreeMap<>(Comparator.comparingInt((Key k) -> order.indexOf(k.mechanism()))
                .thenComparing(Key::placement).thenComparingInt(Key::payloadBytes));
        before.keySet().forEach(key -> keys.put(key, true));
        after.keySet().forEach(key -> keys.put(key, true));
        List<Row> rows = new ArrayList<>();
        for (Key key : keys.keySet()) {
            for (Metric metric : Metric.values()) {
                Measured b = before.getOrDefault(key, Map.of()).get(metric);
                Measured c = after.getOrDefault(key, Map.of()).get(metric);
                if (b == null && c == null) {
                    continue;
                }
                rows.add(judge(key, metric, b, c, threshold));
            }
        }
        return rows;
    }

    private static Row judge(Key key, Metric metric, Measured b, Measured c, double threshold) {
        if (b == null || c == null) {
            Measured present = b == null ? c : b;
            return new Row(key.mechanism(), key.payloadBytes(), key.placement(), metric,
                    b == null ? Double.NaN : b.value(), c == null ? Double.NaN : c.value(),
                    b == null ? Range.UNKNOWN : b.noise(), c == null ? Range.UNKNOWN : c.noise(), present.basis(),
                    b == null ? Outcome.ONLY_IN_CURRENT : Outcome.ONLY_IN_BASELINE);
        }
        boolean noiseKnown = b.noise().known() && c.noise().known();
        Noise basis = noiseKnown ? b.basis() : Noise.UNKNOWN;
        // "Up" means a larger value: worse for latency, better for throughput.
        boolean upBeyondThreshold = c.value() > b.value() * (1 + threshold);
        boolean downBeyondThreshold = c.value() < b.value() * (1 - threshold);
        boolean upBeyondNoise = !noiseKnown || c.noise().low() > b.noise().high();
        boolean downBeyondNoise = !noiseKnown || c.noise().high() < b.noise().low();
        boolean up = upBeyondThreshold && upBeyondNoise;
        boolean down = downBeyondThreshold && downBeyondNoise;
        Outcome outcome;
        if (up) {
            outcome = metric.lowerIsBetter() ? Outcome.REGRESSION : Outcome.IMPROVEMENT;
        } else if (down) {
            outcome = metric.lowerIsBetter() ? Outcome.IMPROVEMENT : Outcome.REGRESSION;
        } else {
            outcome = Outcome.WITHIN_NOISE;
        }
        return new Row(key.mechanism(), key.payloadBytes(), key.placement(), metric, b.value(), c.value(), b.noise(),
                c.noise(), basis, outcome);
    }

    /** Every metric of every benchmark of a run, with its noise range. */
    private static Map<Key, Map<Metric, Measured>> measured(RunData run) throws ReportException {
        Map<Key, Map<Metric, Measured>> values = new LinkedHashMap<>();
        for (LatencyRow row : run.latency()) {
            Map<Metric, Measured> metrics = values.computeIfAbsent(
                    new Key(row.mechanism(), row.payloadBytes(), row.placement()), k -> new LinkedHashMap<>());
            Optional<List<Histogram>> intervals = run.intervals(row);
            metrics.put(Metric.P50, latency(row.p50Ns(), intervals, 50));
            metrics.put(Metric.P99, latency(row.p99Ns(), intervals, 99));
        }
        for (ThroughputRow row : run.throughput()) {
            double error = row.bytesPerSError();
            Range noise = Double.isNaN(error) ? Range.UNKNOWN
                    : new Range(row.bytesPerS() - error, row.bytesPerS() + error);
            values.computeIfAbsent(new Key(row.mechanism(), row.payloadBytes(), row.placement()),
                    k -> new LinkedHashMap<>()).put(Metric.THROUGHPUT,
                    new Measured(row.bytesPerS(), noise, Double.isNaN(error) ? Noise.UNKNOWN : Noise.JMH_ERROR));
        }
        return values;
    }

    /** The whole-run percentile, and the min–max of that percentile over the iterations (two or more). */
    private static Measured latency(long wholeRunNs, Optional<List<Histogram>> intervals, double percentile) {
        if (intervals.isEmpty() || intervals.get().size() < 2) {
            return new Measured(wholeRunNs, Range.UNKNOWN, Noise.UNKNOWN);
        }
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (Histogram interval : intervals.get()) {
            if (interval.getTotalCount() == 0) {
                continue;
            }
            double value = interval.getValueAtPercentile(percentile);
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        return low > high ? new Measured(wholeRunNs, Range.UNKNOWN, Noise.UNKNOWN)
                : new Measured(wholeRunNs, new Range(low, high), Noise.ITERATIONS);
    }

    private static List<String> noiseWarnings(List<Row> rows) {
        List<String> warnings = new ArrayList<>();
        long latency = rows.stream().filter(r -> r.noise() == Noise.UNKNOWN && r.metric() != Metric.THROUGHPUT
                && bothSides(r)).count();
        long throughput = rows.stream().filter(r -> r.noise() == Noise.UNKNOWN && r.metric() == Metric.THROUGHPUT
                && bothSides(r)).count();
        if (latency > 0) {
            warnings.add(latency + " latency rows have no iteration spread (a .hlog with fewer than two intervals, "
                    + "or none); they are judged on the threshold alone: measure two or more iterations");
        }
        if (throughput > 0) {
            warnings.add(throughput + " throughput rows have no JMH error (NaN: too few iterations); they are "
                    + "judged on the threshold alone: measure two or more iterations or forks");
        }
        return warnings;
    }

    private static boolean bothSides(Row row) {
        return !Double.isNaN(row.baseline()) && !Double.isNaN(row.current());
    }

    private static String csvLine(Row row) {
        return String.join(",", row.mechanism(), Integer.toString(row.payloadBytes()), row.placement(),
                row.metric().id(), row.metric().unit, csvNumber(row.baseline(), 1), csvNumber(row.current(), 1),
                csvNumber(row.ratio(), 4), csvNumber(row.baselineNoise().low(), 1),
                csvNumber(row.baselineNoise().high(), 1), csvNumber(row.currentNoise().low(), 1),
                csvNumber(row.currentNoise().high(), 1), row.noise().id(), row.outcome().id());
    }

    private static String csvNumber(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "NaN" : Csv.number(value, decimals);
    }

    /** A value in the unit people read: µs for latency, MB/s for throughput. */
    private static String readable(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return metric == Metric.THROUGHPUT ? Numbers.megabytesPerS(value) + " MB/s" : Numbers.micros(value) + " µs";
    }

    private static String readableRange(Metric metric, Range range) {
        if (!range.known()) {
            return "unknown";
        }
        String unit = metric == Metric.THROUGHPUT ? " MB/s" : " µs";
        return metric == Metric.THROUGHPUT
                ? Numbers.megabytesPerS(range.low()) + "–" + Numbers.megabytesPerS(range.high()) + unit
                : Numbers.micros(range.low()) + "–" + Numbers.micros(range.high()) + unit;
    }

    private static String label(Row row) {
        return row.mechanism() + " " + Numbers.bytes(row.payloadBytes()) + " " + row.placement() + " "
                + row.metric().id();
    }

    private static String markdown(RunData base, RunData cur, double threshold, Verdict verdict, Path outDir) {
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "ipcbench compare: " + cur.label() + " vs baseline " + base.label());
        doc.paragraph(summary(verdict) + " Threshold " + Numbers.tick(threshold * 100) + "%; a regression must also "
                + "lie outside the noise of both runs (per-iteration p50/p99 ranges for latency, JMH's 99.9% error "
                + "for throughput). Exit status " + verdict.exitCode() + ".");
        doc.plainTable(List.of("", "baseline", "current"), new boolean[] {false, false, false}, List.of(
                List.of("run", base.label(), cur.label()),
                List.of("directory", base.dir().toString(), cur.dir().toString())));
        if (!verdict.warnings().isEmpty()) {
            doc.heading(2, "Warnings");
            doc.bullets(verdict.warnings());
        }
        doc.heading(2, "Rows, regressions first");
        List<Row> ordered = new ArrayList<>(verdict.rows());
        ordered.sort(Comparator.comparing(Row::outcome));
        List<List<String>> cells = new ArrayList<>();
        for (Row row : ordered) {
            cells.add(List.of(row.outcome().words(), row.mechanism(), Numbers.bytes(row.payloadBytes()),
                    row.placement(), row.metric().id(), readable(row.metric(), row.baseline()),
                    readable(row.metric(), row.current()), Numbers.percentChange(row.ratio()),
                    readableRange(row.metric(), row.baselineNoise()), readableRange(row.metric(), row.currentNoise()),
                    row.noise().id()));
        }
        doc.plainTable(List.of("verdict", "mechanism", "payload", "placement", "metric", "baseline", "current",
                "change", "baseline noise", "current noise", "noise from"),
                new boolean[] {false, false, true, false, false, true, true, true, true, true, false}, cells);
        return doc.markdown(outDir);
    }

    private static String summary(Verdict verdict) {
        return String.format(Locale.ROOT, "%d regressions, %d improvements, %d within noise; %d only in baseline, "
                        + "%d only in current.", verdict.count(Outcome.REGRESSION), verdict.count(Outcome.IMPROVEMENT),
                verdict.count(Outcome.WITHIN_NOISE), verdict.count(Outcome.ONLY_IN_BASELINE),
                verdict.count(Outcome.ONLY_IN_CURRENT));
    }

    private static void print(PrintStream out, RunData base, RunData cur, double threshold, Verdict verdict) {
        out.println("ipcbench compare: current " + cur.label() + " (" + cur.dir() + ") vs baseline " + base.label()
                + " (" + base.dir() + "), threshold " + Numbers.tick(threshold * 100) + "%");
        verdict.warnings().forEach(warning -> out.println("warning: " + warning));
        for (Row row : verdict.rows()) {
            if (row.outcome() == Outcome.REGRESSION || row.outcome() == Outcome.IMPROVEMENT) {
                out.println(String.format(Locale.ROOT, "%-12s %s: %s -> %s (%s), noise: %s", row.outcome().words(),
                        label(row), readable(row.metric(), row.baseline()), readable(row.metric(), row.current()),
                        Numbers.percentChange(row.ratio()), row.noise() == Noise.UNKNOWN ? "unknown, threshold only"
                                : readableRange(row.metric(), row.baselineNoise()) + " vs "
                                + readableRange(row.metric(), row.currentNoise())));
            }
        }
        out.println(summary(verdict));
        out.println("written: " + verdict.markdown() + ", " + verdict.csv());
        out.println(verdict.exitCode() == 0 ? "verdict: no regression (exit 0)" : "verdict: REGRESSION (exit 1)");
    }
}
