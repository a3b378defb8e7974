package ipcbench.report;

import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranking of one wait strategy's mechanisms at one payload size as a dot plot on a log axis: per mechanism,
 * fastest first, a dot at its p50 in its colour and marker with a black whisker over the p50's interval, and a small
 * grey mark at its p99 beside it. No bars: on a log axis a bar's length depends on where the axis starts, so it
 * would show ratios that are not there. Names, ranks (ties as in the tables, {@link RunTables#ranks}) and p50 values
 * stand under the axis, p99 values above their marks.
 */
final class RankingChart {
    private static final double P99_OFFSET = 0.3;
    private static final Color P99_COLOUR = new Color(0x666666);

    private RankingChart() {
    }

    /** Draws {@code rows} (one placement, size and wait strategy) as {@code name}.png/.svg in {@code dir}. */
    static Plots.Plot draw(RunData run, SeriesStyles styles, List<LatencyRow> rows, Path dir, String name)
            throws IOException {
        String placement = rows.get(0).placement();
        int size = rows.get(0).payloadBytes();
        String wait = rows.get(0).waitStrategy();
        String title = "Ranking: p50 round trip at " + Numbers.bytes(size) + ", placement " + placement + ", "
                + AtAGlance.waitWord(wait) + " (lower is better)";
        List<LatencyRow> ranked = RunTables.rankedByP50(rows);
        XYChart chart = Plots.categoryChart(ranked.size(), 0.7,
                ranked.stream().mapToDouble(Plots::p50LowMicros).min().orElse(1),
                ranked.stream().mapToDouble(row -> Math.max(Plots.p50HighMicros(row), row.p99Ns() / Numbers.NS_PER_US))
                        .max().orElse(1));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            dot(chart, styles, ranked.get(i), i + 1);
            names.add(ranked.get(i).mechanism());
        }
        List<String> caption = new ArrayList<>();
        caption.add("Units: round trip in µs of all measured round trips, payload " + Numbers.bytes(size)
                + " each way, log scale. Dot: p50 (value under the axis), in the mechanism's colour and its family's "
                + "marker, as in the other charts; black whisker: the interval of the p50 over repeats; grey mark beside it: p99 "
                + "(value above it). " + RunTables.TIE_MARK + " before a rank: tied with the first of that rank "
                + "(intervals overlap). " + RunTables.UNSTABLE_MARK + " after a name: not in a steady state.");
        caption.add(Captions.environment(run, placement));
        caption.addAll(Captions.missing(run, size));
        List<String> labels = labels(ranked);
        FontMetrics metrics = ChartCanvas.metrics(ChartCanvas.font(Font.PLAIN, 12));
        int widest = labels.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        ChartCanvas.Figure figure = new ChartCanvas.Figure(chart, title, "mechanism, fastest p50 first",
                "round trip (µs, log scale)").legend(legend()).overlay(Plots.categoryOverlay(chart, labels, metrics, p99Notes(ranked)))
                .roomBelowPlot((int) Math.ceil(widest * Math.sqrt(0.5)) - 10);
        ChartCanvas.write(figure, Plots.PLOT_HEIGHT - 100, caption, names, dir, name);
        return Plots.plot(dir, name, title);
    }

    /** One mechanism at position {@code x}: its p50 dot, the whisker of its interval, its p99 mark. */
    private static void dot(XYChart chart, SeriesStyles styles, LatencyRow row, double x) {
        Interval ci = row.p50NsCi();
        if (ci.known()) {
            XYSeries whisker = chart.addSeries(row.mechanism() + " p50 interval", new double[] {x, x},
                    new double[] {ci.low() / Numbers.NS_PER_US, ci.high() / Numbers.NS_PER_US});
            whisker.setMarker(new Cap(10f));
            whisker.setMarkerColor(Color.BLACK);
            whisker.setLineColor(Color.BLACK);
            whisker.setLineStyle(new BasicStroke(1.5f));
        }
        SeriesStyles.Style style = styles.style(row.mechanism());
        XYSeries p50 = chart.addSeries(row.mechanism() + " p50", new double[] {x},
                new double[] {row.p50Ns() / Numbers.NS_PER_US});
        p50.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        p50.setMarker(style.marker());
        p50.setMarkerColor(style.colour());
        XYSeries p99 = chart.addSeries(row.mechanism() + " p99", new double[] {x + P99_OFFSET},
                new double[] {row.p99Ns() / Numbers.NS_PER_US});
        p99.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        p99.setMarker(SeriesMarkers.DIAMOND);
        p99.setMarkerColor(P99_COLOUR);
    }

    private static List<String> labels(List<LatencyRow> ranked) {
        List<String> ranks = RunTables.ranks(ranked.stream().map(LatencyRow::p50NsCi).toList());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            LatencyRow row = ranked.get(i);
            labels.add(ranks.get(i) + " " + RunTables.withWait(row.mechanism(), row.waitStrategy())
                    + RunTables.unstableMark(row.repeats()) + "  " + Numbers.micros(row.p50Ns()) + " µs");
        }
        return labels;
    }

    /** Each p99 value, above its mark. */
    private static List<Plots.Note> p99Notes(List<LatencyRow> ranked) {
        List<Plots.Note> notes = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            LatencyRow row = ranked.get(i);
            notes.add(new Plots.Note(RunTables.percentile(row.samples(), 0.99, row.p99Ns(), ""), i + 1 + P99_OFFSET,
                    row.p99Ns() / Numbers.NS_PER_US));
        }
        return notes;
    }

    private static List<ChartCanvas.LegendEntry> legend() {
        return List.of(
                new ChartCanvas.LegendEntry("dot = p50", Plots.KEY_COLOUR, SeriesMarkers.CIRCLE, null),
                new ChartCanvas.LegendEntry("whisker = p50 interval", Color.BLACK, null, new BasicStroke(1.5f)),
                new ChartCanvas.LegendEntry("grey mark = p99", P99_COLOUR, SeriesMarkers.DIAMOND, null));
    }

    /** The end of a whisker: a short horizontal stroke. */
    private static final class Cap extends Marker {
        private final float widthPx;

        Cap(float widthPx) {
            this.widthPx = widthPx;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Line2D.Double(x - widthPx / 2, y, x + widthPx / 2, y));
        }
    }
}
