package ipcbench.mechanism.stream;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** The two directions of one byte stream; a socket is one channel serving both. Blocking mode. */
public record ChannelPair(ReadableByteChannel in, WritableByteChannel out) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
