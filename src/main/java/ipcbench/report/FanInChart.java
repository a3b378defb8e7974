package ipcbench.report;

import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.ThroughputRow;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Fan-in section's scaling charts, per placement and payload size, x the number of clients (log 2, ticks at the
 * numbers measured), one colour per mechanism ({@link SeriesStyles}): {@code fanin-latency-<N>B-P}, p50 (solid) and
 * p99 (dashed) round trip of all clients together; {@code fanin-throughput-<N>B-P}, the messages/s all clients
 * streamed together, error bars the interval of the median. The captions name the oversubscribed points.
 */
final class FanInChart {
    static final String PREFIX = "fanin-";
    private static final String CLIENTS_MEASURED = " Markers: the numbers of clients measured; a line only joins "
            + "two of them, and nothing between them was measured.";
    private static final String CLIENTS_AXIS = "clients of one echo child (log scale; ticks at the numbers measured)";

    private FanInChart() {
    }

    static List<Plots.Plot> draw(RunData run, SeriesStyles styles, String placement, Path dir) throws IOException {
        List<Plots.Plot> plots = new ArrayList<>();
        for (int size : FanIn.sizes(run, placement)) {
            List<FanIn.Series> series = FanIn.series(run, placement, size, styles.ordered());
            if (series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.latency().isPresent()))) {
                plots.add(latency(run, styles, placement, size, series, dir));
            }
            if (series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.throughput().isPresent()))) {
                plots.add(throughput(run, styles, placement, size, series, dir));
            }
        }
        return plots;
    }

    private static Plots.Plot latency(RunData run, SeriesStyles styles, String placement, int size,
                                      List<FanIn.Series> series, Path dir) throws IOException {
        XYChart chart = Plots.xyChart();
        Set<Integer> clients = new TreeSet<>();
        List<String> names = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (FanIn.Series one : series) {
            List<FanIn.Point> points = one.points().stream().filter(p -> p.latency().isPresent()).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(FanIn.Point::clients).toArray();
            List<LatencyRow> rows = points.stream().map(p -> p.latency().get()).toList();
            double[] p50 = Plots.micros(rows, LatencyRow::p50Ns);
            double[] p99 = Plots.micros(rows, LatencyRow::p99Ns);
            styles.apply(chart.addSeries(one.name() + " p50", x, p50), one.mechanism(), 0);
            styles.apply(chart.addSeries(one.name() + " p99", x, p99), one.mechanism(), 1);
            names.add(one.name() + " p50");
            names.add(one.name() + " p99");
            mechanisms.add(one.mechanism());
            points.forEach(p -> clients.add(p.clients()));
            for (int i = 0; i < x.length; i++) {
                min = Math.min(min, p50[i]);
                max = Math.max(max, p99[i]);
            }
        }
        LogAxis.y(chart.getStyler(), min, max, value -> Numbers.tick(value));
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart, PayloadAxis.ticks(clients, String::valueOf));
        String title = "Fan-in: round trip against clients at " + Numbers.bytes(size) + ", placement " + placement;
        List<String> caption = new ArrayList<>();
        caption.add("Units: round trip in µs over every client's measured round trips, payload " + Numbers.bytes(size)
                + " each way, log scale; x: clients, each with its own connection or queue to one echo child and a "
                + "thread of its own in one JMH fork. Solid: p50; dashed: p99; colour = mechanism." + CLIENTS_MEASURED);
        caption.addAll(common(run, placement, series));
        String name = PREFIX + "latency-" + size + "B-" + placement;
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>(styles.legend(mechanisms));
        legend.add(new ChartCanvas.LegendEntry("p99", Plots.KEY_COLOUR, null, SeriesStyles.LINES[1]));
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, CLIENTS_AXIS, "round trip (µs, log scale)")
                .legend(legend).overlay(ticks);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }

    private static Plots.Plot throughput(RunData run, SeriesStyles styles, String placement, int size,
                                         List<FanIn.Series> series, Path dir) throws IOException {
        XYChart chart = Plots.xyChart();
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        Set<Integer> clients = new TreeSet<>();
        List<String> names = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (FanIn.Series one : series) {
            List<FanIn.Point> points = one.points().stream().filter(p -> p.throughput().isPresent()).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(FanIn.Point::clients).toArray();
            double[] y = new double[x.length];
            double[] error = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                ThroughputRow row = points.get(i).throughput().get();
                y[i] = row.messagesPerS();
                Interval ci = messagesPerS(row);
                // symmetric bars at the interval's wider side, cut short of zero on the log axis
                error[i] = ci.known() ? Math.min(y[i] * 0.99, Math.max(ci.high() - y[i], y[i] - ci.low())) : 0;
                min = Math.min(min, y[i] - error[i]);
                max = Math.max(max, y[i] + error[i]);
                clients.add(points.get(i).clients());
            }
            styles.apply(chart.addSeries(one.name(), x, y, error), one.mechanism(), 0);
            names.add(one.name());
        }
        LogAxis.y(chart.getStyler(), min, max, value -> Numbers.si(value, "msg/s"));
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart, PayloadAxis.ticks(clients, String::valueOf));
        String title = "Fan-in: messages/s of all clients against clients at " + Numbers.bytes(size) + ", placement "
                + placement;
        List<String> caption = new ArrayList<>();
        caption.add("Units: messages per second that all clients streamed together (JMH sums its threads' rates), "
                + "payload " + Numbers.bytes(size) + ", log scale; x: clients. Error bars: the interval of the median "
                + "over forks (or, with one fork, over its iterations)." + CLIENTS_MEASURED);
        caption.addAll(common(run, placement, series));
        String name = PREFIX + "throughput-" + size + "B-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, CLIENTS_AXIS,
                "messages/s, all clients (log scale)")
                .legend(styles.legend(series.stream().map(FanIn.Series::mechanism).toList())).overlay(ticks);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }

    /** A throughput row's interval of bytes/s as messages/s. */
    static Interval messagesPerS(ThroughputRow row) {
        Interval bytes = row.bytesPerSCi();
        double perMessage = row.payloadBytes();
        return bytes.known() ? new Interval(bytes.low() / perMessage, bytes.high() / perMessage) : bytes;
    }

    private static List<String> common(RunData run, String placement, List<FanIn.Series> series) {
        List<String> caption = new ArrayList<>();
        caption.add(Captions.environment(run, placement));
        List<String> oversubscribed = new ArrayList<>();
        for (FanIn.Series one : series) {
            List<String> at = one.points().stream().filter(FanIn.Point::oversubscribed)
                    .map(p -> String.valueOf(p.clients())).toList();
            if (!at.isEmpty()) {
                oversubscribed.add(one.name() + " at " + String.join(", ", at));
            }
        }
        if (!oversubscribed.isEmpty()) {
            caption.add("Oversubscribed (more hot threads than CPUs to run them at once; see the Fan-in section): "
                    + String.join("; ", oversubscribed) + " clients.");
        }
        return caption;
    }
}
