package ipcbench.mechanism.memory;

import ipcbench.mechanism.PollingLoadClient;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one client of the memory family. A round trip writes the request into the next request slot and reads the
 * echo from the next response slot (payloads up to {@link SharedRegion#SLOT_MAX_PAYLOAD}), or writes it into the
 * request ring (one record, or 1 MiB chunks) and reads the echo from the response ring; a batch writes
 * {@code messages} requests while the ring has room (the ring is the flow control) and then reads one ACK record.
 *
 * <p>If the measuring thread changes (JMH may call from a thread other than the one that connected), the handoff
 * adopts the new thread on its first operation; the check is a Thread reference comparison.
 *
 * <p>The child's exit, seen by the JDK's process reaper, sets {@link #peerGone} and wakes a sleeping wait, so a
 * dead server ends a wait with an exception instead of a hang; a spinning wait reads the flag on each turn.
 */
final class MemoryClient implements PollingLoadClient {
    private final SharedRegion region;
    private final Handoff handoff;
    private final RingPort port;
    /** Null when the payload is too large for the slots. */
    private final SlotPort slots;
    private final ByteBuffer ack = ByteBuffer.allocateDirect(1);
    private final long loadWindowMessages;
    private volatile boolean peerGone;
    private boolean closed;
    private Thread adopted;

    MemoryClient(SharedRegion region, Handoff handoff, Process child, int payloadBytes, long ringWindowMessages) {
        this.region = region;
        this.handoff = handoff;
        this.port = RingPort.client(region, handoff, () -> peerGone);
        this.slots = SlotPort.client(region, handoff, () -> peerGone, payloadBytes);
        this.loadWindowMessages = slots == null ? ringWindowMessages : Math.min(ringWindowMessages, region.slotCount);
        region.header.putIntVolatile(SharedRegion.CLIENT_PID, (int) ProcessHandle.current().pid());
        child.onExit().thenRun(this::serverExited);
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        onThread();
        if (slots != null) {
            if (!slots.send(request) || !slots.receive(response)) {
                throw serverGone();
            }
            return;
        }
        if (!port.send(request, request.capacity(), RingPort.MESSAGE)
                || !MemoryEchoServer.expect(RingPort.MESSAGE, port.receive(response, response.capacity()))) {
            throw serverGone();
        }
    }

    @Override
    public void stream(ByteBuffer request, int messages) throws IOException {
        onThread();
        for (int i = 0; i < messages; i++) {
            if (!port.send(request, request.capacity(), RingPort.MESSAGE)) {
                throw serverGone();
            }
        }
        if (!MemoryEchoServer.expect(RingPort.ACK, port.receive(ack, 1))) {
            throw serverGone();
        }
    }

    /**
     * Open-loop load: the sender writes the request slots (or ring) and the receiver reads the response slots (or
     * ring), each single-producer/single-consumer. With at most {@link #maxInFlight} requests in flight neither the
     * slots nor the rings fill, so the sender never waits for room and only the receiving thread waits on this side's
     * handoff (which adopts it in {@link #prepareReceiver}, before the first request).
     */
    @Override
    public void send(ByteBuffer request) throws IOException {
        if (slots != null) {
            if (!slots.send(request)) {
                throw serverGone();
            }
            return;
        }
        if (!port.send(request, request.capacity(), RingPort.MESSAGE)) {
            throw serverGone();
        }
    }

    @Override
    public void receive(ByteBuffer response) throws IOException {
        if (slots != null) {
            if (!slots.receive(response)) {
                throw serverGone();
            }
            return;
        }
        if (!MemoryEchoServer.expect(RingPort.MESSAGE, port.receive(response, response.capacity()))) {
            throw serverGone();
        }
    }

    @Override
    public void prepareReceiver() throws IOException {
        onThread();
    }

    @Override
    public long maxInFlight() {
        return loadWindowMessages;
    }

    /** Open-loop load on one thread (spinning handoffs): within {@link #maxInFlight} the ring has room, so this sends. */
    @Override
    public boolean trySend(ByteBuffer request) throws IOException {
        send(request);
        return true;
    }

    @Override
    public boolean poll(ByteBuffer response) throws IOException {
        int type = slots != null ? slots.poll(response) : port.poll(response, response.capacity());
        if (type == RingPort.NOTHING) {
            return false;
        }
        if (!MemoryEchoServer.expect(RingPort.MESSAGE, type)) {
            throw serverGone();
        }
        return true;
    }

    private void onThread() throws IOException {
        Thread current = Thread.currentThread();
        if (current != adopted) {
            handoff.adoptCurrentThread();
            adopted = current;
        }
    }

    private static EOFException serverGone() {
        return new EOFException("shared memory: the echo server exited");
    }

    /** On the process reaper's thread; serialized with close so the handoff is never used after it closed. */
    private synchronized void serverExited() {
        peerGone = true;
        if (!closed) {
            try {
                handoff.wakeSelf();
            } catch (IOException e) {
                // nobody to report to; a waiting thread then stays asleep, as it would without this wake-up
                System.err.println("shared memory: cannot wake the client after the server exited: " + e.getMessage());
            }
        }
    }

    /** Sets CLOSED (release store) and wakes the server, which then returns from its loop. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            region.header.putIntVolatile(SharedRegion.CLOSED, 1);
            if (!peerGone) {
                handoff.signalPeer();
            }
        } finally {
            try {
                handoff.close();
            } finally {
                region.close();
            }
        }
    }
}
