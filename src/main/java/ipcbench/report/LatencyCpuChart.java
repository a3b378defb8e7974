package ipcbench.report;

import ipcbench.results.LatencyRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trade-off at one size and placement: each mechanism's p50 round trip (back to back) against the cores its
 * message threads kept busy at the lowest offered rate ({@link CpuAtLoadSection}), or, for a run without
 * cpu-at-load.csv, the CPU both processes spent per round trip (cost.csv). One point per mechanism and wait
 * strategy, log–log, labelled without overprinting ({@link PointLabels}).
 */
final class LatencyCpuChart {
    private LatencyCpuChart() {
    }

    /** Draws {@code rows} (one placement, one size). */
    static Plots.Plot draw(RunData run, SeriesStyles styles, List<LatencyRow> rows, Path dir) throws IOException {
        String placement = rows.get(0).placement();
        int size = rows.get(0).payloadBytes();
        Optional<Double> rate = CpuAtLoadSection.lowestRate(run, placement);
        String title = (rate.isPresent() ? "Latency vs cores busy at " + CpuAtLoadSection.rate(rate.get())
                : "Latency vs CPU per round trip") + ", payload " + Numbers.bytes(size) + ", placement " + placement;
        XYChart chart = Plots.logXChart(Numbers::tick);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<String> names = new ArrayList<>();
        List<String> notDrawn = new ArrayList<>();
        List<String> drawn = new ArrayList<>();
        List<PointLabels.Point> points = new ArrayList<>();
        for (LatencyRow row : Plots.inStyleOrder(styles, rows)) {
            double x = rate.isPresent() ? coresAt(run, row, rate.get()) : RunTables.cpuMicros(run, row);
            if (Double.isNaN(x) || x <= 0) {
                notDrawn.add(row.mechanism());
                continue;
            }
            String label = RunTables.withWait(row.mechanism(), row.waitStrategy());
            String name = label + RunTables.unstableMark(row.repeats());
            double y = row.p50Ns() / Numbers.NS_PER_US;
            styles.apply(chart.addSeries(name, new double[] {x}, new double[] {y}), row.mechanism(), 0);
            points.add(new PointLabels.Point(label, x, y));
            names.add(name);
            drawn.add(row.mechanism());
        }
        if (!points.isEmpty()) {
            // room for the labels: a decade each side in x, a factor of two in y
            chart.getStyler().setXAxisMin(points.stream().mapToDouble(PointLabels.Point::x).min().orElseThrow() / 10);
            chart.getStyler().setXAxisMax(points.stream().mapToDouble(PointLabels.Point::x).max().orElseThrow() * 10);
            LogAxis.y(chart.getStyler(), points.stream().mapToDouble(PointLabels.Point::y).min().orElseThrow() / 2,
                    points.stream().mapToDouble(PointLabels.Point::y).max().orElseThrow() * 2, Numbers::tick);
        }
        String name = "latency-vs-cpu-" + size + "B-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, rate.isPresent()
                ? "cores busy, client and echo threads (log scale)"
                : "CPU per round trip, client + echo server processes (µs, log scale)", "p50 round trip (µs, log scale)")
                .legend(styles.legend(drawn)).overlay(PointLabels.overlay(chart, points));
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption(run, placement, size, rate, notDrawn), names, dir, name);
        return Plots.plot(dir, name, title);
    }

    private static List<String> caption(RunData run, String placement, int size, Optional<Double> rate,
                                        List<String> notDrawn) {
        List<String> caption = new ArrayList<>();
        caption.add(rate.isPresent()
                ? "Units: x, cores the client's sending and receiving threads and the echo thread kept busy while "
                + "requests were offered at " + CpuAtLoadSection.rate(rate.get()) + " (CPU time per second, "
                + "cpu-at-load.csv); y, p50 round trip measured back to back, in µs; both log scale. Down and left is "
                + "better: a spinning mechanism buys latency with two busy cores."
                : "Units: x, CPU µs the client's JMH fork and the echo-server child spent together per round trip "
                + "over the measurement (kernel run time, cost.csv, process scope); y, p50 round trip in µs; both log "
                + "scale. Down and left is better: a spinning mechanism buys latency with CPU.");
        caption.add(Captions.environment(run, placement));
        if (!notDrawn.isEmpty()) {
            caption.add((rate.isPresent() ? "No cores on the message threads at that rate (no load mode, or served on "
                    + "its framework's threads), so not drawn: " : "No cost figures, so not drawn: ")
                    + String.join(", ", notDrawn) + ".");
        }
        caption.addAll(Captions.missing(run, size));
        return caption;
    }

    /** The cores {@code row}'s mechanism kept busy on its message threads at {@code offeredPerS}; NaN if none. */
    private static double coresAt(RunData run, LatencyRow row, double offeredPerS) {
        return CpuAtLoadSection.ranked(run, row.placement(), offeredPerS).stream()
                .filter(load -> load.mechanism().equals(row.mechanism()) && load.payloadBytes() == row.payloadBytes()
                        && load.waitStrategy().equals(row.waitStrategy()))
                .mapToDouble(load -> load.cores().total()).findFirst().orElse(Double.NaN);
    }
}
