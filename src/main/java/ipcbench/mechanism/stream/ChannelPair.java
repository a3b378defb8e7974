package ipcbench.mechanism.stream;

import ipcbench.os.Descriptors;
import ipcbench.os.NonBlocking;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The two directions of one byte stream; a socket is one channel serving both. Blocking mode until
 * {@link #spinReads}. {@code inDescriptor} is the read side's descriptor where the channel is a plain file channel
 * (pipe, FIFO), which has no non-blocking mode of its own; null for sockets.
 */
public record ChannelPair(ReadableByteChannel in, WritableByteChannel out, FileDescriptor inDescriptor)
        implements AutoCloseable {

    public ChannelPair(ReadableByteChannel in, WritableByteChannel out) {
        this(in, out, null);
    }

    /**
     * Makes reads return at once when no data is there, so {@link StreamIo#readFully} polls instead of sleeping. A
     * socket serves both directions, so its writes become non-blocking too (a full buffer is then polled as well);
     * a pipe's or FIFO's write end stays blocking.
     */
    void spinReads() throws IOException {
        if (in instanceof DirectChannel direct) {
            NonBlocking.set(direct.fd());
        } else if (in instanceof SelectableChannel selectable) {
            selectable.configureBlocking(false);
        } else if (inDescriptor != null) {
            NonBlocking.set(inDescriptor);
        } else {
            throw new IOException("a " + in.getClass().getSimpleName() + " has no non-blocking mode here");
        }
    }

    /**
     * The same descriptors read and written with plain system calls ({@link DirectChannel}); the JDK's channels
     * still own them and close with the pair.
     */
    ChannelPair direct(String mechanismId) throws IOException {
        int inFd = Descriptors.number(in);
        // a socket's two directions share a descriptor, each with calls (and an errno) of its own
        int outFd = out == in ? inFd : Descriptors.number(out);
        return new ChannelPair(new DirectChannel(in, inFd, mechanismId), new DirectChannel(out, outFd, mechanismId),
                inDescriptor);
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
