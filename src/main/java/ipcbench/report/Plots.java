package ipcbench.report;

import ipcbench.results.CostRow;
import ipcbench.results.HistogramFiles;
import ipcbench.results.Interval;
import ipcbench.results.JmhOutcome;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Entry point: the charts of one run, drawn headless from its result files (it never runs a benchmark).
 *
 * <p>{@link #draw(Path, Path)} reads {@code runDir} (see {@link ipcbench.results.RunLayout}) and writes each chart as
 * PNG and SVG into {@code plotsDir}. Runs that measured several placements get one set of charts per placement,
 * because results are only comparable at the same placement; {@code P} below is the placement id:
 * <pre>
 * latency-percentiles-&lt;N&gt;B-P   round trip (µs, log) by percentile on the 1/(1 − p) axis, one chart per payload
 *                                size N, every mechanism overlaid, from the .hlog of each benchmark (whole run)
 * latency-vs-payload-P           p50 (solid) and p99 (dashed) round trip (µs) against payload size, log–log
 * throughput-vs-payload-P        one-way streaming bytes/s against payload size, log–log, bars: interval of the median
 * ranking-p50-&lt;N&gt;B-P           p50 round trip at the smallest payload N, one bar per mechanism, fastest first
 * latency-vs-cpu-&lt;N&gt;B-P        p50 round trip against CPU both processes spent per round trip (cost.csv), at the
 *                                smallest payload N, one labelled point per mechanism, log–log
 * </pre>
 * A run that measured both wait strategies gets every chart above once per strategy, P then ending in
 * {@code -block} or {@code -spin} ({@link WaitViews}); the latency-vs-CPU chart shows both, a spinning point
 * labelled {@code (spin)}. A mechanism keeps its colour and marker in every chart. Each chart's caption states its units, host, kernel, JDK,
 * placement and run, and lists the skipped mechanisms with their reasons and the failed benchmarks.
 *
 * <p>Needs fonts: on a host without any, {@link #draw} fails with a {@link ReportException} naming the Debian
 * packages to install. Sets {@code java.awt.headless=true}.
 */
public final class Plots {
    /** One chart written: {@code name} without extension, both files, and what it shows. */
    public record Plot(String name, String title, Path png, Path svg) {
    }

    private static final int PLOT_HEIGHT = 600;
    private static final int LEGEND_LINE_HEIGHT = 20;
    private static final double LABEL_LIFT = 1.12;

    private Plots() {
    }

    /** Draws every chart of the run in {@code runDir} into {@code plotsDir} and returns them in report order. */
    public static List<Plot> draw(Path runDir, Path plotsDir) throws ReportException {
        return draw(RunData.load(runDir), plotsDir);
    }

    static List<Plot> draw(RunData run, Path plotsDir) throws ReportException {
        ChartCanvas.requireFonts();
        Set<String> ids = new HashSet<>();
        run.latency().forEach(row -> ids.add(row.mechanism()));
        run.throughput().forEach(row -> ids.add(row.mechanism()));
        SeriesStyles styles = new SeriesStyles(ids, List.of(run));
        List<Plot> plots = new ArrayList<>();
        try {
            for (String placement : run.placements()) {
                List<LatencyRow> allLatency =
                        run.latency().stream().filter(r -> r.placement().equals(placement)).toList();
                List<ThroughputRow> allThroughput =
                        run.throughput().stream().filter(r -> r.placement().equals(placement)).toList();
                TreeSet<Integer> sizes = new TreeSet<>();
                allLatency.forEach(row -> sizes.add(row.payloadBytes()));
                List<String> waits = WaitViews.compared(allLatency, allThroughput);
                for (String wait : waits) {
                    String at = waits.size() > 1 ? placement + "-" + wait : placement;
                    List<LatencyRow> latency = WaitViews.latency(allLatency, wait);
                    List<ThroughputRow> throughput = WaitViews.throughput(allThroughput, wait);
                    for (int size : sizes) {
                        plots.add(percentiles(run, styles, at, size, latency, plotsDir));
                    }
                    if (!latency.isEmpty()) {
                        plots.add(latencyVsPayload(run, styles, at, latency, plotsDir));
                    }
                    if (!throughput.isEmpty()) {
                        plots.add(throughputVsPayload(run, styles, at, throughput, plotsDir));
                    }
                    if (!latency.isEmpty()) {
                        plots.add(ranking(run, at, sizes.first(), latency, plotsDir));
                    }
                }
                if (!allLatency.isEmpty() && !run.cost().isEmpty()) {
                    plots.add(latencyVsCpu(run, styles, placement, sizes.first(), allLatency, plotsDir));
                }
            }
        } catch (IOException e) {
            throw new ReportException("cannot write the charts to " + plotsDir + ": " + e.getMessage(), e);
        }
        return plots;
    }

    private static Plot percentiles(RunData run, SeriesStyles styles, String placement, int size,
                                    List<LatencyRow> latency, Path dir) throws ReportException, IOException {
        String title = "Round-trip latency by percentile, payload " + Numbers.bytes(size) + ", placement " + placement;
        List<LatencyRow> rows = inStyleOrder(styles, latency.stream().filter(r -> r.payloadBytes() == size).toList());
        XYChart chart = xyChart(title, "percentile (axis: 1/(1 − p), log scale)", "round trip (µs, log scale)");
        chart.getStyler().setXAxisTickLabelsFormattingFunction(PercentileAxis::label);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Numbers::tick);
        List<String> names = new ArrayList<>();
        List<String> withoutLog = new ArrayList<>();
        for (LatencyRow row : rows) {
            Optional<List<Histogram>> intervals = run.intervals(row);
            if (intervals.isEmpty()) {
                withoutLog.add(row.mechanism());
                continue;
            }
            PercentileAxis.Curve curve = PercentileAxis.curve(HistogramFiles.total(intervals.get()));
            XYSeries series = chart.addSeries(row.mechanism(), curve.x(), curve.micros());
            styles.apply(series, row.mechanism(), 0);
            names.add(row.mechanism());
        }
        List<String> caption = new ArrayList<>();
        caption.add("Units: round trip in µs (client sends N bytes, the echo server returns them), log scale; x: "
                + "percentile of all measured round trips of the run, 1/(1 − p) log scale.");
        caption.add(Captions.environment(run, placement));
        if (!withoutLog.isEmpty()) {
            caption.add("No histogram log, so not drawn: " + String.join(", ", withoutLog) + ".");
        }
        caption.addAll(Captions.missing(run, size));
        String name = "latency-percentiles-" + size + "B-" + placement;
        ChartCanvas.write(chart, plotHeight(names.size()), caption, names, dir, name);
        return plot(dir, name, title);
    }

    private static Plot latencyVsPayload(RunData run, SeriesStyles styles, String placement, List<LatencyRow> latency,
                                         Path dir) throws IOException {
        String title = "Round-trip latency vs payload size, p50 (solid) and p99 (dashed), placement " + placement;
        XYChart chart = xyChart(title, "payload size (bytes, log scale)", "round trip (µs, log scale)");
        chart.getStyler().setXAxisTickLabelsFormattingFunction(x -> Numbers.si(x, "B"));
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Numbers::tick);
        List<String> names = new ArrayList<>();
        for (String mechanism : styles.ordered()) {
            List<LatencyRow> rows = latency.stream().filter(r -> r.mechanism().equals(mechanism))
                    .sorted(Comparator.comparingInt(LatencyRow::payloadBytes)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = rows.stream().mapToDouble(LatencyRow::payloadBytes).toArray();
            styles.apply(chart.addSeries(mechanism + " p50", x, micros(rows, LatencyRow::p50Ns)), mechanism, 0);
            styles.apply(chart.addSeries(mechanism + " p99", x, micros(rows, LatencyRow::p99Ns)), mechanism, 1);
            names.add(mechanism + " p50");
            names.add(mechanism + " p99");
        }
        List<String> caption = List.of("Units: round trip in µs, log scale; x: payload bytes each way, log scale. "
                + "p50 and p99 of all measured round trips of the run.", Captions.environment(run, placement));
        List<String> lines = new ArrayList<>(caption);
        List<String> unstable = latency.stream().filter(r -> !r.repeats().stable())
                .map(r -> r.mechanism() + " at " + Numbers.bytes(r.payloadBytes()) + " (" + r.repeats().stabilityNote()
                        + ")").toList();
        if (!unstable.isEmpty()) {
            lines.add("Not in a steady state: " + String.join(", ", unstable) + ".");
        }
        lines.addAll(Captions.missing(run, null));
        String name = "latency-vs-payload-" + placement;
        ChartCanvas.write(chart, plotHeight(names.size()), lines, names, dir, name);
        return plot(dir, name, title);
    }

    private static Plot throughputVsPayload(RunData run, SeriesStyles styles, String placement,
                                            List<ThroughputRow> throughput, Path dir) throws IOException {
        String title = "One-way streaming throughput vs payload size, placement " + placement;
        XYChart chart = xyChart(title, "payload size (bytes, log scale)", "throughput (bytes/s, log scale)");
        chart.getStyler().setXAxisTickLabelsFormattingFunction(x -> Numbers.si(x, "B"));
        chart.getStyler().setYAxisTickLabelsFormattingFunction(y -> Numbers.si(y, "B/s"));
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<String> names = new ArrayList<>();
        List<String> noError = new ArrayList<>();
        List<String> clipped = new ArrayList<>();
        List<String> unstable = new ArrayList<>();
        for (String mechanism : styles.ordered()) {
            List<ThroughputRow> rows = throughput.stream().filter(r -> r.mechanism().equals(mechanism))
                    .sorted(Comparator.comparingInt(ThroughputRow::payloadBytes)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            double[] error = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                ThroughputRow row = rows.get(i);
                String point = mechanism + " at " + Numbers.bytes(row.payloadBytes());
                x[i] = row.payloadBytes();
                y[i] = row.bytesPerS();
                if (!row.repeats().stable()) {
                    unstable.add(point + " (" + row.repeats().stabilityNote() + ")");
                }
                Interval ci = row.bytesPerSCi();
                if (!ci.known()) {
                    noError.add(point);
                    continue;
                }
                // XChart draws symmetric bars: the wider side of the interval, so the bar never hides any of it.
                error[i] = Math.max(ci.high() - row.bytesPerS(), row.bytesPerS() - ci.low());
                if (error[i] >= row.bytesPerS()) {
                    // A log axis has no zero: a bar reaching it is cut just above, and the caption says so.
                    error[i] = row.bytesPerS() * 0.99;
                    clipped.add(point);
                }
            }
            styles.apply(chart.addSeries(mechanism, x, y, error), mechanism, 0);
            names.add(mechanism);
        }
        List<String> caption = new ArrayList<>();
        caption.add("Units: bytes per second of payload sent one way (1 kB = 1000 B), log scale; x: payload bytes per "
                + "message, log scale. Error bars: the interval of the median over forks (or, with one fork, over its "
                + "iterations), drawn symmetric at its wider side.");
        caption.add(Captions.environment(run, placement));
        if (!clipped.isEmpty()) {
            caption.add("Bars cut at the axis (the interval reaches zero on a log scale): " + String.join(", ", clipped)
                    + ".");
        }
        if (!noError.isEmpty()) {
            caption.add("No error bar (no interval recorded): " + String.join(", ", noError) + ".");
        }
        if (!unstable.isEmpty()) {
            caption.add("Not in a steady state: " + String.join(", ", unstable) + ".");
        }
        caption.addAll(Captions.missing(run, null));
        String name = "throughput-vs-payload-" + placement;
        ChartCanvas.write(chart, plotHeight(names.size()), caption, names, dir, name);
        return plot(dir, name, title);
    }

    private static Plot ranking(RunData run, String placement, int size, List<LatencyRow> latency, Path dir)
            throws IOException {
        String title = "Ranking: p50 round trip at " + Numbers.bytes(size) + ", placement " + placement
                + " (lower is better)";
        List<LatencyRow> rows = latency.stream().filter(r -> r.payloadBytes() == size)
                .sorted(Comparator.comparingLong(LatencyRow::p50Ns).thenComparing(LatencyRow::mechanism)).toList();
        CategoryChart chart = new CategoryChartBuilder().width(ChartCanvas.WIDTH).height(PLOT_HEIGHT).title(title)
                .xAxisTitle("mechanism").yAxisTitle("p50 round trip (µs)").build();
        ChartCanvas.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setXAxisMaxLabelCount(rows.size() + 1);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x4E79A7)});
        List<String> names = rows.stream()
                .map(r -> r.mechanism() + (r.repeats().stable() ? "" : RunTables.UNSTABLE_MARK)).toList();
        chart.addSeries("p50 round trip", names, rows.stream().map(r -> r.p50Ns() / Numbers.NS_PER_US).toList());
        List<String> caption = new ArrayList<>();
        caption.add("Units: p50 (median) round trip in µs of all measured round trips, payload " + Numbers.bytes(size)
                + " each way; linear scale, value on each bar. " + RunTables.UNSTABLE_MARK + " after a name: not in a "
                + "steady state (see the report's tables).");
        caption.add(Captions.environment(run, placement));
        caption.addAll(Captions.missing(run, size));
        String name = "ranking-p50-" + size + "B-" + placement;
        ChartCanvas.write(chart, PLOT_HEIGHT, caption, names, dir, name);
        return plot(dir, name, title);
    }

    private static Plot latencyVsCpu(RunData run, SeriesStyles styles, String placement, int size,
                                     List<LatencyRow> latency, Path dir) throws IOException {
        String title = "Latency vs CPU per round trip, payload " + Numbers.bytes(size) + ", placement " + placement;
        XYChart chart = xyChart(title, "CPU per round trip, client + echo server processes (µs, log scale)",
                "p50 round trip (µs, log scale)");
        chart.getStyler().setXAxisTickLabelsFormattingFunction(Numbers::tick);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Numbers::tick);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<String> names = new ArrayList<>();
        List<String> noCost = new ArrayList<>();
        for (LatencyRow row : inStyleOrder(styles, latency.stream().filter(r -> r.payloadBytes() == size).toList())) {
            double cpuMicros = CostRow.bothSidesCpuMicros(run.cost(), row.mechanism(), size, placement, row.waitStrategy(),
                    JmhOutcome.LATENCY, CostRow.PROCESS);
            if (Double.isNaN(cpuMicros) || cpuMicros <= 0) {
                noCost.add(row.mechanism());
                continue;
            }
            String label = row.mechanism() + (row.waitStrategy().equals(RunLayout.DEFAULT_WAIT) ? "" : " (" + row.waitStrategy() + ")");
            String name = label + (row.repeats().stable() ? "" : RunTables.UNSTABLE_MARK);
            XYSeries series = chart.addSeries(name, new double[] {cpuMicros},
                    new double[] {row.p50Ns() / Numbers.NS_PER_US});
            styles.apply(series, row.mechanism(), 0);
            // the label sits just above its point (log axis: a factor, not an offset)
            chart.addAnnotation(new AnnotationText(label, cpuMicros, row.p50Ns() / Numbers.NS_PER_US * LABEL_LIFT,
                    false));
            names.add(name);
        }
        List<String> caption = new ArrayList<>();
        caption.add("Units: x, CPU µs the client's JMH fork and the echo-server child spent together per round trip "
                + "over the measurement (kernel run time, cost.csv, process scope); y, p50 round trip in µs; both log "
                + "scale. Down and left is better: a spinning mechanism buys latency with CPU.");
        caption.add(Captions.environment(run, placement));
        if (!noCost.isEmpty()) {
            caption.add("No cost figures, so not drawn: " + String.join(", ", noCost) + ".");
        }
        caption.addAll(Captions.missing(run, size));
        String name = "latency-vs-cpu-" + size + "B-" + placement;
        ChartCanvas.write(chart, plotHeight(names.size()), caption, names, dir, name);
        return plot(dir, name, title);
    }

    /** A log–log XY chart in the common style; its height is set when it is painted ({@link #plotHeight}). */
    static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(ChartCanvas.WIDTH).height(PLOT_HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        AxesChartStyler styler = chart.getStyler();
        ChartCanvas.style(styler);
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /** Room for every legend entry: XChart does not wrap the legend, it cuts it. */
    static int plotHeight(int legendEntries) {
        return Math.max(PLOT_HEIGHT, 120 + legendEntries * LEGEND_LINE_HEIGHT);
    }

    private static double[] micros(List<LatencyRow> rows, ToLongFunction<LatencyRow> nanos) {
        return rows.stream().mapToDouble(row -> nanos.applyAsLong(row) / Numbers.NS_PER_US).toArray();
    }

    private static List<LatencyRow> inStyleOrder(SeriesStyles styles, List<LatencyRow> rows) {
        List<String> order = styles.ordered();
        return rows.stream().sorted(Comparator.comparingInt((LatencyRow r) -> order.indexOf(r.mechanism()))).toList();
    }

    static Plot plot(Path dir, String name, String title) {
        return new Plot(name, title, dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
    }
}
