package ipcbench.gate;

import ipcbench.results.RunLayout;

import java.util.Comparator;

/**
 * One benchmark: mechanism × payload size × placement × wait strategy × peers, the key of a comparison row besides
 * its metric. A run without the wait column reads as {@code block}, one without peers as {@code jvm-jvm}, so it
 * compares with a blocking jvm-jvm run of today.
 */
public record RowKey(String mechanism, int payloadBytes, String placement, String waitStrategy, String peers) {
    static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::mechanism)
            .thenComparing(RowKey::placement).thenComparing(RowKey::waitStrategy).thenComparing(RowKey::peers)
            .thenComparingInt(RowKey::payloadBytes);

    /** A jvm-jvm benchmark's key. */
    public RowKey(String mechanism, int payloadBytes, String placement, String waitStrategy) {
        this(mechanism, payloadBytes, placement, waitStrategy, RunLayout.DEFAULT_PEERS);
    }

    /** A blocking jvm-jvm benchmark's key. */
    public RowKey(String mechanism, int payloadBytes, String placement) {
        this(mechanism, payloadBytes, placement, RunLayout.DEFAULT_WAIT);
    }

    /**
     * The placement as tables show it: {@code cross}, or {@code cross/spin} for a strategy other than block, then
     * {@code /native-native} for peers other than jvm-jvm.
     */
    public String placementShown() {
        String shown = waitStrategy.equals(RunLayout.DEFAULT_WAIT) ? placement : placement + "/" + waitStrategy;
        return peers.equals(RunLayout.DEFAULT_PEERS) ? shown : shown + "/" + peers;
    }
}
