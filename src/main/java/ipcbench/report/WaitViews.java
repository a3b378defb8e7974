package ipcbench.report;

import ipcbench.results.LatencyRow;
import ipcbench.results.RunLayout;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rows one chart shows when a run measured mechanisms both blocking and spinning: for a strategy, each
 * mechanism's row at that strategy, or its only strategy's row (shm and aeron-ipc only spin, rmi and gRPC only block,
 * and stay in both sets as references).
 */
final class WaitViews {
    private WaitViews() {
    }

    /**
     * The strategies to draw separately: block and spin when some mechanism was measured both ways, else one
     * entry (the run's rows are drawn as they are).
     */
    static List<String> compared(List<LatencyRow> latency, List<ThroughputRow> throughput) {
        Set<String> both = new TreeSet<>(measuredBothWays(latency, LatencyRow::mechanism, LatencyRow::waitStrategy));
        both.addAll(measuredBothWays(throughput, ThroughputRow::mechanism, ThroughputRow::waitStrategy));
        if (both.isEmpty()) {
            return List.of(RunLayout.DEFAULT_WAIT);
        }
        TreeSet<String> waits = new TreeSet<>();
        latency.forEach(row -> waits.add(row.waitStrategy()));
        throughput.forEach(row -> waits.add(row.waitStrategy()));
        return List.copyOf(waits);
    }

    static List<LatencyRow> latency(List<LatencyRow> rows, String wait) {
        return select(rows, wait, LatencyRow::mechanism, LatencyRow::waitStrategy);
    }

    static List<ThroughputRow> throughput(List<ThroughputRow> rows, String wait) {
        return select(rows, wait, ThroughputRow::mechanism, ThroughputRow::waitStrategy);
    }

    private static <T> List<T> select(List<T> rows, String wait, Function<T, String> mechanism,
                                      Function<T, String> waitOf) {
        Set<String> atWait = new HashSet<>();
        rows.stream().filter(r -> waitOf.apply(r).equals(wait)).forEach(r -> atWait.add(mechanism.apply(r)));
        List<T> selected = new ArrayList<>();
        for (T row : rows) {
            if (waitOf.apply(row).equals(wait) || !atWait.contains(mechanism.apply(row))) {
                selected.add(row);
            }
        }
        return selected;
    }

    private static <T> Set<String> measuredBothWays(List<T> rows, Function<T, String> mechanism,
                                                    Function<T, String> waitOf) {
        Set<String> seen = new HashSet<>();
        Set<String> both = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (T row : rows) {
            if (keys.add(mechanism.apply(row) + " " + waitOf.apply(row)) && !seen.add(mechanism.apply(row))) {
                both.add(mechanism.apply(row));
            }
        }
        return both;
    }
}
