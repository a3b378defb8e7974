package ipcbench.gate;

import java.util.Comparator;

/** One benchmark: mechanism × payload size × placement, the key of a comparison row besides its metric. */
public record RowKey(String mechanism, int payloadBytes, String placement) {
    static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::mechanism)
            .thenComparing(RowKey::placement).thenComparingInt(RowKey::payloadBytes);
}
