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
 * The fan-in rows of a run ({@code --topology fanin}), as the Fan-in section and its charts read them: per placement
 * and payload size, one series per mechanism and wait strategy, its points the numbers of clients measured. A point's
 * latency is every client's round trips together, its throughput the sum of the clients' (JMH adds its threads' rates),
 * and its members each client's own latency (members.csv), which show how evenly the echo child served them.
 */
final class FanIn {
    static final String FAN_IN = "fanin";

    /** One number of clients of one series. */
    record Point(int clients, ResultKey key, Optional<LatencyRow> latency, Optional<ThroughputRow> throughput,
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

    /** One mechanism and wait strategy at one placement and size: its points by clients, ascending. */
    record Series(String name, String mechanism, List<Point> points) {
    }

    private FanIn() {
    }

    static boolean applies(RunData run) {
        return !fanInRows(run.allLatency()).isEmpty() || !fanInRows(run.allThroughput()).isEmpty();
    }

    /** The sizes with a fan-in row at {@code placement}, ascending. */
    static List<Integer> sizes(RunData run, String placement) {
        TreeSet<Integer> sizes = new TreeSet<>();
        fanInRows(run.allLatency()).stream().filter(r -> r.placement().equals(placement))
                .forEach(r -> sizes.add(r.payloadBytes()));
        fanInRows(run.allThroughput()).stream().filter(r -> r.placement().equals(placement))
                .forEach(r -> sizes.add(r.payloadBytes()));
        return List.copyOf(sizes);
    }

    /** The CPUs the run could use, which an unpinned point's oversubscription is judged against. */
    static int cpus(RunData run) {
        var environment = run.info().environment();
        return environment == null || environment.allowedCpus() == null ? 1 : environment.allowedCpus().size();
    }

    /** The series at one placement and size, mechanisms in {@code order}, then by wait strategy. */
    static List<Series> series(RunData run, String placement, int size, List<String> order) {
        Map<String, Map<Integer, ResultKey>> keys = new LinkedHashMap<>();
        List<Keyed> rows = new ArrayList<>(fanInRows(run.allLatency()));
        rows.addAll(fanInRows(run.allThroughput()));
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

    static <T extends Keyed> List<T> fanInRows(List<T> rows) {
        return rows.stream().filter(r -> r.key().get(Dimension.TOPOLOGY).equals(FAN_IN)).toList();
    }

    private static <T extends Keyed> Optional<T> find(List<T> rows, ResultKey key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    private static int rank(List<String> order, String mechanism) {
        int index = order.indexOf(mechanism);
        return index < 0 ? order.size() : index;
    }
}
