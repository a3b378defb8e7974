package ipcbench.report;

import ipcbench.gate.PairRow;
import ipcbench.gate.PairedGate;
import ipcbench.gate.PairedOptions;
import ipcbench.gate.PairedOutcome;
import ipcbench.gate.PairedRow;
import ipcbench.gate.PairedVerdict;
import ipcbench.gate.PairsCsv;
import ipcbench.results.Csv;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A paired gate's verdict, rendered: the console table, gate.md, gate.csv and the forest chart. {@link #judgeAndWrite}
 * is the only way to a verdict, for a live gate and for {@code gate --judge} alike: it reads pairs.csv, so a verdict
 * never depends on anything but the pairs and the options.
 */
public final class GateReport {
    /** gate.csv's own columns, after the key's. */
    static final String CSV_COLUMNS = "metric,unit,pairs,nonzero_pairs,ratio,ratio_ci_low,ratio_ci_high,ci_coverage,p,"
            + "p_adjusted,verdict,reason";
    private static final String CHART = "gate-forest";

    private GateReport() {
    }

    /** Judges {@code pairsCsv}, writes gate.md, gate.csv and the chart into {@code outDir}; returns 0 or 1. */
    public static int judgeAndWrite(Path pairsCsv, List<String> context, PairedOptions options, Path outDir,
                                    PrintStream out) throws IOException {
        List<PairRow> pairs = PairsCsv.read(pairsCsv);
        if (pairs.isEmpty()) {
            out.println("ipcbench gate: " + pairsCsv + " holds no pair: nothing to judge");
            return 1;
        }
        PairedVerdict verdict = PairedGate.judge(pairs, options);
        writeCsv(outDir.resolve("gate.csv"), verdict);
        Files.writeString(outDir.resolve("gate.md"), markdown(verdict, context), StandardCharsets.UTF_8);
        String chart = "";
        try {
            ChartCanvas.requireFonts();
            forest(verdict, outDir);
            chart = "chart           " + outDir.resolve(CHART + ".png") + "  " + outDir.resolve(CHART + ".svg");
        } catch (ReportException | IOException | RuntimeException e) {
            chart = "chart           not drawn: " + e.getMessage();
        }
        print(verdict, out);
        out.println("gate.md         " + outDir.resolve("gate.md"));
        out.println("gate.csv        " + outDir.resolve("gate.csv"));
        out.println(chart);
        return verdict.exitCode();
    }

    static void print(PairedVerdict verdict, PrintStream out) {
        out.printf(Locale.ROOT, "%n%-30s %-10s %5s  %-24s %9s %9s  %s%n", "row", "metric", "pairs",
                "head/base [95% interval]", "p", "p adj", "verdict");
        for (PairedRow row : verdict.rows()) {
            out.printf(Locale.ROOT, "%-30s %-10s %5d  %-24s %9s %9s  %s%n", label(row), row.metric().id(), row.pairs(),
                    ratio(row), p(row.p()), p(row.pAdjusted()), row.outcome().id());
        }
        out.println();
        out.println(summary(verdict));
    }

    private static String summary(PairedVerdict verdict) {
        long regressions = count(verdict, PairedOutcome.REGRESSION);
        long inconclusive = count(verdict, PairedOutcome.INCONCLUSIVE);
        String text = regressions > 0 ? "REGRESSION: " + regressions + " gated row(s) worse beyond the minimum effect"
                : "no regression";
        return text + String.format(Locale.ROOT, " (alpha %s over the gated rows, minimum effect %.1f%%%s)",
                verdict.options().alpha(), verdict.options().minEffect() * 100,
                inconclusive > 0 ? "; " + inconclusive + " row(s) inconclusive: too few pairs" : "");
    }

    private static long count(PairedVerdict verdict, PairedOutcome outcome) {
        return verdict.rows().stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String markdown(PairedVerdict verdict, List<String> context) {
        StringBuilder md = new StringBuilder("# ipcbench gate\n\n**").append(summary(verdict)).append("**\n\n");
        context.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n| row | metric | pairs | head / base | 95% interval (coverage) | p | p adjusted | verdict | reason |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (PairedRow row : verdict.rows()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s–%s (%.1f%%) | %s | %s | %s | %s |%n",
                    label(row), row.metric().id(), row.pairs(), fixed(row.ratio()), fixed(row.ratioLow()),
                    fixed(row.ratioHigh()), row.coverage() * 100, p(row.p()), p(row.pAdjusted()), row.outcome().id(),
                    row.reason()));
        }
        md.append("\nhead / base: the Hodges–Lehmann estimate over the pairs (latency: above 1 is slower; throughput:"
                + " below 1 is slower). p: the exact one-sided signed-rank test of \"head worse\"; adjusted: Holm over"
                + " the gated rows. A regression needs adjusted p < alpha and a change beyond the minimum effect."
                + " The forest chart: " + CHART + ".png.\n");
        return md.toString();
    }

    private static void writeCsv(Path file, PairedVerdict verdict) throws IOException {
        Csv.writeKeyed(file, CSV_COLUMNS, verdict.rows(), PairedRow::key, row -> String.join(",",
                row.metric().id(), row.metric().unit(), Integer.toString(row.pairs()),
                Integer.toString(row.nonzero()), Csv.number(row.ratio(), 6), Csv.number(row.ratioLow(), 6),
                Csv.number(row.ratioHigh(), 6), Csv.number(row.coverage(), 4), Csv.optional(row.p(), 6),
                Csv.optional(row.pAdjusted(), 6), row.outcome().id(), row.reason().replace(',', ';')));
    }

    /** Every pair's ratio as a dot, each row's estimate and interval as a bar, lines at 1 and 1 ± min-effect. */
    private static void forest(PairedVerdict verdict, Path dir) throws IOException {
        XYChart chart = Plots.xyChart();
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(value -> LogAxis.NO_LABEL);
        List<PairedRow> rows = verdict.rows();
        double min = 1 / (1 + verdict.options().minEffect());
        double max = 1 + verdict.options().minEffect();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            PairedRow row = rows.get(i);
            forestRow(chart, row, rows.size() - i);
            names.add(label(row) + " " + row.metric().id());
            for (double ratio : row.ratios()) {
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
            }
            min = Math.min(min, row.ratioLow());
            max = Math.max(max, row.ratioHigh());
        }
        for (double x : new double[] {1, 1 + verdict.options().minEffect(), 1 / (1 + verdict.options().minEffect())}) {
            XYSeries line = chart.addSeries("x=" + x, new double[] {x, x}, new double[] {0.4, rows.size() + 0.6});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(x == 1 ? Color.DARK_GRAY : Color.LIGHT_GRAY);
            line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {4f, 4f}, 0f));
        }
        LogAxis.x(chart.getStyler(), min, max, Numbers::tick);
        chart.getStyler().setYAxisMin(0.4);
        chart.getStyler().setYAxisMax(rows.size() + 0.7);
        List<String> caption = List.of("Each row: grey dots, every pair's head / base; the bar, the Hodges–Lehmann"
                + " ratio (diamond) and its 95% interval, red for a regression, green for an improvement. Dashed lines:"
                + " 1 (no change) and 1 ± the minimum effect. Latency above 1 and throughput below 1 are slower.");
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, "Gate: head / base per pair and per row",
                "head / base (log scale)", " ");
        ChartCanvas.write(figure, Math.max(160, 70 * rows.size()), caption, names, dir, CHART);
    }

    /** One row of the forest at height {@code y}: its pairs' ratios, its interval and its estimate, labelled. */
    private static void forestRow(XYChart chart, PairedRow row, double y) {
        String name = label(row) + " " + row.metric().id();
        double[] ratios = row.ratios().stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = new double[ratios.length];
        java.util.Arrays.fill(ys, y - 0.15);
        XYSeries dots = chart.addSeries(name + " pairs", ratios, ys);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(new Color(0x80, 0x80, 0x80));
        Color colour = row.outcome() == PairedOutcome.REGRESSION ? new Color(0xC0392B)
                : row.outcome() == PairedOutcome.IMPROVEMENT ? new Color(0x2E7D32) : new Color(0x1F4E79);
        XYSeries bar = chart.addSeries(name + " interval", new double[] {row.ratioLow(), row.ratioHigh()},
                new double[] {y + 0.1, y + 0.1});
        bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        bar.setLineColor(colour);
        bar.setLineStyle(new BasicStroke(3f));
        bar.setMarker(SeriesMarkers.NONE);
        XYSeries estimate = chart.addSeries(name, new double[] {row.ratio()}, new double[] {y + 0.1});
        estimate.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        estimate.setMarker(SeriesMarkers.DIAMOND);
        estimate.setMarkerColor(colour);
        chart.addAnnotation(new org.knowm.xchart.AnnotationText(name + ": " + row.outcome().id(), row.ratio(),
                y + 0.35, false));
    }

    private static String label(PairedRow row) {
        return row.key().mechanism() + " " + Numbers.bytes(row.key().payloadBytes()) + " " + row.key().placementShown();
    }

    private static String ratio(PairedRow row) {
        return fixed(row.ratio()) + " [" + fixed(row.ratioLow()) + "–" + fixed(row.ratioHigh()) + "]";
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String p(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.4f", p);
    }
}
