package ipcbench.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU bandwidth limit of this process's cgroup and its ancestors (v2 {@code cpu.max}, v1 {@code cpu.cfs_quota_us}
 * / {@code cpu.cfs_period_us}), found through /proc/self/cgroup. A group that spends its quota is stopped until the
 * next period: pauses of milliseconds in the tail that belong to the container, not to the mechanism.
 */
final class CgroupQuotaCheck {
    private static final String CGROUP_FS = "/sys/fs/cgroup";

    private CgroupQuotaCheck() {
    }

    /** The tightest limit on the way from the group to the root. */
    private record Quota(long quotaUs, long periodUs, String where, String file) {
        double cpus() {
            return (double) quotaUs / periodUs;
        }
    }

    static Finding of(HostRoot host, int allowedCpus) {
        String v1Path = null;
        String v1Controllers = null;
        String v2Path = null;
        for (String line : host.text("/proc/self/cgroup").orElse("").split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2];
            } else if (List.of(f[1].split(",")).contains("cpu")) {
                v1Controllers = f[1];
                v1Path = f[2];
            }
        }
        Quota quota;
        String version;
        if (v1Path != null) {
            version = "cgroup v1 " + v1Path;
            quota = v1(host, v1Controllers, v1Path);
        } else if (v2Path != null) {
            version = "cgroup v2 " + v2Path;
            quota = v2(host, v2Path);
        } else {
            return Finding.fact("cgroup-quota", "not visible (no /proc/self/cgroup)");
        }
        if (quota == null) {
            return Finding.fact("cgroup-quota", "none (" + version + ")");
        }
        String value = String.format(Locale.ROOT, "%.2f CPUs (%s: %s %d/%d us at %s)", quota.cpus(), version,
                quota.file(), quota.quotaUs(), quota.periodUs(), quota.where());
        String warning = quota.cpus() >= allowedCpus ? null : String.format(Locale.ROOT,
                "cgroup CPU quota of %.2f CPUs is below the %d CPUs this process may use: once the group spends it, "
                        + "it is stopped for the rest of each %d ms period, which adds pauses to the tail; raise or "
                        + "remove the quota", quota.cpus(), allowedCpus, quota.periodUs() / 1000);
        return Finding.of("cgroup-quota", value, warning);
    }

    private static Quota v2(HostRoot host, String path) {
        String base = host.exists(CGROUP_FS + "/cgroup.controllers") ? CGROUP_FS : CGROUP_FS + "/unified";
        Quota tightest = null;
        for (String group : upwards(host, base, path)) {
            String[] max = host.text(base + group + "/cpu.max").orElse("max").split("\\s+");
            if (!max[0].equals("max") && max.length == 2) {
                tightest = tighter(tightest, new Quota(Long.parseLong(max[0]), Long.parseLong(max[1]),
                        group.isEmpty() ? "/" : group, "cpu.max"));
            }
        }
        return tightest;
    }

    private static Quota v1(HostRoot host, String controllers, String path) {
        String base = null;
        for (String candidate : List.of(controllers, "cpu", "cpu,cpuacct", "cpuacct,cpu")) {
            if (host.exists(CGROUP_FS + "/" + candidate + "/cpu.cfs_quota_us")) {
                base = CGROUP_FS + "/" + candidate;
                break;
            }
        }
        if (base == null) {
            return null;
        }
        Quota tightest = null;
        for (String group : upwards(host, base, path)) {
            long quota = Long.parseLong(host.text(base + group + "/cpu.cfs_quota_us").orElse("-1"));
            long period = Long.parseLong(host.text(base + group + "/cpu.cfs_period_us").orElse("0"));
            if (quota > 0 && period > 0) {
                tightest = tighter(tightest, new Quota(quota, period, group.isEmpty() ? "/" : group,
                        "cpu.cfs_quota_us/cpu.cfs_period_us"));
            }
        }
        return tightest;
    }

    /** The group's directory and its ancestors up to the mount root ("" = root), those that are visible. */
    private static List<String> upwards(HostRoot host, String base, String path) {
        List<String> groups = new ArrayList<>();
        String group = path.equals("/") ? "" : path;
        while (true) {
            if (host.exists(base + group)) {
                groups.add(group);
            }
            if (group.isEmpty()) {
                return groups;
            }
            group = group.substring(0, group.lastIndexOf('/'));
        }
    }

    private static Quota tighter(Quota a, Quota b) {
        return a == null || b.cpus() < a.cpus() ? b : a;
    }
}
