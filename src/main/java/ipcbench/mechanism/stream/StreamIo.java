package ipcbench.mechanism.stream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Whole-message reads and writes over a byte stream. A stream may return fewer bytes than asked (pipes and
 * sockets split at 64 KiB and at their buffer sizes), so both loop until the buffer is done. On a non-blocking
 * channel ({@link ChannelPair#spinReads}) a read or write that moves nothing returns 0 and the same loops poll.
 */
final class StreamIo {
    private StreamIo() {
    }

    /** Writes the buffer from 0 to its capacity. */
    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (out.write(buffer) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Fills the buffer from 0 to its capacity. Returns false on end of stream before the first byte, the peer's
     * normal close between messages; end of stream inside a message is an error.
     */
    static boolean readFully(ReadableByteChannel in, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            int bytes = in.read(buffer);
            if (bytes < 0) {
                if (buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("stream ended " + buffer.position() + " bytes into a " + buffer.capacity()
                        + "-byte message");
            }
            if (bytes == 0) {
                Thread.onSpinWait();
            }
        }
        return true;
    }
}
