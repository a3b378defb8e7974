package ipcbench.mechanism.datagram;

import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one echo loop of the datagram family. Latency: receive one message, send the same buffer back whole.
 * Throughput: receive requests, send a 1-byte acknowledgement after every window and after the batch's last
 * request. Returns when the client's 0-byte end-of-session message arrives.
 */
final class DatagramEchoServer implements EchoServer {
    static final int ACK_BYTES = 1;

    private final Trial trial;
    private final DatagramFamily.Endpoint endpoint;
    private MessagePort port;

    DatagramEchoServer(Trial trial, DatagramFamily.Endpoint endpoint) {
        this.trial = trial;
        this.endpoint = endpoint;
    }

    @Override
    public String address() {
        return endpoint.windowMessages() + " " + endpoint.address();
    }

    @Override
    public void serve() throws IOException {
        port = endpoint.accept();
        boolean spin = trial.spins();
        if (spin) {
            port.prepareToSpin();
        }
        int payloadBytes = trial.payloadBytes();
        ByteBuffer message = port.newMessageBuffer(payloadBytes);
        if (trial.mode() == Exchange.LATENCY) {
            while (true) {
                int bytes = port.receive(message, spin);
                if (bytes == 0) {
                    return;
                }
                requireLength(bytes, payloadBytes);
                port.send(message, bytes);
            }
        }
        ByteBuffer expected = trial.verify() ? Payload.allocate(payloadBytes, trial.seed()) : null;
        int window = endpoint.windowMessages();
        while (true) {
            int untilAck = window;
            for (int left = trial.batchMessages(); left > 0; left--) {
                int bytes = port.receive(message, spin);
                if (bytes == 0) {
                    return;
                }
                requireLength(bytes, payloadBytes);
                if (expected != null) {
                    Payload.requireSame(expected, message, "streamed message");
                }
                if (--untilAck == 0 || left == 1) {
                    port.send(message, ACK_BYTES);
                    untilAck = window;
                }
            }
        }
    }

    private void requireLength(int bytes, int payloadBytes) throws IOException {
        if (bytes != payloadBytes) {
            throw new IOException(trial.mechanismId() + ": received a " + bytes + "-byte message, expected "
                    + payloadBytes + " bytes");
        }
    }

    @Override
    public void close() throws IOException {
        try (DatagramFamily.Endpoint e = endpoint) {
            if (port != null) {
                port.close();
            }
        }
    }
}
