package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Keyed;
import ipcbench.results.LatencyRow;
import ipcbench.results.MemberRow;
import ipcbench.results.Oversubscription;
import ipcbench.results.ResultKey;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fan-in and fan-out rows of a run ({@code --topology fanin|fanout}), as their sections and charts read them: per
 * topology, placement and payload size, one series per mechanism and wait strategy, its points the fans measured
 * (clients, or subscribers). A fan-in point's latency is every client's round trips together, its throughput the sum
 * of the clients' (JMH adds its threads' rates), and its members each client's own latency (members.csv), which show
 * how evenly the echo child served them. A fan-out point's latency runs from the publisher's first write to the last
 * subscriber's echo.
 */
final class Fans {
    static final String FAN_IN = Dimension.Topology.FAN_IN;
    static final String FAN_OUT = Dimension.Topology.FAN_OUT;
    /** The topologies with fans, in the order the report shows them. */
    static final List<String> TOPOLOGIES = List.of(FAN_IN, FAN_OUT);

    /** One fan (number of clients or subscribers) of one series. */
    record Point(int fan, ResultKey key, Optional<LatencyRow> latency, Optional<ThroughputRow> throughput,
                 List<MemberRow> members, boolean oversubscribed) {

        /** The client with the highest p50, when members were recorded (two clients or more). */
        Optional<MemberRow> slowest() {
            return members.stream().max(Comparator.comparingLong(MemberRow::p50Ns));
        }

        /** The client with the lowest p50. */
        Optional<MemberRow> fastest() {
            return members.stream().min(Comparator.comparingLong(MemberRow::p50Ns));
        }
    }

    /** One mechanism and wait strategy at one placement and size: its points by fan, ascending. */
    record Series(String name, String mechanism, List<Point> points) {
    }

    private Fans() {
    }

    static boolean applies(RunData run, String topology) {
        return !rows(run.allLatency(), topology).isEmpty() || !rows(run.allThroughput(), topology).isEmpty();
    }

    /** The sizes with a row of {@code topology} at {@code placement}, ascending. */
    static List<Integer> sizes(RunData run, String topology, String placement) {
        TreeSet<Integer> sizes = new TreeSet<>();
        rows(run.allLatency(), topology).stream().filter(r -> r.placement().equals(placement))
                .forEach(r -> sizes.add(r.payloadBytes()));
        rows(run.allThroughput(), topology).stream().filter(r -> r.placement().equals(placement))
                .forEach(r -> sizes.add(r.payloadBytes()));
        return List.copyOf(sizes);
    }

    /** The CPUs the run could use, which an unpinned point's oversubscription is judged against. */
    static int cpus(RunData run) {
        var environment = run.info().environment();
        return environment == null || environment.allowedCpus() == null ? 1 : environment.allowedCpus().size();
    }

    /** The series of {@code topology} at one placement and size, mechanisms in {@code order}, then by wait. */
    static List<Series> series(RunData run, String topology, String placement, int size, List<String> order) {
        Map<String, Map<Integer, ResultKey>> keys = new LinkedHashMap<>();
        List<Keyed> rows = new ArrayList<>(rows(run.allLatency(), topology));
        rows.addAll(rows(run.allThroughput(), topology));
        rows.stream().filter(r -> r.key().placement().equals(placement) && r.key().payloadBytes() == size)
                .sorted(Comparator.comparingInt((Keyed r) -> rank(order, r.mechanism()))
                        .thenComparing(r -> r.key().waitStrategy()))
                .forEach(r -> keys.computeIfAbsent(name(r.key()), k -> new java.util.TreeMap<>())
                        .put(Oversubscription.clients(r.key()), r.key()));
        List<Series> series = new ArrayList<>();
        keys.forEach((name, byClients) -> {
            List<Point> points = new ArrayList<>();
            byClients.forEach((clients, key) -> points.add(new Point(clients, key,
                    find(run.allLatency(), key), find(run.allThroughput(), key),
                    run.members().stream().filter(m -> m.key().equals(key)).toList(),
                    Oversubscription.of(key, cpus(run)))));
            series.add(new Series(name, byClients.values().iterator().next().mechanism(), points));
        });
        return series;
    }

    /** How a series is named: the mechanism, with its wait strategy when it spins. */
    static String name(ResultKey key) {
        return RunTables.withWait(key.mechanism(), key.waitStrategy());
    }

    static <T extends Keyed> List<T> rows(List<T> rows, String topology) {
        return rows.stream().filter(r -> r.key().get(Dimension.TOPOLOGY).equals(topology)).toList();
    }

    /** What a topology's fan counts: clients or subscribers. */
    static String members(String topology) {
        return topology.equals(FAN_IN) ? "clients" : "subscribers";
    }

    private static <T extends Keyed> Optional<T> find(List<T> rows, ResultKey key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    private static int rank(List<String> order, String mechanism) {
        int index = order.indexOf(mechanism);
        return index < 0 ? order.size() : index;
    }
}
