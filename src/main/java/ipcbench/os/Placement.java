package ipcbench.os;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Where the client's measuring thread and the child's echo thread run. On a small VM this decides the result: a
 * blocking round trip on one CPU costs a context switch, across CPUs it also wakes a halted vCPU. Results are
 * only comparable at the same placement.
 */
public enum Placement {
    /** Client and echo thread each pinned to its own CPU: the two highest CPUs this process may use. */
    CROSS,
    /** Both pinned to the highest CPU this process may use. */
    SAME,
    /** Neither pinned: the scheduler's choice, which mixes the two cases above. */
    NONE;

    /** The CPUs one trial uses; -1 means not pinned. */
    public record Cpus(int clientCpu, int serverCpu) {
    }

    /** The lower-case id used on the command line and in results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Placement parse(String id) {
        for (Placement placement : values()) {
            if (placement.id().equals(id)) {
                return placement;
            }
        }
        throw new IllegalArgumentException("unknown placement '" + id + "'; use cross, same or none");
    }

    /** The default: cross when the process may use two CPUs, else same. */
    public static Placement defaultFor(int allowedCpus) {
        return allowedCpus >= 2 ? CROSS : SAME;
    }

    public Cpus cpus() throws IOException {
        List<Integer> allowed = ProcessCpus.allowed();
        int last = allowed.get(allowed.size() - 1);
        return switch (this) {
            case CROSS -> {
                if (allowed.size() < 2) {
                    throw new IOException("placement cross needs two CPUs, but this process may use only CPU " + last);
                }
                yield new Cpus(allowed.get(allowed.size() - 2), last);
            }
            case SAME -> new Cpus(last, last);
            case NONE -> new Cpus(-1, -1);
        };
    }

    /** The CPU set as this process started, read before any thread of it is pinned. */
    private static final class ProcessCpus {
        private static List<Integer> cached;

        static synchronized List<Integer> allowed() throws IOException {
            if (cached == null) {
                cached = List.copyOf(CpuAffinity.allowedCpus());
            }
            return cached;
        }
    }
}
