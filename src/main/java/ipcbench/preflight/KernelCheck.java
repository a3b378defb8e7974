package ipcbench.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kernel features that change what an IPC operation costs: Linux security modules hook every socket send and
 * receive (SELinux enforcing checks policy on each; an AppArmor profile confining this process mediates its
 * sockets), and a PREEMPT_RT kernel schedules wake-ups differently from a generic one.
 */
final class KernelCheck {
    private KernelCheck() {
    }

    static Finding securityModules(HostRoot host) {
        List<String> parts = new ArrayList<>();
        parts.add("lsm " + host.text("/sys/kernel/security/lsm").orElse("not visible"));
        String warning = null;
        Optional<String> apparmor = host.text("/sys/module/apparmor/parameters/enabled");
        if (apparmor.isPresent() && apparmor.get().startsWith("Y")) {
            String profile = host.text("/proc/self/attr/apparmor/current")
                    .or(() -> host.text("/proc/self/attr/current")).orElse("unconfined");
            if (profile.equals("unconfined")) {
                parts.add("AppArmor enabled, this process unconfined");
            } else {
                parts.add("AppArmor enabled, this process confined by " + profile);
                warning = "this process runs under the AppArmor profile " + profile + ", which mediates its sockets "
                        + "and files; run unconfined to measure the mechanisms alone";
            }
        } else {
            parts.add("AppArmor " + (apparmor.isPresent() ? "disabled" : "absent"));
        }
        Optional<String> enforce = host.text("/sys/fs/selinux/enforce");
        if (enforce.isEmpty()) {
            parts.add("SELinux absent");
        } else if (enforce.get().equals("1")) {
            parts.add("SELinux enforcing");
            warning = "SELinux is enforcing: every socket send and receive passes a policy check, which adds to the "
                    + "Unix-socket and TCP mechanisms; compare only with hosts in the same mode";
        } else {
            parts.add("SELinux permissive");
        }
        return Finding.of("lsm", String.join("; ", parts), warning);
    }

    /** /sys/kernel/realtime, else the preemption model named in /proc/version (the text of {@code uname -v}). */
    static Finding realtime(HostRoot host) {
        String version = host.text("/proc/version").orElse("");
        boolean realtime = host.text("/sys/kernel/realtime").orElse("0").equals("1") || version.contains("PREEMPT_RT");
        String model = List.of("PREEMPT_RT", "PREEMPT_DYNAMIC", "PREEMPT").stream()
                .filter(m -> version.matches("(?s).*\\b" + m + "\\b.*")).findFirst().orElse("no preemption model named");
        return Finding.fact("realtime-kernel", realtime
                ? "yes, PREEMPT_RT: compare only with runs on real-time kernels"
                : "no (" + model + ")");
    }
}
