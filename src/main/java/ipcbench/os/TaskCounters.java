package ipcbench.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's accounting of one thread (a task), or of a whole process, at one instant, read from {@code /proc}:
 * run time in ns from {@code schedstat} (exact), user and system time in clock ticks from {@code stat} (1/100 s:
 * used only to split the run time), voluntary and involuntary context switches from {@code status} (exact), and
 * migrations from {@code sched} ({@code se.nr_migrations}; -1 when the kernel lacks {@code CONFIG_SCHED_DEBUG}).
 * Read at iteration boundaries only: each read opens files and allocates.
 */
public record TaskCounters(long runNs, long userTicks, long sysTicks, long voluntarySwitches,
                           long involuntarySwitches, long migrations) {
    public static final TaskCounters ZERO = new TaskCounters(0, 0, 0, 0, 0, 0);

    private static final Path SELF_TASKS = Path.of("/proc/self/task");

    /** The calling thread's counters. */
    public static TaskCounters currentThread() throws IOException {
        return read(Path.of("/proc/thread-self"));
    }

    /** The task directory of the calling thread, {@code /proc/<pid>/task/<tid>}, for another thread to read. */
    public static Path currentTaskDir() throws IOException {
        return Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self")));
    }

    /** The counters of the task in {@code taskDir}. */
    public static TaskCounters read(Path taskDir) throws IOException {
        String[] schedstat = Files.readString(taskDir.resolve("schedstat"), StandardCharsets.US_ASCII).trim()
                .split("\\s+");
        String stat = Files.readString(taskDir.resolve("stat"), StandardCharsets.US_ASCII);
        // fields after "(comm) ": state is field 3, utime field 14, stime field 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long voluntary = -1;
        long involuntary = -1;
        for (String line : Files.readAllLines(taskDir.resolve("status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new TaskCounters(Long.parseLong(schedstat[0]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                voluntary, involuntary, migrations(taskDir));
    }

    private static long migrations(Path taskDir) {
        try {
            for (String line : Files.readAllLines(taskDir.resolve("sched"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("se.nr_migrations")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException noSchedDebug) {
            // without CONFIG_SCHED_DEBUG there is no sched file: migrations are unknown
        }
        return -1;
    }

    public TaskCounters plus(TaskCounters other) {
        return new TaskCounters(runNs + other.runNs, userTicks + other.userTicks, sysTicks + other.sysTicks,
                voluntarySwitches + other.voluntarySwitches, involuntarySwitches + other.involuntarySwitches,
                migrations < 0 || other.migrations < 0 ? -1 : migrations + other.migrations);
    }

    public TaskCounters minus(TaskCounters earlier) {
        return new TaskCounters(runNs - earlier.runNs, userTicks - earlier.userTicks, sysTicks - earlier.sysTicks,
                voluntarySwitches - earlier.voluntarySwitches, involuntarySwitches - earlier.involuntarySwitches,
                migrations < 0 || earlier.migrations < 0 ? -1 : migrations - earlier.migrations);
    }

    /** The same counters as one line of numbers, for the echo server's control channel. */
    public String toLine() {
        return runNs + " " + userTicks + " " + sysTicks + " " + voluntarySwitches + " " + involuntarySwitches + " "
                + migrations;
    }

    /** The inverse of {@link #toLine}, from six numbers starting at {@code from}. */
    public static TaskCounters parse(String[] numbers, int from) {
        return new TaskCounters(Long.parseLong(numbers[from]), Long.parseLong(numbers[from + 1]),
                Long.parseLong(numbers[from + 2]), Long.parseLong(numbers[from + 3]), Long.parseLong(numbers[from + 4]),
                Long.parseLong(numbers[from + 5]));
    }

    /**
     * This process's counters: the sum over its threads, each thread counted at the last value it was seen with, so
     * the total never falls when a thread exits (a JIT compiler thread ends when idle); what an exited thread did
     * after its last sample is missed. Migrations are not summed (they matter for the hot thread only).
     */
    public static final class Process {
        private final Map<Long, TaskCounters> lastSeen = new HashMap<>();

        public synchronized TaskCounters sample() throws IOException {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(SELF_TASKS)) {
                for (Path task : tasks) {
                    try {
                        TaskCounters counters = read(task);
                        lastSeen.put(Long.parseLong(task.getFileName().toString()),
                                new TaskCounters(counters.runNs, counters.userTicks, counters.sysTicks,
                                        counters.voluntarySwitches, counters.involuntarySwitches, -1));
                    } catch (IOException | RuntimeException exited) {
                        // the thread ended between the listing and the read: its last sample stands
                    }
                }
            }
            TaskCounters total = new TaskCounters(0, 0, 0, 0, 0, -1);
            for (TaskCounters counters : lastSeen.values()) {
                total = total.plus(counters);
            }
            return total;
        }
    }
}
