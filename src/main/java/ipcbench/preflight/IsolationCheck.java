package ipcbench.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * CPUs taken away from the scheduler's general use ({@code isolcpus=}) or from the periodic tick ({@code nohz_full=}).
 * Such CPUs are the quietest place to measure, but a process only lands there when told to: a run that leaves them
 * unused measures on the busy CPUs.
 */
final class IsolationCheck {
    private IsolationCheck() {
    }

    static Finding of(HostRoot host, Pins pins) {
        List<Integer> isolated = CpuList.parse(host.text("/sys/devices/system/cpu/isolated").orElse(""));
        List<Integer> nohzFull = CpuList.parse(host.text("/sys/devices/system/cpu/nohz_full").orElse(""));
        List<String> cmdline = new ArrayList<>();
        for (String arg : host.text("/proc/cmdline").orElse("").split("\\s+")) {
            if (arg.startsWith("isolcpus=") || arg.startsWith("nohz_full=")) {
                cmdline.add(arg);
                List<Integer> cpus = CpuList.parse(arg.substring(arg.indexOf('=') + 1));
                if (arg.startsWith("isolcpus=")) {
                    isolated = union(isolated, cpus);
                } else {
                    nohzFull = union(nohzFull, cpus);
                }
            }
        }
        String value = "isolated " + (isolated.isEmpty() ? "none" : CpuList.format(isolated)) + ", nohz_full "
                + (nohzFull.isEmpty() ? "none" : CpuList.format(nohzFull))
                + (cmdline.isEmpty() ? "" : " (kernel command line: " + String.join(" ", cmdline) + ")");
        String warning = null;
        if (!isolated.isEmpty() && pins.pinned() && !isolated.containsAll(pins.cpus())) {
            warning = "CPU " + CpuList.format(isolated) + " are isolated but the run uses CPU "
                    + CpuList.format(pins.cpus()) + ": start it under 'taskset -c " + CpuList.format(isolated)
                    + "' so the placement picks isolated CPUs";
        }
        return Finding.of("isolated-cpus", value, warning);
    }

    private static List<Integer> union(List<Integer> a, List<Integer> b) {
        TreeSet<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
