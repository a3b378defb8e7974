package ipcbench.mechanism.stream;

import ipcbench.mechanism.EchoClient;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The one client of every byte stream: write a whole payload, read a whole payload (or one acknowledgement byte). */
final class StreamClient implements EchoClient {
    private final ChannelPair channels;
    private final ByteBuffer ack = ByteBuffer.allocateDirect(1);

    StreamClient(ChannelPair channels) {
        this.channels = channels;
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        StreamIo.writeFully(channels.out(), request);
        if (!StreamIo.readFully(channels.in(), response)) {
            throw serverGone();
        }
    }

    @Override
    public void stream(ByteBuffer request, int messages) throws IOException {
        for (int i = 0; i < messages; i++) {
            StreamIo.writeFully(channels.out(), request);
        }
        if (!StreamIo.readFully(channels.in(), ack)) {
            throw serverGone();
        }
    }

    private static EOFException serverGone() {
        return new EOFException("the echo server closed the stream");
    }

    @Override
    public void close() throws IOException {
        channels.close();
    }
}
