package ipcbench.os;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins the calling thread, not the whole process, through sched_setaffinity(2): only the thread that sits in the
 * measured loop decides where a round trip's wake-up lands.
 */
public final class CpuAffinity {
    /** 1024 CPUs, glibc's CPU_SETSIZE. */
    private static final int MASK_WORDS = 16;

    private CpuAffinity() {
    }

    /** The CPUs the calling thread may run on, in ascending order (at start-up: the process's CPU set). */
    public static List<Integer> allowedCpus() throws IOException {
        long[] mask = new long[MASK_WORDS];
        Native.check(LibC.INSTANCE.sched_getaffinity(0, MASK_WORDS * 8L, mask), "sched_getaffinity", null);
        List<Integer> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < MASK_WORDS * 64; cpu++) {
            if ((mask[cpu >>> 6] & (1L << (cpu & 63))) != 0) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /** Restricts the calling thread to {@code cpu}. */
    public static void pinCurrentThread(int cpu) throws IOException {
        if (cpu < 0 || cpu >= MASK_WORDS * 64) {
            throw new IllegalArgumentException("CPU " + cpu + " is out of range");
        }
        long[] mask = new long[MASK_WORDS];
        mask[cpu >>> 6] = 1L << (cpu & 63);
        Native.check(LibC.INSTANCE.sched_setaffinity(0, MASK_WORDS * 8L, mask), "sched_setaffinity(cpu " + cpu + ")",
                "is the CPU online and in this process's cpuset?");
    }
}
