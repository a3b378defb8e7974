package ipcbench.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether this is a virtual machine, and how much CPU time the hypervisor took away during a short sample (steal).
 * A VM is a fact; steal is the distortion: a vCPU that is not running cannot answer a round trip.
 */
final class VirtualisationCheck {
    /** Steal above this share of CPU time during the sample gives a warning. */
    static final double STEAL_WARN_PERCENT = 2.0;

    private VirtualisationCheck() {
    }

    static Finding hypervisor(HostRoot host) {
        List<String> evidence = new ArrayList<>();
        for (String line : host.text("/proc/cpuinfo").orElse("").split("\n")) {
            if (line.startsWith("flags") && List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                    .contains("hypervisor")) {
                evidence.add("cpuinfo flag hypervisor");
                break;
            }
        }
        host.text("/sys/hypervisor/type").ifPresent(type -> evidence.add("/sys/hypervisor/type " + type));
        String vendor = host.text("/sys/class/dmi/id/sys_vendor").orElse("");
        String product = host.text("/sys/class/dmi/id/product_name").orElse("");
        String dmi = (vendor + " " + product).trim();
        if (evidence.isEmpty()) {
            return Finding.fact("hypervisor", "none seen (bare metal)" + (dmi.isEmpty() ? "" : "; DMI " + dmi));
        }
        return Finding.fact("hypervisor", "virtual machine (" + String.join(", ", evidence) + ")"
                + (dmi.isEmpty() ? "" : "; DMI " + dmi));
    }

    static Finding steal(Activity before, Activity after) {
        long total = after.totalTicks() - before.totalTicks();
        long steal = after.stealTicks() - before.stealTicks();
        if (total <= 0) {
            return Finding.fact("steal", "unknown (no CPU ticks in /proc/stat during the sample)");
        }
        double percent = 100.0 * steal / total;
        String value = String.format(Locale.ROOT, "%.1f%% of CPU time (%d of %d ticks of all CPUs during the sample)",
                percent, steal, total);
        String warning = percent <= STEAL_WARN_PERCENT ? null : String.format(Locale.ROOT,
                "steal time %.1f%% (above %.0f%%): the hypervisor ran other work on these vCPUs, which stalls round "
                        + "trips; measure when the host is quiet or on dedicated vCPUs", percent, STEAL_WARN_PERCENT);
        return Finding.of("steal", value, warning);
    }
}
