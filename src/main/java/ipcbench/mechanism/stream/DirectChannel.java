package ipcbench.mechanism.stream;

import ipcbench.os.BufferAddress;
import ipcbench.os.DirectCalls;
import ipcbench.os.Native;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * One direction of a byte stream through plain read(2)/write(2) on the descriptor a JDK channel holds
 * ({@code --io direct}): {@link StreamIo}'s loops run over it unchanged, one system call per call as through the JDK,
 * without the JDK's locks, interruptible begin/end and thread registration. The JDK channel keeps owning the
 * descriptor, and closing this closes it. Direct buffers only; the position moves as the JDK's would.
 *
 * <p>On a non-blocking descriptor (the spinning wait) EAGAIN reads and writes 0 bytes, as the JDK's non-blocking
 * channels do; EINTR does the same, so the caller's loop retries. 0 from read(2) is the end of the stream (-1 here).
 */
final class DirectChannel implements ReadableByteChannel, WritableByteChannel {
    private final Channel owner;
    private final int fd;
    private final DirectCalls calls;
    private final String what;
    private final BufferAddress addresses = new BufferAddress();

    DirectChannel(Channel owner, int fd, String what) {
        this.owner = owner;
        this.fd = fd;
        this.calls = DirectCalls.on(fd);
        this.what = what;
    }

    int fd() {
        return fd;
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        int position = buffer.position();
        long bytes = calls.read(addresses.of(buffer) + position, buffer.limit() - position);
        if (bytes > 0) {
            buffer.position(position + (int) bytes);
            return (int) bytes;
        }
        return bytes == 0 ? -1 : nothingMoved("read");
    }

    @Override
    public int write(ByteBuffer buffer) throws IOException {
        int position = buffer.position();
        long bytes = calls.write(addresses.of(buffer) + position, buffer.limit() - position);
        if (bytes >= 0) {
            buffer.position(position + (int) bytes);
            return (int) bytes;
        }
        return nothingMoved("write");
    }

    /** 0 for EAGAIN and EINTR, which the caller's loop retries; any other errno is a failure. */
    private int nothingMoved(String call) throws IOException {
        int errno = calls.errno();
        if (DirectCalls.retryable(errno)) {
            return 0;
        }
        throw new IOException(what + ": " + call + "(" + fd + ") failed: " + Native.describeErrno(errno));
    }

    @Override
    public boolean isOpen() {
        return owner.isOpen();
    }

    @Override
    public void close() throws IOException {
        owner.close();
    }
}
