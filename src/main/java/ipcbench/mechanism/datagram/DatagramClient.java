package ipcbench.mechanism.datagram;

import ipcbench.mechanism.LoadClient;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one client of the datagram family. A round trip: send the request as one message, receive one message of
 * the same size. A streaming batch: send the request {@code messages} times, stopping after every window to
 * receive its 1-byte acknowledgement; the batch ends with the last one. Each receive is watched by a
 * {@link ReplyGuard}, so a dead or silent echo server becomes an exception, not a hang.
 */
final class DatagramClient implements LoadClient {
    private final String mechanismId;
    private final int payloadBytes;
    private final int batchMessages;
    private final int window;
    private final MessagePort port;
    private final ReplyGuard guard;
    private final ByteBuffer ack;
    private final boolean spin;

    DatagramClient(String mechanismId, Trial trial, int window, MessagePort port, ReplyGuard guard) {
        this.mechanismId = mechanismId;
        this.payloadBytes = trial.payloadBytes();
        this.batchMessages = trial.batchMessages();
        this.window = window;
        this.port = port;
        this.guard = guard;
        this.ack = port.newMessageBuffer(payloadBytes);
        this.spin = trial.spins();
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        send(request);
        receive(response, payloadBytes);
    }

    @Override
    public void stream(ByteBuffer request, int messages) throws IOException {
        if (messages != batchMessages) {
            throw new IllegalArgumentException(mechanismId + ": the echo server acknowledges batches of "
                    + batchMessages + " messages, not " + messages);
        }
        for (int left = messages; left > 0; ) {
            int inWindow = Math.min(window, left);
            for (int i = 0; i < inWindow; i++) {
                send(request);
            }
            left -= inWindow;
            receive(ack, DatagramEchoServer.ACK_BYTES);
        }
    }

    /**
     * One message; also the open-loop sender's half. The open-loop receiver ({@link #receive(ByteBuffer)}) uses the
     * port's receive side and the guard, the sender only the port's send side (each port keeps them apart).
     */
    @Override
    public void send(ByteBuffer request) throws IOException {
        try {
            port.send(request, payloadBytes);
        } catch (IOException e) {
            throw guard.explain(e);
        }
    }

    /** Open-loop load: the next echo, watched by the reply guard (a silent server fails it within 5 s). */
    @Override
    public void receive(ByteBuffer response) throws IOException {
        receive(response, payloadBytes);
    }

    private void receive(ByteBuffer into, int expectedBytes) throws IOException {
        guard.enterReceive();
        int bytes;
        try {
            bytes = port.receive(into, spin);
        } catch (IOException e) {
            throw guard.explain(e);
        }
        guard.leaveReceive();
        if (bytes != expectedBytes) {
            throw bytes == 0 ? guard.explain(null) : new IOException(mechanismId + ": received a " + bytes
                    + "-byte message, expected " + expectedBytes + " bytes");
        }
    }

    @Override
    public long maxInFlight() {
        return port.loadWindowMessages();
    }

    /** Sends the end-of-session message unless the session already failed, then stops the guard and the port. */
    @Override
    public void close() throws IOException {
        try {
            if (!guard.aborted()) {
                port.send(ack, 0);
            }
        } finally {
            guard.close();
            port.close();
        }
    }
}
