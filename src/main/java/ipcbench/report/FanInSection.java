package ipcbench.report;

import ipcbench.results.LatencyRow;
import ipcbench.results.MemberRow;
import ipcbench.results.Oversubscription;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's "Fan-in" section, present when a run measured several clients of one echo child ({@link FanIn}): how
 * it was measured, then per placement and payload size a table of every mechanism at each number of clients
 * (latency of all clients together, the fastest and slowest client, the messages/s of all clients, how that compares
 * with one client, and whether the point was oversubscribed), and the scaling charts ({@link FanInChart}).
 */
final class FanInSection {
    private static final String NOT_MEASURED = "—";

    private FanInSection() {
    }

    static void write(ReportDocument doc, RunData run, SeriesStyles styles, List<Plots.Plot> plots) {
        if (!FanIn.applies(run)) {
            return;
        }
        doc.heading(2, "Fan-in: several clients, one echo child");
        doc.paragraph("Each point ran N clients in one JMH fork, one thread each, every client with its own "
                + "connection or queue to one echo child, which serves each client's end on a thread of its own "
                + "pinned like a pair's echo thread (so the clients share one CPU and the echo threads the other at "
                + "cross). Latency is every client's round trips together; \"clients' p50\" is the fastest and the "
                + "slowest single client's p50 (members.csv), which shows how evenly they were served. \"msgs/s\" "
                + "is what all clients streamed together (JMH adds its threads' rates) and \"÷ 1 client\" that over "
                + "the one-client point, " + RunTables.TIE_MARK + " before it when the two intervals overlap. "
                + "Oversubscribed: more hot threads (one per client when both ends block, two when they spin) can be "
                + "runnable at once than the CPUs the placement gives them, so the scheduler, not the mechanism, "
                + "sets part of the number. " + RunTables.UNSTABLE_MARK + " after a value: not in a steady state.");
        for (String placement : run.placements()) {
            for (int size : FanIn.sizes(run, placement)) {
                table(doc, run, placement, size, styles);
            }
        }
        List<String> oversubscribed = oversubscribedPoints(run, styles);
        if (!oversubscribed.isEmpty()) {
            doc.paragraph("Oversubscribed points on this machine (" + FanIn.cpus(run) + " CPUs allowed): "
                    + String.join("; ", oversubscribed) + ".");
        }
        for (Plots.Plot plot : plots) {
            if (plot.name().startsWith(FanInChart.PREFIX)) {
                doc.image(plot.png(), plot.svg(), plot.title());
            }
        }
    }

    private static void table(ReportDocument doc, RunData run, String placement, int size, SeriesStyles styles) {
        List<List<String>> cells = new ArrayList<>();
        for (FanIn.Series series : FanIn.series(run, placement, size, styles.ordered())) {
            Optional<ThroughputRow> one = series.points().stream().filter(p -> p.clients() == 1)
                    .flatMap(p -> p.throughput().stream()).findFirst();
            for (FanIn.Point point : series.points()) {
                List<String> row = new ArrayList<>(List.of(series.name(), Integer.toString(point.clients())));
                row.addAll(latencyCells(point));
                row.addAll(throughputCells(point.throughput(), point.clients() == 1 ? Optional.empty() : one));
                row.add(point.oversubscribed() ? "yes" : "no");
                cells.add(row);
            }
        }
        doc.heading(3, "Fan-in at " + Numbers.bytes(size) + ", placement " + placement);
        doc.plainTable(List.of("mechanism", "clients", "p50 µs [interval]", "p99 µs",
                        "clients' p50 µs, fastest–slowest", "msgs/s, all clients [interval]", "MB/s", "÷ 1 client",
                        "oversubscribed"),
                new boolean[] {false, true, true, true, true, true, true, true, false}, cells);
    }

    private static List<String> latencyCells(FanIn.Point point) {
        if (point.latency().isEmpty()) {
            return List.of(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED);
        }
        LatencyRow row = point.latency().get();
        String mark = RunTables.unstableMark(row.repeats());
        String members = point.fastest().isEmpty() ? NOT_MEASURED
                : Numbers.micros(point.fastest().map(MemberRow::p50Ns).get()) + "–"
                + Numbers.micros(point.slowest().map(MemberRow::p50Ns).get());
        return List.of(Numbers.micros(row.p50Ns()) + mark + " " + RunTables.microsInterval(row.p50NsCi()),
                Numbers.micros(row.p99Ns()) + mark, members);
    }

    /** msgs/s with its interval, MB/s, and the ratio to {@code oneClient} ("—" without one, as at one client). */
    private static List<String> throughputCells(Optional<ThroughputRow> measured, Optional<ThroughputRow> oneClient) {
        if (measured.isEmpty()) {
            return List.of(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED);
        }
        ThroughputRow row = measured.get();
        String mark = RunTables.unstableMark(row.repeats());
        var ci = FanInChart.messagesPerS(row);
        String interval = ci.known() ? " [" + Numbers.whole(ci.low()) + "–" + Numbers.whole(ci.high()) + "]" : "";
        String ratio = oneClient.isEmpty() ? NOT_MEASURED
                : (row.bytesPerSCi().overlaps(oneClient.get().bytesPerSCi()) ? RunTables.TIE_MARK : "")
                + Numbers.ratio(row.bytesPerS() / oneClient.get().bytesPerS());
        return List.of(Numbers.whole(row.messagesPerS()) + mark + interval,
                Numbers.megabytesPerS(row.bytesPerS()) + mark, ratio);
    }

    /** Every oversubscribed point of the run, with why: {@code uds 64 B at 2 clients (…)}. */
    static List<String> oversubscribedPoints(RunData run, SeriesStyles styles) {
        List<String> lines = new ArrayList<>();
        for (String placement : run.placements()) {
            for (int size : FanIn.sizes(run, placement)) {
                for (FanIn.Series series : FanIn.series(run, placement, size, styles.ordered())) {
                    for (FanIn.Point point : series.points()) {
                        if (point.oversubscribed()) {
                            lines.add(series.name() + " " + Numbers.bytes(size) + " at " + point.clients()
                                    + " (" + Oversubscription.why(point.key(), FanIn.cpus(run)) + ")");
                        }
                    }
                }
            }
        }
        return lines;
    }
}
