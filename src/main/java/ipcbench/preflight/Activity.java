package ipcbench.preflight;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of what the CPUs and processes have done so far: the ticks of /proc/stat's "cpu" line (all CPUs) and
 * each process's user + system ticks from /proc/PID/stat. Two readings a second apart give steal time and the busy
 * processes; their tick delta per CPU is the elapsed time, so no clock-tick rate is assumed.
 *
 * @param totalTicks user..steal of all CPUs (guest time is already inside user)
 * @param stealTicks time the hypervisor ran something else while a vCPU wanted to run
 * @param cpuCount   the per-CPU "cpuN" lines, i.e. online CPUs
 * @param processes  pid → name and user + system ticks
 */
record Activity(long totalTicks, long stealTicks, int cpuCount, Map<Long, ProcessTicks> processes) {

    record ProcessTicks(String name, long ticks) {
    }

    static Activity read(HostRoot host) {
        long total = 0;
        long steal = 0;
        int cpus = 0;
        for (String line : host.text("/proc/stat").orElse("").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    total += number(f[i]);
                }
                steal = f.length > 8 ? number(f[8]) : 0;
            } else if (f[0].matches("cpu\\d+")) {
                cpus++;
            }
        }
        Map<Long, ProcessTicks> processes = new HashMap<>();
        for (long pid : host.pids()) {
            stat(host, pid).ifPresent(stat -> processes.put(pid, new ProcessTicks(stat.name(), stat.ticks())));
        }
        return new Activity(total, steal, cpus, processes);
    }

    /** The fields of /proc/PID/stat this needs. */
    record ProcStat(String name, long parentPid, long ticks) {
    }

    static Optional<ProcStat> stat(HostRoot host, long pid) {
        Optional<byte[]> raw = host.bytes("/proc/" + pid + "/stat");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String text = new String(raw.get(), StandardCharsets.UTF_8);
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String[] f = text.substring(close + 1).trim().split("\\s+");
        if (f.length < 13) {
            return Optional.empty();
        }
        // after the name: state(3) ppid(4) ... utime(14) stime(15), so field n is f[n - 3]
        return Optional.of(new ProcStat(text.substring(open + 1, close), number(f[1]), number(f[11]) + number(f[12])));
    }

    /** A counter; a field that is not one (a format this does not know) counts as 0. */
    private static long number(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
