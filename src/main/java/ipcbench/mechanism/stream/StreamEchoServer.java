package ipcbench.mechanism.stream;

import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.PlantedStall;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one echo loop of every byte stream. Latency: read exactly one payload, write it back whole. Throughput: read
 * {@code batchMessages} payloads, then write a one-byte acknowledgement. The server knows the payload size from the
 * trial, so no framing bytes travel.
 */
final class StreamEchoServer implements EchoServer {
    private final Trial trial;
    private final StreamMechanism.Listener listener;
    private ChannelPair channels;

    StreamEchoServer(Trial trial, StreamMechanism.Listener listener) {
        this.trial = trial;
        this.listener = listener;
    }

    @Override
    public String address() {
        return listener.address();
    }

    @Override
    public void serve() throws IOException {
        channels = listener.accept();
        channels = StreamMechanism.readied(channels, trial);
        ByteBuffer message = ByteBuffer.allocateDirect(trial.payloadBytes());
        if (trial.mode() == Exchange.LATENCY) {
            PlantedStall stall = PlantedStall.fromSystemProperty(trial.mechanismId());
            while (StreamIo.readFully(channels.in(), message)) {
                if (stall != null) {
                    stall.beforeEcho();
                }
                StreamIo.writeFully(channels.out(), message);
            }
            return;
        }
        ByteBuffer expected = trial.verify() ? Payload.allocate(trial.payloadBytes(), trial.seed()) : null;
        ByteBuffer ack = ByteBuffer.allocateDirect(1);
        while (true) {
            for (int i = 0; i < trial.batchMessages(); i++) {
                if (!StreamIo.readFully(channels.in(), message)) {
                    return;
                }
                if (expected != null) {
                    Payload.requireSame(expected, message, "streamed message");
                }
            }
            StreamIo.writeFully(channels.out(), ack);
        }
    }

    @Override
    public void close() throws IOException {
        try (StreamMechanism.Listener l = listener) {
            if (channels != null) {
                channels.close();
            }
        }
    }
}
