package ipcbench.cli;

import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.registry.Mechanisms;
import ipcbench.results.Dimension;
import ipcbench.results.LoadRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The cores each mechanism keeps busy at fixed offered rates: the trade-off a service designer weighs against
 * latency, since a spinning pair keeps two cores busy at any rate while a blocking one's CPU follows its load. After a
 * latency run's benchmarks, each mechanism with a load mode runs an open-loop trial in its own JVM (as {@code --mode
 * load} does, at its smallest size) with the rates {@code --cpu-at} gives; both processes' CPU time is read at the
 * boundaries of each measurement iteration. The rows go to cpu-at-load.csv, in load.csv's format.
 */
final class CpuAtLoad {
    /** One light and one moderate load: far below every mechanism's capacity here, so the rate is what is offered. */
    static final String DEFAULT_RATES = "1000,10000";
    /** How run.json's failed list names a trial that did not finish. */
    static final String BENCHMARK = "CpuAtLoad";
    /**
     * What a trial costs besides its rate points on the reference 2-vCPU VM (its JVM, the echo child, the 20,000
     * echoes that compile the loops): an estimate's constant (docs/measurements/2026-12-05-kvm-epyc-2vcpu.md).
     */
    static final double TRIAL_START_SECONDS = 6.5;

    private CpuAtLoad() {
    }

    /**
     * Measures every mechanism of {@code plan} that has a load mode; returns the names of the trials that failed.
     * Mechanisms without one are added to {@code skipped} with the reason.
     */
    static List<String> measure(RunLayout layout, RunPlan plan, RunConfig config, List<RunInfo.Skipped> skipped,
                                PrintStream out) throws IOException {
        out.println("ipcbench: CPU at " + config.cpuAt().text() + " messages/s offered, each mechanism at its smallest"
                + " size (--cpu-at)");
        List<String> failed = new ArrayList<>();
        for (String id : plan.mechanisms()) {
            Mechanism mechanism = Mechanisms.require(id);
            int size = smallestSize(plan, id);
            String why = whyNot(mechanism, size);
            if (why != null) {
                skipped.add(new RunInfo.Skipped(id, size, RunInfo.Skipped.AT_LOAD + why));
                continue;
            }
            ResultKey key = ResultKey.of(id, size, plan.placement.id(), mechanism.waits().get(0).id(),
                    Dimension.PEERS.defaultValue());
            int exit = LoadCommand.launch(layout, key, new LoadCommand.Trial("cpu-at-load", config.cpuAt().text(),
                    config.profile().warmupMillis, config.profile(), 0, config.verify()));
            if (exit != 0) {
                failed.add(BENCHMARK + " " + id + " " + size + " B");
                out.println("ipcbench: FAILED " + BENCHMARK + " " + id + " " + size + " B (exit " + exit + ")");
            }
        }
        List<LoadRow> rows = LoadCommand.collect(layout.cpuAtLoad(), plan);
        if (!rows.isEmpty()) {
            LoadRow.write(layout.cpuAtLoad().csv(), rows);
        }
        return failed;
    }

    /** Why {@code mechanism} cannot run a trial at {@code payloadBytes}, or null when it can. */
    static String whyNot(Mechanism mechanism, int payloadBytes) {
        String why = mechanism.whyNoLoad();
        return why == null && mechanism instanceof OpenLoad load ? load.whyNoLoad(payloadBytes) : why;
    }

    /** The line the run prints before it measures: what comes after the benchmarks, and about how long it takes. */
    static String announce(RunPlan plan, RunConfig config) {
        long trials = plan.mechanisms().stream().filter(id -> Mechanisms.require(id).whyNoLoad() == null).count();
        double pointSeconds = (config.profile().warmupMillis + config.profile().measurementIterations
                * config.profile().measurementMillis) / 1000.0;
        double seconds = trials * (TRIAL_START_SECONDS + config.cpuAt().rates().size() * pointSeconds);
        return "  cpu at load " + config.cpuAt().text() + " messages/s offered (--cpu-at): " + trials + " trials after "
                + "the benchmarks, about " + Progress.duration(seconds);
    }

    private static int smallestSize(RunPlan plan, String mechanism) {
        return plan.groups.stream().filter(g -> g.mechanisms().contains(mechanism))
                .flatMap(g -> g.sizes().stream()).min(Integer::compare).orElseThrow();
    }
}
