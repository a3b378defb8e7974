package ipcbench.report;

import ipcbench.results.HostFloor;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The host's floor in a report ({@link HostFloor}): what a bare round trip costs at each placement and wait, each
 * mechanism's p50 less the floor of its placement and wait (its own cost), and, when the blocking floor is most of
 * every blocking round trip, one line that says the ranking measures the host and what to run instead.
 */
final class HostFloors {
    /** The floor is "most" of a round trip from this share of its p50 on. */
    static final double MOST = 0.5;

    private HostFloors() {
    }

    /** The paragraphs that open the report: each measured floor, then the verdict where the floor dominates. */
    static List<String> glance(RunData run) {
        RunInfo info = run.info();
        if (info.floors() == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (HostFloor floor : info.floors()) {
            lines.add(floor.summary() + ".");
        }
        for (String placement : run.placements()) {
            verdict(run, placement).ifPresent(lines::add);
        }
        return lines;
    }

    private static java.util.Optional<String> verdict(RunData run, String placement) {
        HostFloor floor = run.info().floor(placement, "block");
        List<LatencyRow> blocking = run.latency().stream()
                .filter(r -> r.placement().equals(placement) && r.waitStrategy().equals("block")).toList();
        if (floor == null || blocking.isEmpty()) {
            return java.util.Optional.empty();
        }
        int smallest = blocking.stream().mapToInt(LatencyRow::payloadBytes).min().getAsInt();
        double leastShare = blocking.stream().filter(r -> r.payloadBytes() == smallest)
                .mapToDouble(r -> share(floor, r)).min().getAsDouble();
        if (leastShare < MOST) {
            return java.util.Optional.empty();
        }
        RunInfo.Environment host = run.info().environment();
        String named = host == null ? "This host" : "This host (" + host.host() + ", " + host.cpuModel() + ", "
                + host.onlineCpus() + " CPUs)";
        return java.util.Optional.of(named + ": blocking round trips at placement " + placement
                + " are mostly the host's wake-up. A bare one costs " + Numbers.micros(floor.p50Ns())
                + " µs, at least " + Math.round(100 * leastShare) + "% of every blocking mechanism's p50 at "
                + Numbers.bytes(smallest) + ", so their ranking here says little about the mechanisms. To see their "
                + "own differences, run with --pin same (one CPU) or --wait spin.");
    }

    /** The floor's share of the row's p50, for a row whose placement and wait have a floor. */
    static double share(HostFloor floor, LatencyRow row) {
        return floor.p50Ns() / row.p50Ns();
    }

    /** The floor of the row's placement and wait in this run, or null. */
    static HostFloor of(RunData run, LatencyRow row) {
        return run.info().floor(row.placement(), row.waitStrategy());
    }

    /** The row's p50 above its floor, in µs, and the floor's share; "—" without a floor. */
    static List<String> aboveFloorCells(RunData run, LatencyRow row) {
        HostFloor floor = of(run, row);
        if (floor == null) {
            return List.of("—", "—");
        }
        return List.of(Numbers.micros(row.p50Ns() - floor.p50Ns()), Math.round(100 * share(floor, row)) + "%");
    }
}
