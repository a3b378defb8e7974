package ipcbench.mechanism.stream;

import ipcbench.mechanism.LoadClient;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The one client of every byte stream: write a whole payload, read a whole payload (or one acknowledgement byte). */
final class StreamClient implements LoadClient {
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

    /** Writes one payload; the pipe or socket buffer holds the requests in flight, the echo loop answers in order. */
    @Override
    public void send(ByteBuffer request) throws IOException {
        StreamIo.writeFully(channels.out(), request);
    }

    /** Reads one whole echo. A socket serves a reading and a writing thread at once; a pipe pair is two channels. */
    @Override
    public void receive(ByteBuffer response) throws IOException {
        if (!StreamIo.readFully(channels.in(), response)) {
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
