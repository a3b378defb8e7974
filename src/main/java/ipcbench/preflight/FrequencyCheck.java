package ipcbench.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU frequency scaling. A governor that follows load lets an idle CPU slow down, and a blocking round trip leaves
 * its CPUs idle most of the time, so such runs measure the clock ramp as much as the mechanism. Turbo/boost is
 * recorded: it makes numbers depend on temperature and on how many cores are busy. Many VMs show neither.
 */
final class FrequencyCheck {
    static final String CPU_DIR = "/sys/devices/system/cpu";
    static final String NO_TURBO = "/sys/devices/system/cpu/intel_pstate/no_turbo";
    static final String BOOST = "/sys/devices/system/cpu/cpufreq/boost";
    private static final Set<String> LOAD_FOLLOWING = Set.of("powersave", "conservative", "ondemand", "schedutil");

    private FrequencyCheck() {
    }

    static Finding governor(HostRoot host, Pins pins) {
        Map<String, List<Integer>> cpusByGovernor = new TreeMap<>();
        for (int cpu : cpus(host)) {
            host.text(CPU_DIR + "/cpu" + cpu + "/cpufreq/scaling_governor")
                    .ifPresent(g -> cpusByGovernor.computeIfAbsent(g, k -> new ArrayList<>()).add(cpu));
        }
        if (cpusByGovernor.isEmpty()) {
            return Finding.fact("governor", "not visible (no cpufreq/scaling_governor: the host or hypervisor "
                    + "controls the frequency)");
        }
        List<String> parts = new ArrayList<>();
        cpusByGovernor.forEach((g, cpus) -> parts.add(g + " (CPU " + CpuList.format(cpus) + ")"));
        List<Integer> slow = new ArrayList<>();
        cpusByGovernor.forEach((g, cpus) -> {
            if (LOAD_FOLLOWING.contains(g)) {
                cpus.stream().filter(cpu -> !pins.pinned() || pins.cpus().contains(cpu)).forEach(slow::add);
            }
        });
        String warning = slow.isEmpty() ? null : "CPU " + CpuList.format(slow) + " run a load-following frequency "
                + "governor: an idle CPU clocks down between round trips; set 'performance' for measuring "
                + "(cpupower frequency-set -g performance)";
        return Finding.of("governor", String.join(", ", parts), warning);
    }

    static Finding turbo(HostRoot host) {
        List<String> parts = new ArrayList<>();
        host.text(NO_TURBO).ifPresent(v -> parts.add("intel_pstate turbo " + (v.equals("1") ? "off" : "on")
                + " (no_turbo=" + v + ")"));
        host.text(BOOST).ifPresent(v -> parts.add("cpufreq boost " + (v.equals("0") ? "off" : "on")
                + " (boost=" + v + ")"));
        return Finding.fact("turbo", parts.isEmpty() ? "not visible" : String.join(", ", parts));
    }

    /** The CPU numbers with a directory under /sys/devices/system/cpu. */
    static List<Integer> cpus(HostRoot host) {
        return host.names(CPU_DIR, "cpu[0-9]+").stream().map(n -> Integer.parseInt(n.substring(3))).sorted().toList();
    }
}
