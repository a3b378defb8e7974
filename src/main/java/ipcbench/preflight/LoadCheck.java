package ipcbench.preflight;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Other work on the machine: the load average, processes that used CPU during the sample, and other ipcbench runs.
 * Anything else runnable competes with the two measured threads for CPUs and caches.
 */
final class LoadCheck {
    /** A process above this share of one CPU during the sample is named. */
    static final double BUSY_PERCENT_OF_CPU = 5.0;
    private static final int BUSY_LISTED = 3;
    private static final String CLI_MAIN = "ipcbench.cli.Main";

    private LoadCheck() {
    }

    static Finding loadAverage(HostRoot host, int onlineCpus) {
        var loadavg = host.text("/proc/loadavg");
        if (loadavg.isEmpty()) {
            return Finding.fact("loadavg", "not visible");
        }
        String[] f = loadavg.get().split("\\s+");
        double oneMinute = Double.parseDouble(f[0]);
        String value = f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min) on " + onlineCpus + " online CPUs";
        String warning = oneMinute <= onlineCpus ? null : "load average " + f[0] + " over the last minute exceeds the "
                + onlineCpus + " online CPUs: the machine has been busy; let it settle before measuring";
        return Finding.of("loadavg", value, warning);
    }

    private record Busy(long pid, String name, double percentOfCpu) {
        String describe() {
            return String.format(Locale.ROOT, "%d %s %.0f%%", pid, name, percentOfCpu);
        }
    }

    /** Processes other than {@code selfPid} by CPU used between the two readings, in % of one CPU. */
    static Finding busyProcesses(Activity before, Activity after, long selfPid) {
        long totalTicks = after.totalTicks() - before.totalTicks();
        int cpus = Math.max(1, after.cpuCount());
        if (totalTicks <= 0) {
            return Finding.fact("busy-processes", "unknown (no CPU ticks in /proc/stat during the sample)");
        }
        double ticksPerCpu = (double) totalTicks / cpus;
        List<Busy> busy = new ArrayList<>();
        for (Map.Entry<Long, Activity.ProcessTicks> entry : after.processes().entrySet()) {
            long pid = entry.getKey();
            if (pid == selfPid) {
                continue;
            }
            Activity.ProcessTicks was = before.processes().get(pid);
            long ticks = entry.getValue().ticks() - (was == null ? 0 : was.ticks());
            if (ticks > 0) {
                busy.add(new Busy(pid, entry.getValue().name(), 100.0 * ticks / ticksPerCpu));
            }
        }
        busy.sort(Comparator.comparingDouble(Busy::percentOfCpu).reversed().thenComparingLong(Busy::pid));
        List<Busy> above = busy.stream().filter(b -> b.percentOfCpu() > BUSY_PERCENT_OF_CPU).toList();
        String resolution = String.format(Locale.ROOT, "one tick = %.1f%% of a CPU", 100.0 / ticksPerCpu);
        if (above.isEmpty()) {
            return Finding.fact("busy-processes", String.format(Locale.ROOT, "none above %.0f%% of a CPU%s (%s)",
                    BUSY_PERCENT_OF_CPU, busy.isEmpty() ? "" : "; the busiest: " + busy.get(0).describe(), resolution));
        }
        List<String> listed = above.stream().limit(BUSY_LISTED).map(Busy::describe).toList();
        String named = String.join(", ", listed) + (above.size() > BUSY_LISTED
                ? " and " + (above.size() - BUSY_LISTED) + " more" : "");
        return Finding.of("busy-processes", String.format(Locale.ROOT, "%d above %.0f%% of a CPU: %s (%s)",
                above.size(), BUSY_PERCENT_OF_CPU, named, resolution),
                "other processes used CPU during the sample (" + named + "): they compete with the measured "
                        + "threads; stop them, or expect noisier numbers");
    }

    /** Other {@code ipcbench.cli.Main} JVMs: not this process, not one of its ancestors. */
    static Finding otherRuns(HostRoot host, long selfPid) {
        Set<Long> ours = new HashSet<>();
        long pid = selfPid;
        while (pid > 0 && ours.add(pid)) {
            pid = Activity.stat(host, pid).map(Activity.ProcStat::parentPid).orElse(0L);
        }
        List<String> others = new ArrayList<>();
        for (long candidate : host.pids()) {
            if (ours.contains(candidate)) {
                continue;
            }
            List<String> args = host.bytes("/proc/" + candidate + "/cmdline")
                    .map(b -> List.of(new String(b, StandardCharsets.UTF_8).split("\0"))).orElse(List.of());
            int main = args.indexOf(CLI_MAIN);
            if (main >= 0) {
                others.add("pid " + candidate + (main + 1 < args.size()
                        ? " (" + String.join(" ", args.subList(main + 1, args.size())) + ")" : ""));
            }
        }
        if (others.isEmpty()) {
            return Finding.fact("other-runs", "none");
        }
        return Finding.of("other-runs", String.join(", ", others), "another ipcbench is running, "
                + String.join(", ", others) + ": two runs on one machine distort each other; wait for it to end");
    }
}
