package ipcbench.preflight;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the host looked like just before measuring, recorded in run.json: clocksource and clock cost, frequency
 * scaling, virtualisation and steal, how the pinned CPUs relate, cgroup quota and isolated CPUs, other load, security
 * modules and real-time kernel. Each finding is a fact; those that can distort numbers carry a warning. The checks
 * only read /proc and /sys and watch the machine for {@link #SAMPLE_MILLIS}; they change nothing.
 */
public record Preflight(List<Finding> findings) {
    /** How long steal time and busy processes are sampled. */
    public static final long SAMPLE_MILLIS = 1000;

    /** The warnings, in check order. */
    public List<String> warnings() {
        return findings.stream().map(Finding::warning).filter(w -> w != null).toList();
    }

    /**
     * This preflight with the planned benchmarks' oversubscription: {@code oversubscribed}, the points whose hot
     * threads outnumber the CPUs their placement gives them (each with why), becomes a warning; none is a fact.
     */
    public Preflight withOversubscription(List<String> oversubscribed) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.add(oversubscribed.isEmpty() ? Finding.fact("oversubscribed", "none")
                : Finding.of("oversubscribed", String.join("; ", oversubscribed), oversubscribed.size()
                + (oversubscribed.size() == 1 ? " benchmark has" : " benchmarks have") + " more hot threads than CPUs to"
                + " run them at once, so the scheduler sets part of their numbers (first: " + oversubscribed.get(0)
                + "); the report marks them"));
        return new Preflight(List.copyOf(all));
    }

    /** Runs every check on this host for a run pinned at {@code pins} that may use {@code allowedCpus} CPUs. */
    public static Preflight check(Pins pins, int allowedCpus) {
        HostRoot host = HostRoot.live();
        NanoTimeCost cost = NanoTimeCost.measure();
        Activity before = Activity.read(host);
        try {
            Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Activity after = Activity.read(host);
        return of(host, before, after, cost, pins, allowedCpus, ProcessHandle.current().pid());
    }

    /** The checks over a host tree, two readings of its activity and a measured clock cost. */
    static Preflight of(HostRoot host, Activity before, Activity after, NanoTimeCost cost, Pins pins, int allowedCpus,
                        long selfPid) {
        return new Preflight(List.of(
                guarded("clocksource", () -> ClockCheck.clocksource(host, cost)),
                guarded("nanotime", () -> ClockCheck.nanoTime(cost)),
                guarded("governor", () -> FrequencyCheck.governor(host, pins)),
                guarded("turbo", () -> FrequencyCheck.turbo(host)),
                guarded("hypervisor", () -> VirtualisationCheck.hypervisor(host)),
                guarded("steal", () -> VirtualisationCheck.steal(before, after)),
                guarded("cpu-relation", () -> CpuRelationCheck.of(host, pins)),
                guarded("cgroup-quota", () -> CgroupQuotaCheck.of(host, allowedCpus)),
                guarded("isolated-cpus", () -> IsolationCheck.of(host, pins)),
                guarded("loadavg", () -> LoadCheck.loadAverage(host, after.cpuCount())),
                guarded("busy-processes", () -> LoadCheck.busyProcesses(before, after, selfPid)),
                guarded("other-runs", () -> LoadCheck.otherRuns(host, selfPid)),
                guarded("lsm", () -> KernelCheck.securityModules(host)),
                guarded("realtime-kernel", () -> KernelCheck.realtime(host))));
    }

    /** A file in an unexpected format makes its check "unreadable", never the run fail. */
    private static Finding guarded(String id, Supplier<Finding> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return Finding.fact(id, "unreadable (" + e + ")");
        }
    }
}
