package ipcbench.report;

import ipcbench.results.HostFloor;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's floor in a report ({@link HostFloor}): what a bare round trip cost at each placement and wait before and
 * after the benchmarks, each mechanism's p50 less the floor measured before (its own cost), and, when the blocking
 * floor is most of every blocking round trip, one line that says the ranking measures the host and what to run
 * instead.
 */
final class HostFloors {
    /** The floor is "most" of a round trip from this share of its p50 on. */
    static final double MOST = 0.5;

    private HostFloors() {
    }

    /** One paragraph per floor measured before the benchmarks, with the one after them. */
    static List<String> glance(RunData run) {
        List<HostFloor> floors = run.info().floors();
        if (floors == null || floors.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (HostFloor floor : floors) {
            if (floor.phase().equals(HostFloor.BEFORE)) {
                lines.add(line(run.info(), floor));
            }
        }
        return lines;
    }

    /** A floor before the benchmarks with the one after them, and whether it moved beyond their ranges. */
    private static String line(RunInfo info, HostFloor before) {
        if (!before.isMeasured()) {
            return before.summary() + ".";
        }
        HostFloor.Measured after = info.floor(HostFloor.AFTER, before.placement(), before.waitStrategy());
        String text = before.summary();
        if (after == null) {
            return text + "; not measured after them.";
        }
        String range = Numbers.micros(after.p50Ns()) + " µs [" + Numbers.micros(after.lowNs()) + "-"
                + Numbers.micros(after.highNs()) + "]";
        return after.overlaps(before.measured()) ? text + "; after them " + range + ", the same within its range."
                : text + "; after them " + range + ": the floor moved during the run (a virtual machine's vCPUs "
                        + "can move between host cores), and the numbers at this placement and wait may have moved "
                        + "with it.";
    }

    /**
     * When the blocking floor across two CPUs at {@code placement} is at least {@link #MOST} of the p50 of most
     * blocking mechanisms at the smallest size: one line that says so, names those it is not most of, and says what to
     * run instead. On one CPU the floor is the context switch every blocking hand-off needs there, and the advice
     * (one CPU) is what the run already did: no line.
     */
    static Optional<String> verdict(RunData run, String placement) {
        RunInfo.Cpus cpus = run.info().cpus();
        if (cpus != null && cpus.clientCpu() >= 0 && cpus.clientCpu() == cpus.serverCpu()) {
            return Optional.empty();
        }
        HostFloor.Measured floor = run.info().floor(HostFloor.BEFORE, placement, "block");
        List<LatencyRow> blocking = run.latency().stream()
                .filter(r -> r.placement().equals(placement) && r.waitStrategy().equals("block")).toList();
        if (floor == null || blocking.isEmpty()) {
            return Optional.empty();
        }
        int smallest = blocking.stream().mapToInt(LatencyRow::payloadBytes).min().getAsInt();
        List<LatencyRow> atSmallest = RunTables.rankedByP50(blocking.stream()
                .filter(r -> r.payloadBytes() == smallest).toList());
        List<String> exceptions = atSmallest.stream().filter(r -> floor.p50Ns() / r.p50Ns() < MOST)
                .map(LatencyRow::mechanism).toList();
        if (2 * exceptions.size() >= atSmallest.size()) {
            return Optional.empty();
        }
        String which = exceptions.isEmpty() ? "every blocking mechanism's p50"
                : "the p50 of " + (atSmallest.size() - exceptions.size()) + " of the " + atSmallest.size()
                + " blocking mechanisms (all but " + String.join(", ", exceptions) + ")";
        return Optional.of("Blocking round trips at placement " + placement + " are mostly this host's wake-up: a "
                + "bare one costs " + Numbers.micros(floor.p50Ns()) + " µs, at least half of " + which + " at "
                + Numbers.bytes(smallest) + ", so their ranking here says little about the mechanisms. To see their "
                + "own differences, run with --pin same (one CPU) or --wait spin.");
    }

    /** The floor measured before the benchmarks at the row's placement and wait, or null. */
    static HostFloor.Measured of(RunData run, LatencyRow row) {
        return run.info().floor(HostFloor.BEFORE, row.placement(), row.waitStrategy());
    }

    /** The row's p50 above its floor, in µs, and the floor's share of the p50; "—" without a floor. */
    static List<String> aboveFloorCells(RunData run, LatencyRow row) {
        HostFloor.Measured floor = of(run, row);
        if (floor == null) {
            return List.of("—", "—");
        }
        return List.of(Numbers.micros(row.p50Ns() - floor.p50Ns()),
                Math.round(100 * floor.p50Ns() / row.p50Ns()) + "%");
    }
}
