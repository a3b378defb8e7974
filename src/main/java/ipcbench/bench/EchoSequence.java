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

    EchoSequence(long base, long total, int payloadBytes, boolean lossy) {
        this.base = base;
        this.total = total;
        this.lossy = lossy;
        this.mask = Payload.stampMask(-1L, payloadBytes);
        this.half = (mask >>> 1) + 1;
    }

    /**
     * The index of the message the echo stamped {@code stamp} answers ({@code >= total}: a probe), or
     * {@link #STALE}. Allocation-free.
     */
    long accept(long stamp) throws IOException {
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

    /** Messages before the next expected one: received, or counted lost. */
    long accepted() {
        return next;
    }

    /** Messages of this point counted lost so far. */
    long lost() {
        return lost;
    }
}
