package ipcbench.report;

import ipcbench.gate.Gate;
import ipcbench.gate.GateException;
import ipcbench.gate.GateOptions;
import ipcbench.gate.GateResult;
import ipcbench.gate.GateRow;
import ipcbench.gate.Metric;
import ipcbench.gate.Outcome;
import ipcbench.gate.RunPool;
import ipcbench.stats.HodgesLehmann;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point of {@code compare}, the CI regression check: reads a baseline and a current side (each a run or a
 * pool of runs), lets {@link Gate} judge every benchmark × metric, and renders the result: a console table,
 * {@code compare.md} and {@code compare.csv} ({@link CompareCsv}) in {@code outDir}, regressions first, with every
 * difference in environment or options between the runs as a warning. Bad input throws {@link ReportException}
 * (one line, exit status 2) before anything is written.
 */
public final class CompareReport {
    static final String MARKDOWN = "compare.md";

    private CompareReport() {
    }

    /** What was judged and where it was written. */
    public record Written(GateResult result, List<String> warnings, Path markdown, Path csv) {
        public int exitCode() {
            return result.exitCode();
        }
    }

    public static Written run(Path baseline, Path current, GateOptions options, Path outDir, PrintStream out)
            throws ReportException {
        RunPool base;
        RunPool cur;
        GateResult result;
        try {
            GateOptions.of(options.threshold(), options.alpha());
            base = RunPool.load(baseline);
            cur = RunPool.load(current);
            result = Gate.compare(base, cur, options);
        } catch (GateException e) {
            throw new ReportException(e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>(environmentWarnings(base, cur));
        warnings.addAll(result.warnings());
        Path markdown = outDir.resolve(MARKDOWN);
        Path csv = outDir.resolve(CompareCsv.FILE);
        Written written = new Written(result, warnings, markdown, csv);
        List<GateRow> ordered = ordered(result.rows());
        try {
            Files.createDirectories(outDir);
            Files.writeString(markdown, markdown(base, cur, written, ordered, outDir), StandardCharsets.UTF_8);
            CompareCsv.write(csv, ordered);
        } catch (IOException e) {
            throw new ReportException("cannot write the comparison into " + outDir + ": " + e.getMessage(), e);
        }
        print(out, base, cur, written, ordered);
        return written;
    }

    /** Regressions first, then improvements, within noise, one side only; the gate's order within each. */
    private static List<GateRow> ordered(List<GateRow> rows) {
        List<GateRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing(GateRow::outcome));
        return ordered;
    }

    /** Differences between the two sides' first runs, and within each pool between its runs. */
    private static List<String> environmentWarnings(RunPool base, RunPool cur) throws ReportException {
        List<RunData> before = load(base);
        List<RunData> after = load(cur);
        List<String> warnings = new ArrayList<>(RunDifferences.describe(before.get(0), after.get(0)));
        warnings.addAll(withinPool("baseline", before));
        warnings.addAll(withinPool("current", after));
        return warnings;
    }

    private static List<RunData> load(RunPool side) throws ReportException {
        List<RunData> runs = new ArrayList<>();
        for (Path dir : side.runs()) {
            runs.add(RunData.load(dir));
        }
        return runs;
    }

    private static List<String> withinPool(String name, List<RunData> runs) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> first = RunDifferences.comparableFields(runs.get(0));
        for (RunData run : runs.subList(1, runs.size())) {
            Map<String, String> other = RunDifferences.comparableFields(run);
            for (String key : RunDifferences.union(first, other)) {
                String a = first.getOrDefault(key, "absent");
                String b = other.getOrDefault(key, "absent");
                if (!Objects.equals(a, b)) {
                    warnings.add(name + " pool: " + key + " differs: " + a + " (" + runs.get(0).label() + ") vs "
                            + b + " (" + run.label() + ")");
                }
            }
        }
        return warnings;
    }

    /** A value in the unit people read: µs for latency, MB/s for throughput. */
    private static String readable(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return metric == Metric.THROUGHPUT ? Numbers.megabytesPerS(value) + " MB/s" : Numbers.micros(value) + " µs";
    }

    private static String ratio(GateRow row) {
        return row.ratio() == null ? "—" : Numbers.fixed(row.ratioEstimate(), 3) + "×";
    }

    /** The ratio's interval, its real coverage when the samples are too small for 95%. */
    private static String interval(GateRow row) {
        HodgesLehmann ratio = row.ratio();
        if (ratio == null || Double.isNaN(ratio.low())) {
            return row.onBothSides() ? "unknown" : "—";
        }
        String range = Numbers.fixed(ratio.low(), 3) + "–" + Numbers.fixed(ratio.high(), 3);
        return ratio.level() < HodgesLehmann.LEVEL_95 - 1e-9
                ? range + " (" + Numbers.fixed(ratio.level() * 100, 0) + "%)" : range;
    }

    private static String probability(double p) {
        if (Double.isNaN(p)) {
            return "—";
        }
        return p < 0.0001 ? "<0.0001" : Numbers.fixed(p, 4);
    }

    private static String sizes(GateRow row) {
        return row.baselineN() + "/" + row.currentN();
    }

    private static String noise(GateRow row) {
        return row.noise().id();
    }

    private static String summary(GateResult result) {
        return String.format(Locale.ROOT, "%d regressions, %d improvements, %d within noise, %d not tested; %d only in"
                        + " baseline, %d only in current.", result.count(Outcome.REGRESSION),
                result.count(Outcome.IMPROVEMENT), result.count(Outcome.WITHIN_NOISE), result.count(Outcome.NOT_TESTED),
                result.count(Outcome.ONLY_IN_BASELINE),
                result.count(Outcome.ONLY_IN_CURRENT));
    }

    private static String rule(GateOptions options) {
        String t = Numbers.tick(options.threshold() * 100) + "%";
        return "The run is the unit: one value per run and row (the median of its forks). A row is a regression when the"
                + " exact one-sided rank-sum test of the two sides' run values, Holm-adjusted over every tested row, gives p < "
                + Numbers.tick(options.alpha()) + " AND the Hodges–Lehmann ratio "
                + "current/baseline is worse than the threshold " + t + " (latency ratio > " + Numbers.tick(
                1 + options.threshold()) + ", throughput ratio < " + Numbers.tick(1 - options.threshold())
                + "); an improvement is the mirror. With too few runs per side to reach alpha a row is not tested"
                + " (its ratio is shown); ./run-bench.sh gate measures both sides paired in one invocation instead.";
    }

    private static String side(RunPool side) {
        return side.pooled() ? side.dir() + " (pool of " + side.runs().size() + " runs)" : side.dir().toString();
    }

    private static List<String> cells(GateRow row) {
        return List.of(row.outcome().words(), row.key().mechanism(), Numbers.bytes(row.key().payloadBytes()),
                row.key().placementShown(), row.metric().id(), readable(row.metric(), row.baselineMedian()),
                readable(row.metric(), row.currentMedian()), ratio(row), interval(row), probability(row.pAdjusted()),
                sizes(row), noise(row));
    }

    private static final List<String> HEADER = List.of("verdict", "mechanism", "payload", "placement", "metric",
            "baseline", "current", "ratio", "ratio 95% CI", "p adj.", "n base/cur", "noise");

    private static String markdown(RunPool base, RunPool cur, Written written, List<GateRow> rows, Path outDir) {
        ReportDocument doc = new ReportDocument();
        GateResult result = written.result();
        doc.heading(1, "ipcbench compare: " + cur.dir().getFileName() + " vs baseline " + base.dir().getFileName());
        doc.paragraph(summary(result) + " " + rule(result.options()) + " Baseline and current are medians of each "
                + "side's values. Exit status " + result.exitCode() + ".");
        doc.plainTable(List.of("", "directory", "runs"), new boolean[] {false, false, true}, List.of(
                List.of("baseline", side(base), Integer.toString(base.runs().size())),
                List.of("current", side(cur), Integer.toString(cur.runs().size()))));
        if (!written.warnings().isEmpty()) {
            doc.heading(2, "Warnings");
            doc.bullets(written.warnings());
        }
        doc.heading(2, "Rows, regressions first");
        doc.plainTable(HEADER, new boolean[] {false, false, true, false, false, true, true, true, true, true, true,
                false}, rows.stream().map(CompareReport::cells).toList());
        return doc.markdown(outDir);
    }

    private static void print(PrintStream out, RunPool base, RunPool cur, Written written, List<GateRow> rows) {
        GateResult result = written.result();
        GateOptions options = result.options();
        out.println("ipcbench compare: current " + side(cur) + " vs baseline " + side(base) + ", threshold "
                + Numbers.tick(options.threshold() * 100) + "%, alpha " + Numbers.tick(options.alpha()));
        written.warnings().forEach(warning -> out.println("warning: " + warning));
        List<List<String>> table = new ArrayList<>();
        table.add(HEADER);
        rows.forEach(row -> table.add(cells(row)));
        int[] widths = new int[HEADER.size()];
        for (List<String> line : table) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", line.get(i)));
                text.append(i + 1 < widths.length ? "  " : "");
            }
            out.println(text.toString().stripTrailing());
        }
        out.println(summary(result));
        out.println("written: " + written.markdown() + ", " + written.csv());
        out.println(result.exitCode() == 0 ? "verdict: no regression (exit 0)" : "verdict: REGRESSION (exit 1)");
    }
}
