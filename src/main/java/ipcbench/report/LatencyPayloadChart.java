package ipcbench.report;

import ipcbench.results.LatencyRow;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code latency-vs-payload-P}: p50 (solid) and p99 (dashed) round trip against payload size, log–log. */
final class LatencyPayloadChart {
    private LatencyPayloadChart() {
    }

    static Plots.Plot draw(RunData run, SeriesStyles styles, String placement, List<LatencyRow> latency,
                                         Path dir) throws IOException {
        String title = "Round-trip latency vs payload size, p50 and p99, placement " + placement;
        XYChart chart = Plots.xyChart();
        List<String> names = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        for (String mechanism : styles.ordered()) {
            List<LatencyRow> rows = latency.stream().filter(r -> r.mechanism().equals(mechanism))
                    .sorted(Comparator.comparingInt(LatencyRow::payloadBytes)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = rows.stream().mapToDouble(LatencyRow::payloadBytes).toArray();
            styles.apply(chart.addSeries(mechanism + " p50", x, Plots.micros(rows, LatencyRow::p50Ns)), mechanism, 0);
            styles.apply(chart.addSeries(mechanism + " p99", x, Plots.micros(rows, LatencyRow::p99Ns)), mechanism, 1);
            names.add(mechanism + " p50");
            names.add(mechanism + " p99");
            mechanisms.add(mechanism);
        }
        LogAxis.y(chart.getStyler(), latency.stream().mapToLong(LatencyRow::p50Ns).min().orElse(1) / Numbers.NS_PER_US,
                latency.stream().mapToLong(LatencyRow::p99Ns).max().orElse(1) / Numbers.NS_PER_US, Numbers::tick);
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart, latency.stream().map(LatencyRow::payloadBytes).toList());
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>(styles.legend(mechanisms));
        legend.add(new ChartCanvas.LegendEntry("solid = p50", Plots.KEY_COLOUR, null, SeriesStyles.LINES[0]));
        legend.add(new ChartCanvas.LegendEntry("dashed = p99", Plots.KEY_COLOUR, null, SeriesStyles.LINES[1]));

        List<String> caption = new ArrayList<>();
        caption.add("Units: round trip in µs, log scale; x: payload bytes each way, log scale. p50 (solid) and p99 "
                + "(dashed) of all measured round trips of the run; colour = mechanism, marker = its family." + Plots.MEASURED_ONLY);
        caption.add(Captions.environment(run, placement));
        List<String> unstable = latency.stream().filter(r -> !r.repeats().stable())
                .map(r -> r.mechanism() + " at " + Numbers.bytes(r.payloadBytes()) + " (" + r.repeats().stabilityNote()
                        + ")").toList();
        if (!unstable.isEmpty()) {
            caption.add("Not in a steady state: " + String.join(", ", unstable) + ".");
        }
        caption.addAll(Captions.missing(run, null));
        String name = "latency-vs-payload-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, Plots.PAYLOAD_AXIS, "round trip (µs, log scale)")
                .legend(legend).overlay(ticks);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }
}
