package ipcbench.gate;

import ipcbench.results.RunLayout;

import java.util.Comparator;

/**
 * One benchmark: mechanism × payload size × placement × wait strategy, the key of a comparison row besides its
 * metric. A run without the wait column reads as {@code block}, so it compares with a blocking run of today.
 */
public record RowKey(String mechanism, int payloadBytes, String placement, String waitStrategy) {
    static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::mechanism)
            .thenComparing(RowKey::placement).thenComparing(RowKey::waitStrategy).thenComparingInt(RowKey::payloadBytes);

    /** A blocking benchmark's key. */
    public RowKey(String mechanism, int payloadBytes, String placement) {
        this(mechanism, payloadBytes, placement, RunLayout.DEFAULT_WAIT);
    }

    /** The placement as tables show it: {@code cross}, or {@code cross/spin} for a strategy other than block. */
    public String placementShown() {
        return waitStrategy.equals(RunLayout.DEFAULT_WAIT) ? placement : placement + "/" + waitStrategy;
    }
}
