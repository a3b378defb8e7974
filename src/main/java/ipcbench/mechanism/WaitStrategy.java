package ipcbench.mechanism;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a receiving side waits for the next message: {@link #BLOCK} sleeps in the kernel until data arrives (a
 * wake-up per message), {@link #SPIN} polls without sleeping (a busy CPU per waiting side). Recorded with every
 * result, because it decides both the latency and the CPU a mechanism costs.
 */
public enum WaitStrategy {
    BLOCK, SPIN;

    /** The id used in CSV files: {@code block} or {@code spin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy with this id; {@link IllegalArgumentException} naming the choices otherwise. */
    public static WaitStrategy parse(String id) {
        for (WaitStrategy wait : values()) {
            if (wait.id().equals(id)) {
                return wait;
            }
        }
        throw new IllegalArgumentException("unknown wait strategy '" + id + "'; use block or spin");
    }

    /** {@code block,spin}: the ids of {@code waits}, comma-separated. */
    public static String ids(List<WaitStrategy> waits) {
        return waits.stream().map(WaitStrategy::id).collect(Collectors.joining(","));
    }
}
