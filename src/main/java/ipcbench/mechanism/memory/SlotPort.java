package ipcbench.mechanism.memory;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * One side's end of the region's slots ({@link SharedRegion} describes them): latency-mode messages of the trial's
 * payload, one per slot, waking the peer through the {@link Handoff} as {@link RingPort} does. Nothing here
 * allocates, and a spinning side makes no system call.
 *
 * <p>Ordering: the payload, then a release store of the slot's sequence number, read with acquire loads; the reader
 * release-stores how many it has read after copying out (the server before it publishes the echo, so a client that
 * read response n also sees request n read). A writer finds its slot taken only under open-loop load (in a round
 * trip the peer has read message n - 1 before this side writes message n, and under open-loop load the client keeps
 * at most slotCount requests in flight, {@link MemoryClient#maxInFlight}), so waiting for a slot spins; a sleeping
 * handoff's counts stay one per message.
 */
final class SlotPort {
    private final UnsafeBuffer out;
    private final UnsafeBuffer in;
    private final UnsafeBuffer header;
    /** The header word this side writes after reading (its in-slots), and the peer's, which this side reads. */
    private final int ownRead;
    private final int peerRead;
    private final Handoff handoff;
    private final BooleanSupplier peerDone;
    private final int slotBytes;
    private final int slotCount;
    private final int payloadBytes;
    /** Server only: the request being echoed, gathered here before any byte of the response is written. */
    private final UnsafeBuffer gather;
    private long sent;
    private long received;
    /** The peer's read count as last loaded: slots up to {@code peerReadCache + slotCount} are free. */
    private long peerReadCache;

    private SlotPort(SharedRegion region, boolean server, Handoff handoff, BooleanSupplier peerDone,
                     int payloadBytes) {
        this.out = server ? region.responseSlots : region.requestSlots;
        this.in = server ? region.requestSlots : region.responseSlots;
        this.header = region.header;
        this.ownRead = server ? SharedRegion.REQUEST_SLOTS_READ : SharedRegion.RESPONSE_SLOTS_READ;
        this.peerRead = server ? SharedRegion.RESPONSE_SLOTS_READ : SharedRegion.REQUEST_SLOTS_READ;
        this.handoff = handoff;
        this.peerDone = peerDone;
        this.slotBytes = region.slotBytes;
        this.slotCount = region.slotCount;
        this.payloadBytes = payloadBytes;
        this.gather = server ? new UnsafeBuffer(ByteBuffer.allocateDirect(payloadBytes)) : null;
    }

    /** The server's end, or null when the payload is too large for the slots. */
    static SlotPort server(SharedRegion region, Handoff handoff, int payloadBytes) {
        UnsafeBuffer header = region.header;
        return region.requestSlots == null ? null : new SlotPort(region, true, handoff,
                () -> header.getIntVolatile(SharedRegion.CLOSED) != 0, payloadBytes);
    }

    /** The client's end, or null when the payload is too large for the slots. */
    static SlotPort client(SharedRegion region, Handoff handoff, BooleanSupplier peerDone, int payloadBytes) {
        return region.requestSlots == null ? null : new SlotPort(region, false, handoff, peerDone, payloadBytes);
    }

    private int slot(long sequence) {
        return (int) ((sequence - 1) & (slotCount - 1)) * slotBytes;
    }

    /** Writes bytes [0, payload) of {@code source} as the next message. Returns false when the peer is done. */
    boolean send(ByteBuffer source) throws IOException {
        long sequence = sent + 1;
        if (!awaitFreeSlot(sequence)) {
            return false;
        }
        int at = slot(sequence);
        out.putBytes(at + SharedRegion.SLOT_HEADER_BYTES, source, 0, payloadBytes);
        out.putLongRelease(at, sequence);
        sent = sequence;
        handoff.signalPeer();
        return true;
    }

    /** True once the slot of {@code sequence} is free; false when the peer is done first. */
    private boolean awaitFreeSlot(long sequence) {
        if (sequence - peerReadCache <= slotCount) {
            return true;
        }
        while (sequence - (peerReadCache = header.getLongVolatile(peerRead)) > slotCount) {
            if (peerDone.getAsBoolean()) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** Waits for the next message and returns the offset of its slot in the in-slots, or -1 when the peer is done. */
    private int awaitMessage(long sequence) throws IOException {
        handoff.awaitPeer();
        int at = slot(sequence);
        while (in.getLongVolatile(at) != sequence) {
            if (peerDone.getAsBoolean()) {
                return -1;
            }
            Thread.onSpinWait();
        }
        return at;
    }

    /** Reads the next message into {@code target} [0, payload). Returns false when the peer is done. */
    boolean receive(ByteBuffer target) throws IOException {
        long sequence = received + 1;
        int at = awaitMessage(sequence);
        if (at < 0) {
            return false;
        }
        in.getBytes(at + SharedRegion.SLOT_HEADER_BYTES, target, 0, payloadBytes);
        received = sequence;
        header.putLongRelease(ownRead, sequence);
        return true;
    }

    /**
     * Spinning handoffs only: as {@link #receive}, but returns {@link RingPort#NOTHING} at once when the next message
     * has not arrived; {@link RingPort#MESSAGE} once it is read, {@link RingPort#PEER_DONE} when the peer is done.
     */
    int poll(ByteBuffer target) {
        long sequence = received + 1;
        int at = slot(sequence);
        if (in.getLongVolatile(at) != sequence) {
            return peerDone.getAsBoolean() ? RingPort.PEER_DONE : RingPort.NOTHING;
        }
        in.getBytes(at + SharedRegion.SLOT_HEADER_BYTES, target, 0, payloadBytes);
        received = sequence;
        header.putLongRelease(ownRead, sequence);
        return RingPort.MESSAGE;
    }

    /**
     * Server: copies the next request into the next response slot through {@link #gather}: first the whole request
     * into private memory, then the whole response from there, so the stores into the response slot, whose lines the
     * client is polling, come in one burst from cached lines, just before the sequence number. One slot-to-slot pass
     * measured about one cache-line transfer slower per echo (docs/mechanisms.md, "shm"), likely because the
     * client's polls pull a half-written line back. Under open-loop load the response slot may still be unread; then
     * the request stays in its slot until the client's receiver frees one. Returns false when the client closed.
     */
    boolean echo() throws IOException {
        long sequence = received + 1;
        int from = awaitMessage(sequence);
        if (from < 0 || !awaitFreeSlot(sequence)) {
            return false;
        }
        int to = slot(sequence);
        gather.putBytes(0, in, from + SharedRegion.SLOT_HEADER_BYTES, payloadBytes);
        out.putBytes(to + SharedRegion.SLOT_HEADER_BYTES, gather, 0, payloadBytes);
        received = sequence;
        header.putLongRelease(ownRead, sequence);
        out.putLongRelease(to, sequence);
        sent = sequence;
        handoff.signalPeer();
        return true;
    }
}
