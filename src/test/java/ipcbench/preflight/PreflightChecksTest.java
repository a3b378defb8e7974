package ipcbench.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every check over recorded /proc and /sys trees of the hosts it must tell apart. */
class PreflightChecksTest {
    private static final NanoTimeCost COST = new NanoTimeCost(27.0, 26.5, 28.0, 5, 1_000_000);
    private static final Pins CROSS_0_1 = new Pins(0, 1);
    private static final String CPU = "/sys/devices/system/cpu";

    @TempDir
    Path tmp;

    private FakeHost host(String name) {
        return new FakeHost(tmp.resolve(name));
    }

    /** A 2-vCPU KVM guest: kvm-clock, no cpufreq, QEMU in DMI, 5% steal over the sample. */
    private FakeHost kvmGuest(String name, long totalTicks, long stealTicks) {
        return host(name)
                .file(ClockCheck.CLOCKSOURCE, "kvm-clock\n")
                .file(ClockCheck.AVAILABLE, "kvm-clock tsc hpet acpi_pm \n")
                .file("/proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm\n\n"
                        + "processor\t: 1\nflags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm\n")
                .file("/sys/class/dmi/id/sys_vendor", "QEMU\n")
                .file("/sys/class/dmi/id/product_name", "Standard PC (i440FX + PIIX, 1996)\n")
                .file(CPU + "/cpu0/topology/thread_siblings_list", "0\n")
                .file(CPU + "/cpu1/topology/thread_siblings_list", "1\n")
                .file(CPU + "/cpu0/topology/physical_package_id", "0\n")
                .file(CPU + "/cpu1/topology/physical_package_id", "0\n")
                .file("/proc/self/cgroup", "0::/\n")
                .file("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
                .file("/sys/fs/cgroup/cpu.max", "max 100000\n")
                .file("/sys/devices/system/cpu/isolated", "\n")
                .file("/proc/cmdline", "console=ttyS0 quiet\n")
                .file("/proc/loadavg", "0.10 0.20 0.30 1/200 4321\n")
                .file("/proc/version", "Linux version 6.1.0 (gcc) #1 SMP PREEMPT_DYNAMIC Debian 6.1.0\n")
                .procStat(2, totalTicks, stealTicks)
                .process(1, "init", 0, 10);
    }

    /** A bare-metal host: tsc, performance governor, intel_pstate turbo on. */
    private FakeHost bareMetal(String name) {
        FakeHost host = host(name)
                .file(ClockCheck.CLOCKSOURCE, "tsc\n")
                .file(ClockCheck.AVAILABLE, "tsc hpet acpi_pm\n")
                .file("/proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr lahf_lm\n")
                .file("/sys/class/dmi/id/sys_vendor", "Dell Inc.\n")
                .file("/sys/class/dmi/id/product_name", "PowerEdge R640\n")
                .file(FrequencyCheck.NO_TURBO, "0\n")
                .procStat(4, 10_000, 0);
        for (int cpu = 0; cpu < 4; cpu++) {
            host.file(CPU + "/cpu" + cpu + "/cpufreq/scaling_governor", "performance\n");
        }
        return host;
    }

    @Test
    void kvmGuestWithKvmClockAndStealWarnsOnBoth() {
        FakeHost before = kvmGuest("before", 10_000, 100);
        FakeHost after = kvmGuest("after", 10_200, 110);
        Activity a = Activity.read(before.host());
        Activity b = Activity.read(after.host());

        Finding clock = ClockCheck.clocksource(after.host(), COST);
        assertTrue(clock.value().startsWith("kvm-clock"), clock.value());
        assertNotNull(clock.warning());
        assertTrue(clock.warning().contains("27.0 ns") && clock.warning().contains("echo tsc >"), clock.warning());

        Finding hypervisor = VirtualisationCheck.hypervisor(after.host());
        assertTrue(hypervisor.value().contains("virtual machine") && hypervisor.value().contains("QEMU"),
                hypervisor.value());
        assertNull(hypervisor.warning());

        Finding steal = VirtualisationCheck.steal(a, b);
        assertTrue(steal.value().startsWith("5.0% of CPU time (10 of 200 ticks"), steal.value());
        assertNotNull(steal.warning());

        Finding governor = FrequencyCheck.governor(after.host(), CROSS_0_1);
        assertTrue(governor.value().startsWith("not visible"), governor.value());
        assertNull(governor.warning(), "an invisible governor is a fact, not a warning");
        assertEquals("not visible", FrequencyCheck.turbo(after.host()).value());
    }

    @Test
    void stealAtOrBelowTwoPercentIsOnlyAFact() {
        Finding steal = VirtualisationCheck.steal(Activity.read(kvmGuest("before", 10_000, 100).host()),
                Activity.read(kvmGuest("after", 10_200, 104).host()));
        assertTrue(steal.value().startsWith("2.0%"), steal.value());
        assertNull(steal.warning());
    }

    @Test
    void bareMetalWithTscAndPerformanceGovernorIsClean() {
        HostRoot host = bareMetal("metal").host();
        Finding clock = ClockCheck.clocksource(host, COST);
        assertEquals("tsc (available: tsc hpet acpi_pm)", clock.value());
        assertNull(clock.warning());
        Finding governor = FrequencyCheck.governor(host, CROSS_0_1);
        assertEquals("performance (CPU 0-3)", governor.value());
        assertNull(governor.warning());
        assertEquals("intel_pstate turbo on (no_turbo=0)", FrequencyCheck.turbo(host).value());
        Finding hypervisor = VirtualisationCheck.hypervisor(host);
        assertTrue(hypervisor.value().startsWith("none seen (bare metal); DMI Dell Inc. PowerEdge R640"),
                hypervisor.value());
    }

    @Test
    void powersaveOnAPinnedCpuWarnsAndOnAnUnusedCpuDoesNot() {
        FakeHost metal = bareMetal("metal").file(CPU + "/cpu3/cpufreq/scaling_governor", "powersave\n")
                .file(FrequencyCheck.BOOST, "0\n");
        Finding pinnedElsewhere = FrequencyCheck.governor(metal.host(), CROSS_0_1);
        assertEquals("performance (CPU 0-2), powersave (CPU 3)", pinnedElsewhere.value());
        assertNull(pinnedElsewhere.warning());
        Finding pinnedThere = FrequencyCheck.governor(metal.host(), new Pins(2, 3));
        assertNotNull(pinnedThere.warning());
        assertTrue(pinnedThere.warning().startsWith("CPU 3 run a load-following"), pinnedThere.warning());
        assertNotNull(FrequencyCheck.governor(metal.host(), new Pins(-1, -1)).warning(),
                "unpinned threads may land on any CPU");
        assertTrue(FrequencyCheck.turbo(metal.host()).value().contains("cpufreq boost off (boost=0)"));
    }

    /** Eight CPUs on two sockets of two cores with two threads each: CPU n and n+4 are siblings. */
    private HostRoot twoSockets() {
        FakeHost host = host("numa");
        for (int cpu = 0; cpu < 8; cpu++) {
            int core = cpu % 4;
            host.file(CPU + "/cpu" + cpu + "/topology/thread_siblings_list", core + "," + (core + 4) + "\n")
                    .file(CPU + "/cpu" + cpu + "/topology/physical_package_id", (core / 2) + "\n");
        }
        return host.host();
    }

    @Test
    void cpuRelationTellsSiblingsCoresAndSockets() {
        HostRoot host = twoSockets();
        Finding siblings = CpuRelationCheck.of(host, new Pins(1, 5));
        assertTrue(siblings.value().endsWith("hyper-thread siblings of one core (socket 0)"), siblings.value());
        assertNotNull(siblings.warning());
        Finding cores = CpuRelationCheck.of(host, new Pins(0, 1));
        assertEquals("client CPU 0, echo CPU 1: separate cores of socket 0", cores.value());
        assertNull(cores.warning());
        Finding sockets = CpuRelationCheck.of(host, new Pins(1, 2));
        assertTrue(sockets.value().endsWith("other sockets (0 and 1)"), sockets.value());
        assertTrue(sockets.warning().contains("different sockets"), sockets.warning());
        assertTrue(CpuRelationCheck.of(host, new Pins(3, 3)).value().endsWith("one CPU"));
        assertTrue(CpuRelationCheck.of(host, new Pins(-1, -1)).value().startsWith("not pinned"));
        assertTrue(CpuRelationCheck.of(host("empty").host(), CROSS_0_1).value().contains("unknown"));
    }

    @Test
    void cgroupV2QuotaIsTheTightestOnTheWayToTheRoot() {
        FakeHost host = host("v2").file("/proc/self/cgroup", "0::/machine.slice/bench.scope\n")
                .file("/sys/fs/cgroup/cgroup.controllers", "cpu\n")
                .file("/sys/fs/cgroup/machine.slice/cpu.max", "150000 100000\n")
                .file("/sys/fs/cgroup/machine.slice/bench.scope/cpu.max", "max 100000\n");
        Finding quota = CgroupQuotaCheck.of(host.host(), 4);
        assertEquals("1.50 CPUs (cgroup v2 /machine.slice/bench.scope: cpu.max 150000/100000 us at /machine.slice)",
                quota.value());
        assertTrue(quota.warning().contains("below the 4 CPUs") && quota.warning().contains("100 ms"),
                quota.warning());
        assertNull(CgroupQuotaCheck.of(host.host(), 1).warning(), "a quota of 1.5 CPUs cannot throttle one CPU");
    }

    @Test
    void cgroupV1QuotaIsFoundThroughTheCpuController() {
        FakeHost host = host("v1").file("/proc/self/cgroup", "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n"
                        + "0::/\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        Finding quota = CgroupQuotaCheck.of(host.host(), 2);
        assertTrue(quota.value().startsWith("0.50 CPUs (cgroup v1 /docker/abc: cpu.cfs_quota_us/cpu.cfs_period_us"),
                quota.value());
        assertNotNull(quota.warning());

        FakeHost none = host("v1-none").file("/proc/self/cgroup", "1:cpu:/\n0::/\n")
                .file("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n")
                .file("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
        Finding unlimited = CgroupQuotaCheck.of(none.host(), 2);
        assertEquals("none (cgroup v1 /)", unlimited.value());
        assertNull(unlimited.warning());
    }

    @Test
    void isolatedCpusFromTheCommandLineWarnWhenTheRunLeavesThemUnused() {
        FakeHost host = host("isol").file("/sys/devices/system/cpu/isolated", "2-3\n")
                .file("/sys/devices/system/cpu/nohz_full", "(null)\n")
                .file("/proc/cmdline", "BOOT_IMAGE=/vmlinuz isolcpus=domain,managed_irq,2-3 nohz_full=2,3 quiet\n");
        Finding unused = IsolationCheck.of(host.host(), CROSS_0_1);
        assertEquals("isolated 2-3, nohz_full 2-3 (kernel command line: isolcpus=domain,managed_irq,2-3 "
                + "nohz_full=2,3)", unused.value());
        assertTrue(unused.warning().contains("taskset -c 2-3"), unused.warning());
        assertNull(IsolationCheck.of(host.host(), new Pins(2, 3)).warning());
        Finding none = IsolationCheck.of(host("plain").file("/proc/cmdline", "quiet\n").host(), CROSS_0_1);
        assertEquals("isolated none, nohz_full none", none.value());
        assertNull(none.warning());
    }

    @Test
    void selinuxEnforcingWarnsAndAppArmorUnconfinedDoesNot() {
        FakeHost selinux = host("selinux").file("/sys/kernel/security/lsm", "lockdown,capability,yama,selinux\n")
                .file("/sys/fs/selinux/enforce", "1");
        Finding enforcing = KernelCheck.securityModules(selinux.host());
        assertEquals("lsm lockdown,capability,yama,selinux; AppArmor absent; SELinux enforcing", enforcing.value());
        assertTrue(enforcing.warning().startsWith("SELinux is enforcing"), enforcing.warning());

        FakeHost apparmor = host("apparmor").file("/sys/kernel/security/lsm", "lockdown,capability,apparmor\n")
                .file("/sys/module/apparmor/parameters/enabled", "Y\n")
                .file("/proc/self/attr/apparmor/current", "unconfined\n");
        Finding unconfined = KernelCheck.securityModules(apparmor.host());
        assertTrue(unconfined.value().contains("AppArmor enabled, this process unconfined"), unconfined.value());
        assertNull(unconfined.warning());
        apparmor.file("/proc/self/attr/apparmor/current", "docker-default (enforce)\n");
        assertTrue(KernelCheck.securityModules(apparmor.host()).warning().contains("docker-default (enforce)"));
    }

    @Test
    void realtimeKernelIsRecognisedFromSysOrVersion() {
        assertTrue(KernelCheck.realtime(host("rt").file("/sys/kernel/realtime", "1\n").host()).value()
                .startsWith("yes, PREEMPT_RT"));
        assertTrue(KernelCheck.realtime(host("rt-version")
                .file("/proc/version", "Linux version 6.6.0-rt (gcc) #1 SMP PREEMPT_RT Thu\n").host()).value()
                .startsWith("yes"));
        assertEquals("no (PREEMPT_DYNAMIC)", KernelCheck.realtime(kvmGuest("generic", 1, 0).host()).value());
    }

    @Test
    void busyProcessesAreOthersAboveFivePercentOfACpu() {
        // 2 CPUs, 200 ticks: 100 ticks per CPU, one tick = 1% of a CPU
        FakeHost before = host("b").procStat(2, 10_000, 0).process(100, "java", 1, 1000).process(200, "self", 1, 0)
                .process(400, "idle one", 1, 7);
        FakeHost after = host("a").procStat(2, 10_200, 0).process(100, "java", 1, 1050).process(200, "self", 1, 100)
                .process(300, "my (odd) name", 1, 8).process(400, "idle one", 1, 9);
        Finding busy = LoadCheck.busyProcesses(Activity.read(before.host()), Activity.read(after.host()), 200);
        assertEquals("2 above 5% of a CPU: 100 java 50%, 300 my (odd) name 8% (one tick = 1.0% of a CPU)",
                busy.value());
        assertNotNull(busy.warning());

        FakeHost quiet = host("q").procStat(2, 10_200, 0).process(100, "java", 1, 1003).process(200, "self", 1, 100);
        Finding calm = LoadCheck.busyProcesses(Activity.read(before.host()), Activity.read(quiet.host()), 200);
        assertEquals("none above 5% of a CPU; the busiest: 100 java 3% (one tick = 1.0% of a CPU)", calm.value());
        assertNull(calm.warning());
    }

    @Test
    void otherIpcbenchRunsExcludeOurselvesAndOurAncestors() {
        FakeHost host = host("runs")
                .process(1, "init", 0, 0).cmdline(1, "/sbin/init")
                .process(10, "java", 1, 0).cmdline(10, "java", "-cp", "b.jar", "ipcbench.cli.Main", "doctor")
                .process(20, "java", 10, 0).cmdline(20, "java", "-cp", "b.jar", "ipcbench.cli.Main", "run")
                .process(30, "java", 1, 0).cmdline(30, "java", "-cp", "b.jar", "ipcbench.cli.Main", "--mechanisms",
                        "uds")
                .process(40, "java", 1, 0).cmdline(40, "java", "-jar", "other.jar", "ipcbench.cli.MainX");
        Finding runs = LoadCheck.otherRuns(host.host(), 20);
        assertEquals("pid 30 (--mechanisms uds)", runs.value());
        assertNotNull(runs.warning());
        Finding alone = LoadCheck.otherRuns(host.host(), 30);
        assertEquals("pid 10 (doctor), pid 20 (run)", alone.value(), "10 and 20 are not ancestors of 30");
        assertNull(LoadCheck.otherRuns(host("none").process(5, "java", 1, 0).host(), 5).warning());
    }

    @Test
    void loadAverageAboveTheOnlineCpusWarns() {
        FakeHost host = host("load").file("/proc/loadavg", "3.50 1.00 0.50 3/300 999\n");
        Finding busy = LoadCheck.loadAverage(host.host(), 2);
        assertEquals("3.50 1.00 0.50 (1, 5, 15 min) on 2 online CPUs", busy.value());
        assertNotNull(busy.warning());
        assertNull(LoadCheck.loadAverage(host.host(), 4).warning());
    }

    @Test
    void preflightOfAKvmGuestRunsEveryCheckInOrder() {
        Preflight preflight = Preflight.of(kvmGuest("after", 10_200, 110).host(),
                Activity.read(kvmGuest("before", 10_000, 100).host()),
                Activity.read(kvmGuest("after", 10_200, 110).host()), COST, CROSS_0_1, 2, 1);
        assertEquals(List.of("clocksource", "nanotime", "governor", "turbo", "hypervisor", "steal", "cpu-relation",
                        "cgroup-quota", "isolated-cpus", "loadavg", "busy-processes", "other-runs", "lsm",
                        "realtime-kernel"),
                preflight.findings().stream().map(Finding::id).toList());
        assertEquals(2, preflight.warnings().size(), String.join("\n", preflight.warnings()));
        assertTrue(preflight.warnings().get(0).startsWith("clocksource is kvm-clock"));
        assertTrue(preflight.warnings().get(1).startsWith("steal time 5.0%"));
        assertEquals("none (cgroup v2 /)", preflight.findings().get(7).value());
    }

    @Test
    void aFileInAnUnknownFormatMakesItsCheckUnreadableNotThePreflightFail() {
        FakeHost odd = kvmGuest("odd", 10_200, 110).file("/proc/loadavg", "busy\n")
                .file("/sys/fs/cgroup/cpu.max", "lots 100000\n");
        Activity activity = Activity.read(odd.host());
        Preflight preflight = Preflight.of(odd.host(), activity, activity, COST, CROSS_0_1, 2, 1);
        assertEquals(14, preflight.findings().size());
        assertTrue(preflight.findings().get(9).value().startsWith("unreadable (java.lang.NumberFormatException"),
                preflight.findings().get(9).value());
        assertTrue(preflight.findings().get(7).value().startsWith("unreadable"), preflight.findings().get(7).value());
        assertTrue(preflight.findings().get(5).value().startsWith("unknown (no CPU ticks"));
    }

    @Test
    void cpuListsParseAndFormatTheKernelsWay() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse("0-3,8,10-11\n"));
        assertEquals(List.of(2, 3), CpuList.parse("domain,managed_irq,2-3"));
        assertEquals(List.of(), CpuList.parse("(null)"));
        assertEquals("0-3,8,10-11", CpuList.format(List.of(11, 0, 1, 2, 3, 8, 10)));
    }

    @Test
    void nanoTimeCostIsMeasured() {
        NanoTimeCost cost = NanoTimeCost.measure();
        assertTrue(cost.minNs() > 0 && cost.minNs() <= cost.medianNs() && cost.medianNs() <= cost.maxNs(),
                cost.toString());
        assertTrue(ClockCheck.nanoTime(cost).value().contains("median of 5 rounds of 1,000,000 reads"));
    }
}
