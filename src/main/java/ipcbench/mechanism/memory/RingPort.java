package ipcbench.mechanism.memory;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * One side's end of the shared region: writes one ring, reads the other, waits and wakes through its {@link Handoff}.
 * A message is one record, or consecutive records of at most the ring's record limit; each record is followed by one
 * {@link Handoff#signalPeer}. Nothing here allocates, and a spinning side makes no system call.
 *
 * <p>Ordering: a record's length is a release store after its payload (Agrona), read with an acquire load; a
 * sleeping handoff's wake-up (sem_post/sem_wait, the kernel's signal queue, an eventfd's counter) is itself a
 * synchronising step. "Room wanted" flags (sleeping handoffs only) are a
 * Dekker pair: the writer sets its flag by atomic exchange, then rereads the head; the reader publishes the head,
 * fences, then reads the flag, so at least one sees the other, and whoever exchanges the flag back to 0 sends the
 * one wake-up. CLOSED is a release store read with an acquire load.
 */
final class RingPort {
    /** Record types (Agrona needs them positive). */
    static final int MESSAGE = 1;
    static final int ACK = 2;
    /** What {@link #receive} returns when the peer is gone or closed. */
    static final int PEER_DONE = -1;
    /** What {@link #poll} returns when no message has begun to arrive. */
    static final int NOTHING = 0;

    private final OneToOneRingBuffer out;
    private final OneToOneRingBuffer in;
    private final UnsafeBuffer header;
    private final int ownRoomWanted;
    private final int peerRoomWanted;
    private final Handoff handoff;
    private final boolean sleeps;
    private final BooleanSupplier peerDone;
    private final int maxChunk;
    private final Copy copy = new Copy();
    private final Echo echo = new Echo();

    private RingPort(SharedRegion region, boolean server, Handoff handoff, BooleanSupplier peerDone) {
        this.out = server ? region.response : region.request;
        this.in = server ? region.request : region.response;
        this.header = region.header;
        this.ownRoomWanted = server ? SharedRegion.RESPONSE_ROOM_WANTED : SharedRegion.REQUEST_ROOM_WANTED;
        this.peerRoomWanted = server ? SharedRegion.REQUEST_ROOM_WANTED : SharedRegion.RESPONSE_ROOM_WANTED;
        this.handoff = handoff;
        this.sleeps = handoff.sleeps();
        this.peerDone = peerDone;
        this.maxChunk = out.maxMsgLength();
    }

    /** The server's end: writes responses, reads requests; the peer is done once the client set CLOSED. */
    static RingPort server(SharedRegion region, Handoff handoff) {
        UnsafeBuffer header = region.header;
        return new RingPort(region, true, handoff, () -> header.getIntVolatile(SharedRegion.CLOSED) != 0);
    }

    /** The client's end: writes requests, reads responses; {@code peerDone} says when the child has exited. */
    static RingPort client(SharedRegion region, Handoff handoff, BooleanSupplier peerDone) {
        return new RingPort(region, false, handoff, peerDone);
    }

    /**
     * Writes bytes [0, length) of {@code source} as records of {@code type}, waiting while the ring is full.
     * Returns false when the peer is done.
     */
    boolean send(ByteBuffer source, int length, int type) throws IOException {
        for (int offset = 0; offset < length; ) {
            int chunk = Math.min(length - offset, maxChunk);
            int index = out.tryClaim(type, chunk);
            if (index < 0 && (index = claimWhenRoom(type, chunk)) < 0) {
                return false;
            }
            out.buffer().putBytes(index, source, offset, chunk);
            out.commit(index);
            handoff.signalPeer();
            offset += chunk;
        }
        return true;
    }

    /** The ring was full: spin, or sleep until the reader frees room. Returns the claimed index or -1. */
    private int claimWhenRoom(int type, int chunk) throws IOException {
        while (true) {
            if (peerDone.getAsBoolean()) {
                return -1;
            }
            if (!sleeps) {
                Thread.onSpinWait();
                int index = out.tryClaim(type, chunk);
                if (index >= 0) {
                    return index;
                }
                continue;
            }
            header.getAndSetInt(ownRoomWanted, 1);
            int index = out.tryClaim(type, chunk);
            if (index >= 0) {
                if (header.getAndSetInt(ownRoomWanted, 0) == 0) {
                    // the reader took the flag after all: its wake-up is sent or on its way; consume it
                    handoff.awaitPeer();
                }
                return index;
            }
            handoff.awaitPeer();
            index = out.tryClaim(type, chunk);
            if (index >= 0) {
                return index;
            }
        }
    }

    /**
     * Reads one message of exactly {@code length} bytes into {@code target} [0, length). Returns its record type,
     * or {@link #PEER_DONE}.
     */
    int receive(ByteBuffer target, int length) throws IOException {
        copy.target = target;
        copy.limit = length;
        copy.type = 0;
        return receiveFrom(0, length);
    }

    /**
     * Spinning handoffs only: as {@link #receive}, but returns {@link #NOTHING} at once when the message's first
     * record has not arrived (a message of several records, once begun, is read to its end).
     */
    int poll(ByteBuffer target, int length) throws IOException {
        copy.target = target;
        copy.limit = length;
        copy.type = 0;
        copy.offset = 0;
        if (in.read(copy, 1) == 0) {
            return peerDone.getAsBoolean() ? PEER_DONE : NOTHING;
        }
        if (copy.length < 0) {
            throw new IOException("shared memory: a record of " + (-copy.length) + " bytes does not begin the "
                    + length + "-byte message (too long, or of another type)");
        }
        return copy.length == length ? copy.type : receiveFrom(copy.length, length);
    }

    private int receiveFrom(int start, int length) throws IOException {
        for (int offset = start; offset < length; ) {
            handoff.awaitPeer();
            copy.offset = offset;
            while (in.read(copy, 1) == 0) {
                if (peerDone.getAsBoolean()) {
                    return PEER_DONE;
                }
                Thread.onSpinWait();
            }
            if (copy.length < 0) {
                throw new IOException("shared memory: a record of " + (-copy.length) + " bytes does not continue the "
                        + length + "-byte message at offset " + offset + " (too long, or of another type)");
            }
            if (sleeps) {
                wakeWriterWaitingForRoom();
            }
            offset += copy.length;
        }
        return copy.type;
    }

    /** True when a message of {@code length} bytes is one record, so {@link #echo} can pass it straight on. */
    boolean fitsOneRecord(int length) {
        return length <= maxChunk;
    }

    /**
     * Server, latency mode, one-record messages: copies the next request record straight into the response ring
     * (no private buffer in between) and wakes the client. In a round trip the response ring always has room (the
     * client has read the previous echo before it sent this request); under open-loop load it may be full, and then
     * the request stays unread (Agrona's controlled read aborts) and this spins until the client's receiver frees
     * room. Returns false when the client closed.
     */
    boolean echo() throws IOException {
        handoff.awaitPeer();
        while (in.controlledRead(echo, 1) == 0) {
            if (peerDone.getAsBoolean()) {
                return false;
            }
            Thread.onSpinWait();
        }
        if (echo.length < 0) {
            throw new IOException("shared memory: a record of type " + echo.type + " where a request was expected");
        }
        if (sleeps) {
            wakeWriterWaitingForRoom();
        }
        handoff.signalPeer();
        return true;
    }

    private void wakeWriterWaitingForRoom() throws IOException {
        VarHandle.fullFence();
        if (header.getIntVolatile(peerRoomWanted) != 0 && header.getAndSetInt(peerRoomWanted, 0) != 0) {
            handoff.signalPeer();
        }
    }

    /**
     * Agrona's controlled read callback for {@link #echo}: claims, fills and commits the response record; leaves the
     * request unread (abort) while the response ring has no room.
     */
    private final class Echo implements ControlledMessageHandler {
        int type;
        /** Bytes echoed, negated when the type was wrong. */
        int length;

        @Override
        public Action onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int recordLength) {
            type = msgTypeId;
            if (msgTypeId != MESSAGE) {
                length = -recordLength;
                return Action.CONTINUE;
            }
            int at = out.tryClaim(MESSAGE, recordLength);
            if (at < 0) {
                return Action.ABORT;
            }
            out.buffer().putBytes(at, buffer, index, recordLength);
            out.commit(at);
            length = recordLength;
            return Action.CONTINUE;
        }
    }

    /** Agrona's read callback: copies one record into the target at the current offset. */
    private static final class Copy implements MessageHandler {
        ByteBuffer target;
        int offset;
        int limit;
        int type;
        /** Bytes of the last record, negated when it did not fit. */
        int length;

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int recordLength) {
            if (offset + recordLength > limit || (type != 0 && type != msgTypeId)) {
                length = -recordLength;
                return;
            }
            buffer.getBytes(index, target, offset, recordLength);
            type = msgTypeId;
            length = recordLength;
        }
    }
}
