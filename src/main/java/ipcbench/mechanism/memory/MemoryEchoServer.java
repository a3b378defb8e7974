package ipcbench.mechanism.memory;

import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one echo loop of the memory family, on the child's main thread. Latency, payload up to
 * {@link SharedRegion#SLOT_MAX_PAYLOAD}: copy each request slot into the next response slot ({@link SlotPort#echo}
 * says why through a private buffer). Latency, payload
 * up to 1 MiB (one ring record): copy the request record straight into the response ring (claim, one copy, commit)
 * and release it.
 * Latency, larger payloads: receive the chunks into a private buffer, then send them back as chunks, so a message
 * larger than both rings cannot deadlock the two sides. Throughput: receive {@code batchMessages} requests into a
 * private buffer (checking each against the seeded payload when verify is on), then write one 1-byte ACK record.
 * It returns once the client has set CLOSED.
 */
final class MemoryEchoServer implements EchoServer {
    private final Trial trial;
    private final SharedRegion region;
    private final Handoff handoff;
    private final RingPort port;
    private final SlotPort slots;

    MemoryEchoServer(Trial trial, SharedRegion region, Handoff handoff) {
        this.trial = trial;
        this.region = region;
        this.handoff = handoff;
        this.port = RingPort.server(region, handoff);
        this.slots = SlotPort.server(region, handoff, trial.payloadBytes());
    }

    @Override
    public String address() {
        return handoff.address();
    }

    @Override
    public void serve() throws IOException {
        int payloadBytes = trial.payloadBytes();
        if (trial.mode() == Exchange.LATENCY && slots != null) {
            while (slots.echo()) {
                // each turn: one request slot copied, through private memory, into the next response slot
            }
            return;
        }
        ByteBuffer message = ByteBuffer.allocateDirect(payloadBytes);
        if (trial.mode() == Exchange.LATENCY && port.fitsOneRecord(payloadBytes)) {
            while (port.echo()) {
                // each turn: one request record copied into the response ring
            }
            return;
        }
        if (trial.mode() == Exchange.LATENCY) {
            while (expect(RingPort.MESSAGE, port.receive(message, payloadBytes))) {
                if (!port.send(message, payloadBytes, RingPort.MESSAGE)) {
                    return;
                }
            }
            return;
        }
        ByteBuffer expected = trial.verify() ? Payload.allocate(payloadBytes, trial.seed()) : null;
        ByteBuffer ack = ByteBuffer.allocateDirect(1);
        while (true) {
            for (int i = 0; i < trial.batchMessages(); i++) {
                if (!expect(RingPort.MESSAGE, port.receive(message, payloadBytes))) {
                    return;
                }
                if (expected != null) {
                    Payload.requireSame(expected, message, "streamed message");
                }
            }
            if (!port.send(ack, 1, RingPort.ACK)) {
                return;
            }
        }
    }

    /** False when the client closed; an unexpected record type is a protocol error. */
    static boolean expect(int wanted, int got) throws IOException {
        if (got == RingPort.PEER_DONE) {
            return false;
        }
        if (got != wanted) {
            throw new IOException("shared memory: expected a record of type " + wanted + ", got type " + got);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            handoff.close();
        } finally {
            region.close();
        }
    }
}
