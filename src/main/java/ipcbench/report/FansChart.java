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
 * The scaling charts of the Fan-in and Fan-out sections, per topology, placement and payload size, x the fan (log 2,
 * ticks at the fans measured), one colour per mechanism ({@link SeriesStyles}): {@code <topology>-latency-<N>B-P},
 * p50 (solid) and p99 (dashed) round trip (a fan-in's of all clients together, a fan-out's to the last subscriber's
 * echo); {@code fanin-throughput-<N>B-P}, the messages/s all clients streamed together, error bars the interval of
 * the median. The captions name the oversubscribed points.
 */
final class FansChart {
    /** The start of every name of these charts. */
    static final List<String> PREFIXES = List.of(Fans.FAN_IN + "-", Fans.FAN_OUT + "-");

    private FansChart() {
    }

    static boolean isOne(Plots.Plot plot) {
        return PREFIXES.stream().anyMatch(plot.name()::startsWith);
    }

    static List<Plots.Plot> draw(RunData run, SeriesStyles styles, String placement, Path dir) throws IOException {
        List<Plots.Plot> plots = new ArrayList<>();
        for (String topology : Fans.TOPOLOGIES) {
            for (int size : Fans.sizes(run, topology, placement)) {
                List<Fans.Series> series = Fans.series(run, topology, placement, size, styles.ordered());
                if (series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.latency().isPresent()))) {
                    plots.add(latency(run, styles, topology, placement, size, series, dir));
                }
                if (series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.throughput().isPresent()))) {
                    plots.add(throughput(run, styles, placement, size, series, dir));
                }
            }
        }
        return plots;
    }

    private static String measured(String topology) {
        return " Markers: the numbers of " + Fans.members(topology) + " measured; a line only joins two of them, and "
                + "nothing between them was measured.";
    }

    private static String axis(String topology) {
        return (topology.equals(Fans.FAN_IN) ? "clients of one echo child" : "subscribers, each an echo child")
                + " (log scale; ticks at the numbers measured)";
    }

    private static Plots.Plot latency(RunData run, SeriesStyles styles, String topology, String placement, int size,
                                      List<Fans.Series> series, Path dir) throws IOException {
        XYChart chart = Plots.xyChart();
        Set<Integer> clients = new TreeSet<>();
        List<String> names = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Fans.Series one : series) {
            List<Fans.Point> points = one.points().stream().filter(p -> p.latency().isPresent()).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(Fans.Point::fan).toArray();
            List<LatencyRow> rows = points.stream().map(p -> p.latency().get()).toList();
            double[] p50 = Plots.micros(rows, LatencyRow::p50Ns);
            double[] p99 = Plots.micros(rows, LatencyRow::p99Ns);
            styles.apply(chart.addSeries(one.name() + " p50", x, p50), one.mechanism(), 0);
            styles.apply(chart.addSeries(one.name() + " p99", x, p99), one.mechanism(), 1);
            names.add(one.name() + " p50");
            names.add(one.name() + " p99");
            mechanisms.add(one.mechanism());
            points.forEach(p -> clients.add(p.fan()));
            for (int i = 0; i < x.length; i++) {
                min = Math.min(min, p50[i]);
                max = Math.max(max, p99[i]);
            }
        }
        LogAxis.y(chart.getStyler(), min, max, value -> Numbers.tick(value));
        ChartCanvas.Overlay ticks = PayloadAxis.apply(chart, PayloadAxis.ticks(clients, String::valueOf));
        boolean in = topology.equals(Fans.FAN_IN);
        String title = (in ? "Fan-in: round trip against clients" : "Fan-out: publish to the last acknowledgement "
                + "against subscribers") + " at " + Numbers.bytes(size) + ", placement " + placement;
        List<String> caption = new ArrayList<>();
        caption.add(in ? "Units: round trip in µs over every client's measured round trips, payload "
                + Numbers.bytes(size) + " each way, log scale; x: clients, each with its own connection or queue to one"
                + " echo child and a thread of its own in one JMH fork. Solid: p50; dashed: p99; colour = mechanism."
                + measured(topology)
                : "Units: µs from the publish of a message to the last subscriber's acknowledgement of it, payload "
                + Numbers.bytes(size) + ", log scale; x: subscribers, each an echo child (a channel of its own "
                + "written in turn, or what all read: shm's one region, aeron-ipc's one publication). Solid: p50; "
                + "dashed: p99; colour = mechanism."
                + measured(topology));
        caption.addAll(common(run, topology, placement, series));
        String name = topology + "-latency-" + size + "B-" + placement;
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>(styles.legend(mechanisms));
        legend.add(new ChartCanvas.LegendEntry("p99", Plots.KEY_COLOUR, null, SeriesStyles.LINES[1]));
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, axis(topology), "round trip (µs, log scale)")
                .legend(legend).overlay(ticks);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }

    private static Plots.Plot throughput(RunData run, SeriesStyles styles, String placement, int size,
                                         List<Fans.Series> series, Path dir) throws IOException {
        XYChart chart = Plots.xyChart();
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        Set<Integer> clients = new TreeSet<>();
        List<String> names = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Fans.Series one : series) {
            List<Fans.Point> points = one.points().stream().filter(p -> p.throughput().isPresent()).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(Fans.Point::fan).toArray();
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
                clients.add(points.get(i).fan());
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
                + "over forks (or, with one fork, over its iterations)." + measured(Fans.FAN_IN));
        caption.addAll(common(run, Fans.FAN_IN, placement, series));
        String name = Fans.FAN_IN + "-throughput-" + size + "B-" + placement;
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, axis(Fans.FAN_IN),
                "messages/s, all clients (log scale)")
                .legend(styles.legend(series.stream().map(Fans.Series::mechanism).toList())).overlay(ticks);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }

    /** A throughput row's interval of bytes/s as messages/s. */
    static Interval messagesPerS(ThroughputRow row) {
        Interval bytes = row.bytesPerSCi();
        double perMessage = row.payloadBytes();
        return bytes.known() ? new Interval(bytes.low() / perMessage, bytes.high() / perMessage) : bytes;
    }

    private static List<String> common(RunData run, String topology, String placement, List<Fans.Series> series) {
        List<String> caption = new ArrayList<>();
        caption.add(Captions.environment(run, placement));
        List<String> oversubscribed = new ArrayList<>();
        for (Fans.Series one : series) {
            List<String> at = one.points().stream().filter(Fans.Point::oversubscribed)
                    .map(p -> String.valueOf(p.fan())).toList();
            if (!at.isEmpty()) {
                oversubscribed.add(one.name() + " at " + String.join(", ", at));
            }
        }
        if (!oversubscribed.isEmpty()) {
            caption.add("Oversubscribed (more hot threads than CPUs to run them at once; see the section): "
                    + String.join("; ", oversubscribed) + " " + Fans.members(topology) + ".");
        }
        return caption;
    }
}
