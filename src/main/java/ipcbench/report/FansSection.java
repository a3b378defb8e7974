package ipcbench.report;

import ipcbench.results.LatencyRow;
import ipcbench.results.MemberRow;
import ipcbench.results.Oversubscription;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's "Fan-in" and "Fan-out" sections, present when a run measured that topology ({@link Fans}): how it was
 * measured, then per placement and payload size a table of every mechanism at each fan and the scaling charts
 * ({@link FansChart}). A fan-in row has the latency of all clients together, the fastest and slowest client, the
 * messages/s of all clients and how that compares with one client; a fan-out row the latency to the last acknowledgement. Every
 * row says whether it was oversubscribed.
 */
final class FansSection {
    private static final String NOT_MEASURED = "—";

    private FansSection() {
    }

    static void write(ReportDocument doc, RunData run, SeriesStyles styles, List<Plots.Plot> plots) {
        for (String topology : Fans.TOPOLOGIES) {
            if (Fans.applies(run, topology)) {
                section(doc, run, styles, plots, topology);
            }
        }
    }

    private static void section(ReportDocument doc, RunData run, SeriesStyles styles, List<Plots.Plot> plots,
                                String topology) {
        boolean in = topology.equals(Fans.FAN_IN);
        doc.heading(2, in ? "Fan-in: several clients, one echo child" : "Fan-out: one publisher, several subscribers");
        doc.paragraph((in ? "Each point ran N clients in one JMH fork, one thread each, every client with its own "
                + "connection or queue to one echo child, which serves each client's end on a thread of its own "
                + "pinned like a pair's echo thread (so the clients share one CPU and the echo threads the other at "
                + "cross). Latency is every client's round trips together; \"clients' p50\" is the fastest and the "
                + "slowest single client's p50 (members.csv), which shows how evenly they were served. \"msgs/s\" "
                + "is what all clients streamed together (JMH adds its threads' rates) and \"÷ 1 client\" that over "
                + "the one-client point, " + RunTables.TIE_MARK + " before it when the two intervals overlap. "
                : "Each point ran one publisher (a JMH thread) and N subscribers, each an echo child pinned like a "
                + "pair's echo thread (so every subscriber shares the server CPU at cross). Most mechanisms give each "
                + "subscriber a channel of its own: the publisher writes each message to every subscriber in turn, "
                + "then reads every subscriber's echo. shm has one region that every subscriber reads, each "
                + "acknowledging in a word of its own; aeron-ipc one publication that every subscriber reads through "
                + "a subscription of its own, each acknowledging on a stream of its own. The latency runs from the "
                + "publish to the last acknowledgement, one clock read per message. The time to the first is not "
                + "given: written in turn, the echoes are read in subscriber order, which cannot tell which came "
                + "first, and elsewhere it would take a clock read per acknowledgement inside the measured loop. ")
                + "Oversubscribed: more hot threads (one per " + (in ? "client" : "subscriber") + " when both ends "
                + "block, two when they spin) can be runnable at once than the CPUs the placement gives them, so the "
                + "scheduler, not the mechanism, sets part of the number. " + RunTables.UNSTABLE_MARK + " after a "
                + "value: not in a steady state.");
        for (String placement : run.placements()) {
            for (int size : Fans.sizes(run, topology, placement)) {
                table(doc, run, topology, placement, size, styles);
            }
        }
        List<String> oversubscribed = oversubscribedPoints(run, topology, styles);
        if (!oversubscribed.isEmpty()) {
            doc.paragraph("Oversubscribed points on this machine (" + Fans.cpus(run) + " CPUs allowed): "
                    + String.join("; ", oversubscribed) + ".");
        }
        for (Plots.Plot plot : plots) {
            if (plot.name().startsWith(topology + "-")) {
                doc.image(plot.png(), plot.svg(), plot.title());
            }
        }
    }

    private static void table(ReportDocument doc, RunData run, String topology, String placement, int size,
                              SeriesStyles styles) {
        boolean in = topology.equals(Fans.FAN_IN);
        List<List<String>> cells = new ArrayList<>();
        for (Fans.Series series : Fans.series(run, topology, placement, size, styles.ordered())) {
            Optional<ThroughputRow> one = series.points().stream().filter(p -> p.fan() == 1)
                    .flatMap(p -> p.throughput().stream()).findFirst();
            for (Fans.Point point : series.points()) {
                List<String> row = new ArrayList<>(List.of(series.name(), Integer.toString(point.fan())));
                List<String> latency = latencyCells(point);
                row.addAll(in ? latency : latency.subList(0, 2));
                if (in) {
                    row.addAll(throughputCells(point.throughput(), point.fan() == 1 ? Optional.empty() : one));
                }
                row.add(point.oversubscribed() ? "yes" : "no");
                cells.add(row);
            }
        }
        doc.heading(3, (in ? "Fan-in" : "Fan-out") + " at " + Numbers.bytes(size) + ", placement " + placement);
        if (in) {
            doc.plainTable(List.of("mechanism", "clients", "p50 µs [interval]", "p99 µs",
                            "clients' p50 µs, fastest–slowest", "msgs/s, all clients [interval]", "MB/s",
                            "÷ 1 client", "oversubscribed"),
                    new boolean[] {false, true, true, true, true, true, true, true, false}, cells);
        } else {
            doc.plainTable(List.of("mechanism", "subscribers", "p50 to the last acknowledgement, µs [interval]", "p99 µs",
                    "oversubscribed"), new boolean[] {false, true, true, true, false}, cells);
        }
    }

    private static List<String> latencyCells(Fans.Point point) {
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
        var ci = FansChart.messagesPerS(row);
        String interval = ci.known() ? " [" + Numbers.whole(ci.low()) + "–" + Numbers.whole(ci.high()) + "]" : "";
        String ratio = oneClient.isEmpty() ? NOT_MEASURED
                : (row.bytesPerSCi().overlaps(oneClient.get().bytesPerSCi()) ? RunTables.TIE_MARK : "")
                + Numbers.ratio(row.bytesPerS() / oneClient.get().bytesPerS());
        return List.of(Numbers.whole(row.messagesPerS()) + mark + interval,
                Numbers.megabytesPerS(row.bytesPerS()) + mark, ratio);
    }

    /** Every oversubscribed point of one topology, with why: {@code uds 64 B at 2 (…)}. */
    static List<String> oversubscribedPoints(RunData run, String topology, SeriesStyles styles) {
        List<String> lines = new ArrayList<>();
        for (String placement : run.placements()) {
            for (int size : Fans.sizes(run, topology, placement)) {
                for (Fans.Series series : Fans.series(run, topology, placement, size, styles.ordered())) {
                    for (Fans.Point point : series.points()) {
                        if (point.oversubscribed()) {
                            lines.add(series.name() + " " + Numbers.bytes(size) + " at " + point.fan()
                                    + " (" + Oversubscription.why(point.key(), Fans.cpus(run)) + ")");
                        }
                    }
                }
            }
        }
        return lines;
    }
}
