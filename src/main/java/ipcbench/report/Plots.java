package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.HistogramFiles;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.ThroughputRow;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
 * ranking-p50-&lt;N&gt;B-P[-spin]    p50 round trip at the smallest payload N as a dot plot, blocking and spinning
 *                                mechanisms apart ({@link RankingChart})
 * latency-vs-cpu-&lt;N&gt;B-P        p50 round trip against the cores the message threads kept busy at the lowest
 *                                offered rate (cpu-at-load.csv; without it, CPU both processes spent per round trip,
 *                                cost.csv), at the smallest payload N, one labelled point per mechanism, log–log
 * jvm-share-&lt;N&gt;B-P             only when the run measured several peers: p50 per mechanism, one bar per peers
 *                                (jvm-jvm, jvm-native, native-native), log scale, at the sizes {@link JvmShare} shows
 * </pre>
 * Every chart but jvm-share shows the rows of one peers value ({@link PeersViews}: jvm-jvm when measured).
 * A run that measured both wait strategies gets every chart above once per strategy, P then ending in
 * {@code -block} or {@code -spin} ({@link GroupBy} by wait); the latency-vs-CPU chart shows both, a spinning point
 * labelled {@code (spin)}. A mechanism keeps its colour and marker in every chart ({@link SeriesStyles}). Log axes are labelled at 1, 2 and 5
 * of each decade; payload axes at the measured sizes. Each chart's caption states its units, host, kernel, JDK,
 * placement and run, and lists the skipped mechanisms with their reasons and the failed benchmarks.
 *
 * <p>Needs fonts: on a host without any, {@link #draw} fails with a {@link ReportException} naming the Debian
 * packages to install ({@link #fontProblem()} says so beforehand). Sets {@code java.awt.headless=true}.
 */
public final class Plots {
    /** One chart written: {@code name} without extension, both files, and what it shows. */
    public record Plot(String name, String title, Path png, Path svg) {
    }

    static final int PLOT_HEIGHT = 560;
    private static final String PAYLOAD_AXIS = "payload size (bytes each way, log scale; ticks at the measured sizes)";
    /** What the vs-payload charts' lines are, and are not. */
    private static final String MEASURED_ONLY = " Markers: the sizes measured; a line only joins two of them, and "
            + "nothing between them was measured.";
    static final Color KEY_COLOUR = new Color(0x444444);

    private Plots() {
    }

    /**
     * Why this host cannot draw charts, naming the packages to install; empty when it can. A run asks before it
     * measures, so a host without fonts learns it in the first second, not after the measuring.
     */
    public static Optional<String> fontProblem() {
        return ChartCanvas.fontProblem();
    }

    /** Draws every chart of the run in {@code runDir} into {@code plotsDir} and returns them in report order. */
    public static List<Plot> draw(Path runDir, Path plotsDir) throws ReportException {
        return draw(RunData.load(runDir), plotsDir);
    }

    static List<Plot> draw(RunData run, Path plotsDir) throws ReportException {
        ChartCanvas.requireFonts();
        Set<String> ids = new HashSet<>();
        run.allLatency().forEach(row -> ids.add(row.mechanism()));
        run.allThroughput().forEach(row -> ids.add(row.mechanism()));
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
                List<String> waits = GroupBy.compared(Dimension.WAIT, allLatency, allThroughput);
                for (String wait : waits) {
                    String at = waits.size() > 1 ? placement + "-" + wait : placement;
                    List<LatencyRow> latency = GroupBy.atOrOnly(allLatency, Dimension.WAIT, wait);
                    List<ThroughputRow> throughput = GroupBy.atOrOnly(allThroughput, Dimension.WAIT, wait);
                    List<String> families = latency.stream().map(r -> run.mechanism(r.mechanism()).family())
                            .distinct().sorted().toList();
                    for (int size : sizes) {
                        for (String family : families) {
                            List<LatencyRow> rows = latency.stream().filter(r -> r.payloadBytes() == size
                                    && run.mechanism(r.mechanism()).family().equals(family)).toList();
                            if (!rows.isEmpty()) {
                                plots.add(percentiles(run, styles, at, rows, plotsDir,
                                        families.size() > 1 ? family : null));
                            }
                        }
                    }
                    if (!latency.isEmpty()) {
                        plots.add(latencyVsPayload(run, styles, at, latency, plotsDir));
                    }
                    if (!throughput.isEmpty()) {
                        plots.add(throughputVsPayload(run, styles, at, throughput, plotsDir));
                    }
                    for (String rowsWait : AtAGlance.waits(latency, LatencyRow::waitStrategy)) {
                        List<LatencyRow> ranked = latency.stream().filter(r -> r.payloadBytes() == sizes.first()
                                && r.waitStrategy().equals(rowsWait)).toList();
                        if (!ranked.isEmpty()) {
                            boolean named = rowsWait.equals(Dimension.WAIT.defaultValue())
                                    || at.endsWith("-" + rowsWait);
                            String suffix = named ? "" : "-" + rowsWait;
                            plots.add(RankingChart.draw(run, styles, ranked, plotsDir,
                                    "ranking-p50-" + sizes.first() + "B-" + at + suffix));
                        }
                    }
                }
                if (!allLatency.isEmpty() && !run.cost().isEmpty()) {
                    plots.add(LatencyCpuChart.draw(run, styles, allLatency.stream()
                            .filter(r -> r.payloadBytes() == sizes.first()).toList(), plotsDir));
                }
                if (JvmShare.applies(run)) {
                    for (int size : JvmShare.sizes(run.allLatency().stream()
                            .filter(r -> r.placement().equals(placement)).toList())) {
                        if (!JvmShare.lines(run, placement, size).isEmpty()) {
                            plots.add(JvmShareChart.draw(run, styles, placement, size, plotsDir));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ReportException("cannot write the charts to " + plotsDir + ": " + e.getMessage(), e);
        }
        return plots;
    }

    /**
     * One size's percentile curves, of one family when {@code family} is not null (a chart per family keeps the
     * curves few enough to tell apart); no markers, which would crowd the curves' many points.
     */
    private static Plot percentiles(RunData run, SeriesStyles styles, String placement, List<LatencyRow> sized,
                                    Path dir, String family) throws ReportException, IOException {
        int size = sized.get(0).payloadBytes();
        String title = "Round-trip latency by percentile, payload " + Numbers.bytes(size) + ", placement " + placement
                + (family == null ? "" : ", " + family + " family");
        List<LatencyRow> rows = inStyleOrder(styles, sized);
        XYChart chart = xyChart();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(PercentileAxis::label);
        List<String> names = new ArrayList<>();
        List<String> withoutLog = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (LatencyRow row : rows) {
            Optional<Histogram> histogram = run.histogram(row);
            if (histogram.isEmpty()) {
                withoutLog.add(row.mechanism());
                continue;
            }
            PercentileAxis.Curve curve = PercentileAxis.curve(histogram.get());
            XYSeries series = chart.addSeries(row.mechanism(), curve.x(), curve.micros());
            styles.apply(series, row.mechanism(), 0);
            series.setMarker(SeriesMarkers.NONE);
            names.add(row.mechanism());
            for (double micros : curve.micros()) {
                min = Math.min(min, micros);
                max = Math.max(max, micros);
            }
        }
        if (!names.isEmpty()) {
            LogAxis.y(chart.getStyler(), min, max, Numbers::tick);
        }
        List<String> caption = new ArrayList<>();
        caption.add("Units: round trip in µs (client sends N bytes, the echo server returns them), log scale; x: "
                + "percentile of all measured round trips of the run, 1/(1 − p) log scale.");
        caption.add(Captions.environment(run, placement));
        if (!withoutLog.isEmpty()) {
            caption.add("No histogram log, so not drawn: " + String.join(", ", withoutLog) + ".");
        }
        caption.addAll(Captions.missing(run, size));
        String name = "latency-percentiles-" + size + "B-" + placement + (family == null ? "" : "-" + family);
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title,
                "percentile (axis: 1/(1 − p), log scale)", "round trip (µs, log scale)")
                .legend(styles.legend(names));
        ChartCanvas.write(figure, PLOT_HEIGHT, caption, names, dir, name);
        return plot(dir, name, title);
    }

    private static Plot latencyVsPayload(RunData run, SeriesStyles styles, String placement, List<LatencyRow> latency,
                                         Path dir) throws IOException {
        String title = "Round-trip latency vs payload size, p50 and p99, placement " + placement;
        XYChart chart = xyChart();
        List<String> names = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
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
            mechanisms.add(mechanism);
        }
        LogAxis.y(chart.getStyler(), latency.stream().mapToLong(LatencyRow::p50Ns).min().orElse(1) / Numbers.NS_PER_US,
                latency.stream().mapToLong(LatencyRow::p99Ns).max().orElse(1) / Numbers.NS_PER_US, Numbers::tick);
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart, latency.stream().map(LatencyRow::payloadBytes).toList());
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>(styles.legend(mechanisms));
        legend.add(new ChartCanvas.LegendEntry("solid = p50", KEY_COLOUR, null, SeriesStyles.LINES[0]));
        legend.add(new ChartCanvas.LegendEntry("dashed = p99", KEY_COLOUR, null, SeriesStyles.LINES[1]));

        List<String> caption = new ArrayList<>();
        caption.add("Units: round trip in µs, log scale; x: payload bytes each way, log scale. p50 (solid) and p99 "
                + "(dashed) of all measured round trips of the run; colour = mechanism, marker = its family." + MEASURED_ONLY);
        caption.add(Captions.environment(run, placement));
        List<String> unstable = latency.stream().filter(r -> !r.repeats().stable())
                .map(r -> r.mechanism() + " at " + Numbers.bytes(r.payloadBytes()) + " (" + r.repeats().stabilityNote()
                        + ")").toList();
        if (!unstable.isEmpty()) {
            caption.add("Not in a steady state: " + String.join(", ", unstable) + ".");
        }
        caption.addAll(Captions.missing(run, null));
        String name = "latency-vs-payload-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, PAYLOAD_AXIS, "round trip (µs, log scale)")
                .legend(legend).overlay(ticks);
        ChartCanvas.write(figure, PLOT_HEIGHT, caption, names, dir, name);
        return plot(dir, name, title);
    }

    private static Plot throughputVsPayload(RunData run, SeriesStyles styles, String placement,
                                            List<ThroughputRow> throughput, Path dir) throws IOException {
        String title = "One-way streaming throughput vs payload size, placement " + placement;
        XYChart chart = xyChart();
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<String> names = new ArrayList<>();
        List<String> noError = new ArrayList<>();
        List<String> clipped = new ArrayList<>();
        List<String> unstable = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
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
                } else {
                    // XChart draws symmetric bars: the wider side of the interval, so the bar never hides any of it.
                    error[i] = Math.max(ci.high() - row.bytesPerS(), row.bytesPerS() - ci.low());
                    if (error[i] >= row.bytesPerS()) {
                        // A log axis has no zero: a bar reaching it is cut just above, and the caption says so.
                        error[i] = row.bytesPerS() * 0.99;
                        clipped.add(point);
                    }
                }
                // The axis holds every bar whole: only the cut named in the caption shortens one.
                min = Math.min(min, y[i] - error[i]);
                max = Math.max(max, y[i] + error[i]);
            }
            styles.apply(chart.addSeries(mechanism, x, y, error), mechanism, 0);
            names.add(mechanism);
        }
        LogAxis.y(chart.getStyler(), min, max, value -> Numbers.si(value, "B/s"));
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart,
                throughput.stream().map(ThroughputRow::payloadBytes).toList());
        List<String> caption = new ArrayList<>();
        caption.add("Units: bytes per second of payload sent one way (1 kB = 1000 B), log scale; x: payload bytes per "
                + "message, log scale. Error bars: the interval of the median over forks (or, with one fork, over its "
                + "iterations), drawn symmetric at its wider side." + MEASURED_ONLY);
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
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, PAYLOAD_AXIS,
                "throughput (bytes/s, log scale)").legend(styles.legend(names)).overlay(ticks);
        ChartCanvas.write(figure, PLOT_HEIGHT, caption, names, dir, name);
        return plot(dir, name, title);
    }

    /** An XY chart in the common style, titles and legend drawn by {@link ChartCanvas}. */
    static XYChart xyChart() {
        XYChart chart = new XYChartBuilder().width(ChartCanvas.WIDTH).height(PLOT_HEIGHT).build();
        ChartCanvas.style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    private static double[] micros(List<LatencyRow> rows, ToLongFunction<LatencyRow> nanos) {
        return rows.stream().mapToDouble(row -> nanos.applyAsLong(row) / Numbers.NS_PER_US).toArray();
    }

    static List<LatencyRow> inStyleOrder(SeriesStyles styles, List<LatencyRow> rows) {
        List<String> order = styles.ordered();
        return rows.stream().sorted(Comparator.comparingInt((LatencyRow r) -> order.indexOf(r.mechanism()))).toList();
    }

    static Plot plot(Path dir, String name, String title) {
        return new Plot(name, title, dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
    }
}
