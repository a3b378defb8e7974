package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.HistogramFiles;
import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.ThroughputRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
 * links-&lt;N&gt;B-P                 only when the run measured over a link besides loopback: p50 per mechanism,
 *                                one dot per link with its interval, log scale, at every size measured over a far link
 *                                ({@link LinksChart})
 * fanin-latency-&lt;N&gt;B-P         only for --topology fanin: p50 (solid) and p99 (dashed) of all clients against
 *                                the number of clients, one colour per mechanism ({@link FansChart})
 * fanin-throughput-&lt;N&gt;B-P      only for --topology fanin: messages/s of all clients against the number of clients
 * </pre>
 * Every chart but jvm-share, links and fanin shows the rows of one peers value, io path, link and fan
 * ({@link PeersViews}: jvm-jvm, jdk and loopback when measured; a fan-in run's fewest clients).
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
    static final String PAYLOAD_AXIS = "payload size (bytes each way, log scale; ticks at the measured sizes)";
    /** What the vs-payload charts' lines are, and are not. */
    static final String MEASURED_ONLY = " Markers: the sizes measured; a line only joins two of them, and "
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
        SeriesStyles styles = styles(run);
        List<Plot> plots = new ArrayList<>();
        try {
            for (String placement : run.placements()) {
                plots.addAll(atPlacement(run, styles, placement, plotsDir));
            }
        } catch (IOException e) {
            throw new ReportException("cannot write the charts to " + plotsDir + ": " + e.getMessage(), e);
        }
        return plots;
    }

    /** Every mechanism of the run with its colour and marker, as all the run's charts and tables show it. */
    static SeriesStyles styles(RunData run) {
        Set<String> ids = new HashSet<>();
        run.allLatency().forEach(row -> ids.add(row.mechanism()));
        run.allThroughput().forEach(row -> ids.add(row.mechanism()));
        return new SeriesStyles(ids, List.of(run));
    }

    /**
     * One placement's charts: a set per compared wait strategy, then latency vs CPU, the JVM share, the p50 by
     * link and the fan-in scaling charts.
     */
    private static List<Plot> atPlacement(RunData run, SeriesStyles styles, String placement, Path plotsDir)
            throws ReportException, IOException {
        List<Plot> plots = new ArrayList<>();
        List<LatencyRow> allLatency = run.latency().stream().filter(r -> r.placement().equals(placement)).toList();
        List<ThroughputRow> allThroughput =
                run.throughput().stream().filter(r -> r.placement().equals(placement)).toList();
        List<String> waits = GroupBy.compared(Dimension.WAIT, allLatency, allThroughput);
        for (String wait : waits) {
            plots.addAll(forWait(run, styles, waits.size() > 1 ? placement + "-" + wait : placement,
                    GroupBy.atOrOnly(allLatency, Dimension.WAIT, wait),
                    GroupBy.atOrOnly(allThroughput, Dimension.WAIT, wait), plotsDir));
        }
        if (!allLatency.isEmpty() && !run.cost().isEmpty()) {
            int smallest = allLatency.stream().mapToInt(LatencyRow::payloadBytes).min().getAsInt();
            plots.add(LatencyCpuChart.draw(run, styles, allLatency.stream()
                    .filter(r -> r.payloadBytes() == smallest).toList(), plotsDir));
        }
        if (JvmShare.applies(run)) {
            for (int size : JvmShare.sizes(run.allLatency().stream()
                    .filter(r -> r.placement().equals(placement)).toList())) {
                if (!JvmShare.lines(run, placement, size).isEmpty()) {
                    plots.add(JvmShareChart.draw(run, styles, placement, size, plotsDir));
                }
            }
        }
        for (int size : LinksChart.sizes(run, placement)) {
            plots.add(LinksChart.draw(run, styles, placement, size, plotsDir));
        }
        plots.addAll(FansChart.draw(run, styles, placement, plotsDir));
        return plots;
    }

    /**
     * The charts of one set ({@code at}: the placement, and the wait strategy when compared): percentiles per size
     * and family, the two vs-payload charts, and a ranking per wait strategy of the rows at the smallest size.
     */
    private static List<Plot> forWait(RunData run, SeriesStyles styles, String at, List<LatencyRow> latency,
                                      List<ThroughputRow> throughput, Path plotsDir)
            throws ReportException, IOException {
        List<Plot> plots = new ArrayList<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        latency.forEach(row -> sizes.add(row.payloadBytes()));
        List<String> families = latency.stream().map(r -> run.mechanism(r.mechanism()).family()).distinct().sorted()
                .toList();
        for (int size : sizes) {
            for (String family : families) {
                List<LatencyRow> rows = latency.stream().filter(r -> r.payloadBytes() == size
                        && run.mechanism(r.mechanism()).family().equals(family)).toList();
                if (!rows.isEmpty()) {
                    plots.add(PercentileChart.draw(run, styles, at, rows, plotsDir,
                            families.size() > 1 ? family : null));
                }
            }
        }
        if (!latency.isEmpty()) {
            plots.add(LatencyPayloadChart.draw(run, styles, at, latency, plotsDir));
        }
        if (!throughput.isEmpty()) {
            plots.add(ThroughputPayloadChart.draw(run, styles, at, throughput, plotsDir));
        }
        for (String wait : AtAGlance.waits(latency, LatencyRow::waitStrategy)) {
            List<LatencyRow> ranked = latency.stream().filter(r -> r.payloadBytes() == sizes.first()
                    && r.waitStrategy().equals(wait)).toList();
            if (!ranked.isEmpty()) {
                String suffix = wait.equals(Dimension.WAIT.defaultValue()) || at.endsWith("-" + wait) ? "" : "-" + wait;
                plots.add(RankingChart.draw(run, styles, ranked, plotsDir,
                        "ranking-p50-" + sizes.first() + "B-" + at + suffix));
            }
        }
        return plots;
    }

    /** A {@link #categoryChart} of dots with p50 whiskers whose axis spans every row's interval. */
    static XYChart p50CategoryChart(int categories, double rightMargin, List<LatencyRow> rows) {
        return categoryChart(categories, rightMargin, rows.stream().mapToDouble(Plots::p50LowMicros).min().orElse(1),
                rows.stream().mapToDouble(Plots::p50HighMicros).max().orElse(1));
    }

    /**
     * A chart of {@code categories} mechanisms (or groups) at x = 1, 2, …, their names drawn under the axis by an
     * overlay, with a log y axis from below {@code lowMicros} to room above {@code highMicros} for labels.
     */
    static XYChart categoryChart(int categories, double rightMargin, double lowMicros, double highMicros) {
        XYChart chart = xyChart();
        AxesChartStyler styler = chart.getStyler();
        styler.setXAxisMin(0.4);
        styler.setXAxisMax(categories + rightMargin);
        styler.setXAxisTicksVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        LogAxis.y(styler, LogAxis.floor(lowMicros / 1.5), highMicros * 1.6, Numbers::tick);
        return chart;
    }

    /** A small text centred a few pixels above a point, in chart coordinates. */
    record Note(String text, double x, double y) {
    }

    /**
     * The overlay of a {@link #categoryChart}: each category's name slanted under the axis at x = 1, 2, …, and each
     * note above its point.
     */
    static ChartCanvas.Overlay categoryOverlay(XYChart chart, List<String> labels, FontMetrics metrics,
                                               List<Note> notes) {
        Font labelFont = ChartCanvas.font(Font.PLAIN, 12);
        return g -> {
            double axisY = chart.getScreenYFromChart(chart.getStyler().getYAxisMin());
            for (int i = 0; i < labels.size(); i++) {
                ChartCanvas.slantedLabel(g, labels.get(i), chart.getScreenXFromChart(i + 1), axisY, labelFont, metrics);
            }
            g.setColor(Color.BLACK);
            g.setFont(ChartCanvas.font(Font.PLAIN, 10));
            for (Note note : notes) {
                double x = chart.getScreenXFromChart(note.x());
                double y = chart.getScreenYFromChart(note.y());
                g.drawString(note.text(), (float) (x - g.getFontMetrics().stringWidth(note.text()) / 2.0),
                        (float) y - 8);
            }
        };
    }

    /**
     * A dot at a row's p50 (µs) at {@code x}, in {@code colour} and {@code marker}, over a black whisker of the p50's
     * interval when known: series {@code NAME p50 interval}, then {@code NAME}.
     */
    static void p50Dot(XYChart chart, String name, double x, LatencyRow row, Marker marker, Color colour) {
        Interval ci = row.p50NsCi();
        if (ci.known()) {
            XYSeries whisker = chart.addSeries(name + " p50 interval", new double[] {x, x},
                    new double[] {ci.low() / Numbers.NS_PER_US, ci.high() / Numbers.NS_PER_US});
            whisker.setMarker(SeriesMarkers.NONE);
            whisker.setLineColor(Color.BLACK);
            whisker.setLineStyle(new BasicStroke(1.5f));
        }
        XYSeries dot = chart.addSeries(name, new double[] {x}, new double[] {row.p50Ns() / Numbers.NS_PER_US});
        dot.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dot.setMarker(marker);
        dot.setMarkerColor(colour);
    }

    /** The lower end of a row's p50 and its interval, in µs. */
    static double p50LowMicros(LatencyRow row) {
        return (row.p50NsCi().known() ? Math.min(row.p50Ns(), row.p50NsCi().low()) : row.p50Ns()) / Numbers.NS_PER_US;
    }

    /** The upper end of a row's p50 and its interval, in µs. */
    static double p50HighMicros(LatencyRow row) {
        return (row.p50NsCi().known() ? Math.max(row.p50Ns(), row.p50NsCi().high()) : row.p50Ns()) / Numbers.NS_PER_US;
    }

    /** {@link #xyChart()} with a log x axis labelled at each decade by {@code ticks}. */
    static XYChart logXChart(Function<Double, String> ticks) {
        XYChart chart = xyChart();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(ticks);
        return chart;
    }

    /** An XY chart in the common style, titles and legend drawn by {@link ChartCanvas}. */
    static XYChart xyChart() {
        XYChart chart = new XYChartBuilder().width(ChartCanvas.WIDTH).height(PLOT_HEIGHT).build();
        ChartCanvas.style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    static double[] micros(List<LatencyRow> rows, ToLongFunction<LatencyRow> nanos) {
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
