package ipcbench.mechanism.stream;

import ipcbench.mechanism.Trial;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;

/**
 * {@code pipe}: anonymous pipes, the child's stdin and stdout as the parent holds them through ProcessBuilder.
 * One round trip: the client write(2)s N bytes into the child's stdin pipe; the echo thread read(2)s them from fd 0
 * and write(2)s them to fd 1; the client read(2)s N bytes from the child's stdout pipe. Writes above the pipe's
 * capacity (64 KiB) go through in pieces, which both sides loop over.
 *
 * <p>The parent reaches the raw descriptors by unwrapping the Process streams to their FileInputStream and
 * FileOutputStream (needs {@code --add-opens java.base/java.io}), so no JDK buffer sits between the benchmark and the
 * pipe and direct buffers go straight to the syscall.
 */
public final class PipeMechanism extends StreamMechanism {
    @Override
    public String whyHostLocal() {
        return "a pipe joins processes of one kernel: the child inherits its ends";
    }

    @Override
    public String whyNoFanIn() {
        return "its one pipe pair is the echo child's stdin and stdout";
    }

    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String id() {
        return "pipe";
    }

    @Override
    public boolean usesChildStdio() {
        return true;
    }

    @Override
    protected Listener listen(Trial trial) {
        return new Listener() {
            @Override
            public String address() {
                return "stdio";
            }

            @Override
            public ChannelPair accept() {
                return new ChannelPair(new FileInputStream(FileDescriptor.in).getChannel(),
                        new FileOutputStream(FileDescriptor.out).getChannel(), FileDescriptor.in);
            }

            @Override
            public void close() {
                // the pipes close when the pair does
            }
        };
    }

    @Override
    protected ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException {
        FileOutputStream toChild = (FileOutputStream) unwrap(child.getOutputStream(), FilterOutputStream.class, "out");
        FileInputStream fromChild = (FileInputStream) unwrap(child.getInputStream(), FilterInputStream.class, "in");
        return new ChannelPair(fromChild.getChannel(), toChild.getChannel(), fromChild.getFD());
    }

    /** The stream a Process's buffered stream wraps: a plain file stream on the pipe's descriptor. */
    private static Object unwrap(Object stream, Class<?> filterClass, String field) throws IOException {
        Object inner = stream;
        try {
            Field wrapped = filterClass.getDeclaredField(field);
            wrapped.setAccessible(true);
            while (filterClass.isInstance(inner)) {
                inner = wrapped.get(inner);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("pipe: cannot reach the child's pipe descriptors (run with "
                    + "--add-opens=java.base/java.io=ALL-UNNAMED): " + e, e);
        }
        if (!(inner instanceof FileInputStream) && !(inner instanceof FileOutputStream)) {
            throw new IOException("pipe: the child's stdio is a " + (inner == null ? "closed stream" : inner.getClass().getName())
                    + ", not a pipe");
        }
        return inner;
    }
}
