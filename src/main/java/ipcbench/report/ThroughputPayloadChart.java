package ipcbench.report;

import ipcbench.results.Interval;
import ipcbench.results.ThroughputRow;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code throughput-vs-payload-P}: one-way streaming bytes/s against payload size, log–log, error bars the interval of
 * the median.
 */
final class ThroughputPayloadChart {
    private ThroughputPayloadChart() {
    }

    /** What the series left for the caption, and the range the axis must hold. */
    private record Drawn(List<String> names, List<String> noError, List<String> clipped, List<String> unstable,
                         double min, double max) {
    }

    static Plots.Plot draw(RunData run, SeriesStyles styles, String placement, List<ThroughputRow> throughput,
                           Path dir) throws IOException {
        String title = "One-way streaming throughput vs payload size, placement " + placement;
        XYChart chart = Plots.xyChart();
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        Drawn drawn = series(chart, styles, throughput);
        LogAxis.y(chart.getStyler(), drawn.min(), drawn.max(), value -> Numbers.si(value, "B/s"));
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart,
                throughput.stream().map(ThroughputRow::payloadBytes).toList());
        List<String> caption = new ArrayList<>();
        caption.add("Units: bytes per second of payload sent one way (1 kB = 1000 B), log scale; x: payload bytes per "
                + "message, log scale. Error bars: the interval of the median over forks (or, with one fork, over its "
                + "iterations), drawn symmetric at its wider side." + Plots.MEASURED_ONLY);
        caption.add(Captions.environment(run, placement));
        if (!drawn.clipped().isEmpty()) {
            caption.add("Bars cut at the axis (the interval reaches zero on a log scale): "
                    + String.join(", ", drawn.clipped()) + ".");
        }
        if (!drawn.noError().isEmpty()) {
            caption.add("No error bar (no interval recorded): " + String.join(", ", drawn.noError()) + ".");
        }
        if (!drawn.unstable().isEmpty()) {
            caption.add("Not in a steady state: " + String.join(", ", drawn.unstable()) + ".");
        }
        caption.addAll(Captions.missing(run, null));
        String name = "throughput-vs-payload-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, Plots.PAYLOAD_AXIS,
                "throughput (bytes/s, log scale)").legend(styles.legend(drawn.names())).overlay(ticks);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, drawn.names(), dir, name);
        return Plots.plot(dir, name, title);
    }

    /** One series per mechanism in style order, its points at the measured sizes with their error bars. */
    private static Drawn series(XYChart chart, SeriesStyles styles, List<ThroughputRow> throughput) {
        Drawn drawn = new Drawn(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                Double.MAX_VALUE, 0);
        for (String mechanism : styles.ordered()) {
            List<ThroughputRow> rows = throughput.stream().filter(r -> r.mechanism().equals(mechanism))
                    .sorted(Comparator.comparingInt(ThroughputRow::payloadBytes)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = rows.stream().mapToDouble(ThroughputRow::payloadBytes).toArray();
            double[] y = rows.stream().mapToDouble(ThroughputRow::bytesPerS).toArray();
            double[] error = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                ThroughputRow row = rows.get(i);
                String point = mechanism + " at " + Numbers.bytes(row.payloadBytes());
                if (!row.repeats().stable()) {
                    drawn.unstable().add(point + " (" + row.repeats().stabilityNote() + ")");
                }
                Interval ci = row.bytesPerSCi();
                if (!ci.known()) {
                    drawn.noError().add(point);
                } else {
                    // XChart draws symmetric bars: the wider side of the interval, so the bar never hides any of it.
                    error[i] = Math.max(ci.high() - y[i], y[i] - ci.low());
                    if (error[i] >= y[i]) {
                        // A log axis has no zero: a bar reaching it is cut just above, and the caption says so.
                        error[i] = y[i] * 0.99;
                        drawn.clipped().add(point);
                    }
                }
                // The axis holds every bar whole: only the cut named in the caption shortens one.
                drawn = new Drawn(drawn.names(), drawn.noError(), drawn.clipped(), drawn.unstable(),
                        Math.min(drawn.min(), y[i] - error[i]), Math.max(drawn.max(), y[i] + error[i]));
            }
            styles.apply(chart.addSeries(mechanism, x, y, error), mechanism, 0);
            drawn.names().add(mechanism);
        }
        return drawn;
    }
}
