package ipcbench.report;

import ipcbench.results.LatencyRow;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code latency-percentiles-<N>B-P[-FAMILY]}: round trip by percentile on HdrHistogram's 1/(1 − p) axis, from each
 * benchmark's histogram log (the whole run), one chart per size and family.
 */
final class PercentileChart {
    private PercentileChart() {
    }

    /**
     * One size's percentile curves, of one family when {@code family} is not null (a chart per family keeps the
     * curves few enough to tell apart); no markers, which would crowd the curves' many points.
     */
    static Plots.Plot draw(RunData run, SeriesStyles styles, String placement, List<LatencyRow> sized,
                                    Path dir, String family) throws ReportException, IOException {
        int size = sized.get(0).payloadBytes();
        String title = "Round-trip latency by percentile, payload " + Numbers.bytes(size) + ", placement " + placement
                + (family == null ? "" : ", " + family + " family");
        List<LatencyRow> rows = Plots.inStyleOrder(styles, sized);
        XYChart chart = Plots.logXChart(PercentileAxis::label);
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
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }
}
