package ipcbench.bench;

import ipcbench.mechanism.Payload;

import java.io.IOException;

/**
 * The order check of one open-loop point: which message an echo answers, from the sequence number stamped into its
 * first bytes ({@link Payload#stamp}; a payload under 8 bytes holds only the low bytes, so the arithmetic is modulo
 * 2^(8 × payload bytes)). Message {@code index} of the point carries {@code base + index}.
 *
 * <p>A lossless mechanism must echo every message once and in order: anything else is an error. A lossy one
 * ({@link ipcbench.mechanism.Mechanism#losesUnderLoad}) may skip messages: an echo ahead of the expected one counts
 * the messages in between as lost (echoes keep their order on loopback, so a skipped one never comes), and an echo
 * behind it — a late one, or a probe of an earlier point — is ignored. An echo at or beyond {@code total} is one of
 * the probes the sender adds after a lossy point's last message, and says that every message before it has arrived
 * or is lost. With a payload of one byte a run of over 127 lost messages cannot be told from a late echo.
 *
 * <p>A mechanism that may reorder echoes ({@link ipcbench.mechanism.Mechanism#reordersUnderLoad}: independent gRPC
 * calls) but loses none is checked within its in-flight window instead: each echo must answer a message of the window
 * that has not been answered yet; a bitmap over the window (allocated once) remembers which have been.
 */
final class EchoSequence {
    /** What {@link #accept} returns for an echo from before the expected message (lossy only). */
    static final long STALE = -1;

    private final long base;
    private final long total;
    private final boolean lossy;
    private final long mask;
    private final long half;
    private long next;
    private long lost;
    /** Unordered only: answered messages at and above {@link #next} (the lowest unanswered), one bit each. */
    private final long[] answered;
    private final long window;
    private long received;

    EchoSequence(long base, long total, int payloadBytes, boolean lossy) {
        this.base = base;
        this.total = total;
        this.lossy = lossy;
        this.mask = Payload.stampMask(-1L, payloadBytes);
        this.half = (mask >>> 1) + 1;
        this.answered = null;
        this.window = 0;
    }

    /** A lossless sequence whose echoes may come in any order within {@code window} messages in flight. */
    EchoSequence(long base, long total, int payloadBytes, long window) {
        this.base = base;
        this.total = total;
        this.lossy = false;
        this.mask = Payload.stampMask(-1L, payloadBytes);
        this.half = (mask >>> 1) + 1;
        if (window < 1 || window > maxUnorderedWindow(payloadBytes)) {
            throw new IllegalArgumentException("an unordered window of " + window + " messages with " + payloadBytes
                    + "-byte stamps");
        }
        this.window = window;
        this.answered = new long[(int) ((Long.highestOneBit(window - 1) << 1) + 63) / 64 + 1];
    }

    /** The most messages in flight an unordered check can tell apart with {@code payloadBytes}-byte stamps. */
    static long maxUnorderedWindow(int payloadBytes) {
        long mask = Payload.stampMask(-1L, payloadBytes);
        return mask == -1L ? 1 << 20 : Math.min(1 << 20, (mask >>> 1) + 1);
    }

    /**
     * The index of the message the echo stamped {@code stamp} answers ({@code >= total}: a probe), or
     * {@link #STALE}. Allocation-free.
     */
    long accept(long stamp) throws IOException {
        if (answered != null) {
            return acceptUnordered(stamp);
        }
        long expected = (base + next) & mask;
        long ahead = (stamp - expected) & mask;
        if (ahead == 0) {
            return next++;
        }
        if (!lossy) {
            throw new IOException("echo " + next + " carries sequence " + stamp + " where " + expected
                    + (mask == -1L ? "" : " (modulo " + (mask + 1) + ")")
                    + " was due: an echo was lost, duplicated or reordered");
        }
        if (mask == -1L ? ahead < 0 : ahead >= half) {
            return STALE;
        }
        long index = next + ahead;
        lost += Math.min(index, total) - Math.min(next, total);
        next = index + 1;
        return index;
    }

    private long acceptUnordered(long stamp) throws IOException {
        long ahead = (stamp - ((base + next) & mask)) & mask;
        long index = next + ahead;
        int bits = answered.length * 64;
        if (ahead < 0 || ahead >= window || index >= total || (answered[slot(index, bits)] & bit(index)) != 0) {
            throw new IOException("echo " + received + " carries sequence " + stamp + ", not one of the " + window
                    + " messages in flight from " + ((base + next) & mask) + " that are still unanswered: an echo "
                    + "was duplicated or lost");
        }
        answered[slot(index, bits)] |= bit(index);
        received++;
        while (next < total && (answered[slot(next, bits)] & bit(next)) != 0) {
            answered[slot(next, bits)] &= ~bit(next);
            next++;
        }
        return index;
    }

    private static int slot(long index, int bits) {
        return (int) ((index % bits) >>> 6);
    }

    private static long bit(long index) {
        return 1L << (index & 63);
    }

    /**
     * Messages accounted for: those before the next expected one (received, or counted lost); unordered, the
     * messages received.
     */
    long accepted() {
        return answered != null ? received : next;
    }

    /** Messages of this point counted lost so far. */
    long lost() {
        return lost;
    }
}
