package ipcbench.preflight;

import java.util.Optional;

/**
 * How the two pinned CPUs relate: hyper-thread siblings share one core (its caches and execution units), separate
 * cores of one socket share the last-level cache, CPUs on other sockets talk over the interconnect. The same
 * placement "cross" means different things on each, so the relation is recorded with the CPUs.
 */
final class CpuRelationCheck {
    private CpuRelationCheck() {
    }

    static Finding of(HostRoot host, Pins pins) {
        int a = pins.clientCpu();
        int b = pins.serverCpu();
        if (!pins.pinned()) {
            return Finding.fact("cpu-relation", "not pinned (the scheduler places both sides)");
        }
        String cpus = "client CPU " + a + ", echo CPU " + b + ": ";
        if (a == b) {
            return Finding.fact("cpu-relation", cpus + "one CPU");
        }
        Optional<String> siblings = host.text(topology(a, "thread_siblings_list"));
        Optional<String> packageA = host.text(topology(a, "physical_package_id"));
        Optional<String> packageB = host.text(topology(b, "physical_package_id"));
        if (siblings.isEmpty() || packageA.isEmpty() || packageB.isEmpty()) {
            return Finding.fact("cpu-relation", cpus + "unknown (topology not visible in /sys)");
        }
        if (!packageA.get().equals(packageB.get())) {
            return Finding.of("cpu-relation", cpus + "other sockets (" + packageA.get() + " and " + packageB.get() + ")",
                    "the client and echo CPUs are on different sockets: every hand-off crosses the interconnect; "
                            + "run under 'taskset -c' with two CPUs of one socket unless that is what you measure");
        }
        if (CpuList.parse(siblings.get()).contains(b)) {
            return Finding.of("cpu-relation", cpus + "hyper-thread siblings of one core (socket " + packageA.get() + ")",
                    "the client and echo CPUs are hyper-thread siblings sharing one core: cross numbers come out "
                            + "better than across cores; run under 'taskset -c' with CPUs of separate cores unless "
                            + "that is what you measure");
        }
        return Finding.fact("cpu-relation", cpus + "separate cores of socket " + packageA.get());
    }

    private static String topology(int cpu, String file) {
        return FrequencyCheck.CPU_DIR + "/cpu" + cpu + "/topology/" + file;
    }
}
