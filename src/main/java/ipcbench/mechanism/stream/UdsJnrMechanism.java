package ipcbench.mechanism.stream;

import ipcbench.mechanism.Trial;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

import java.io.IOException;

/**
 * {@code uds-jnr}: a Unix-domain stream socket through jnr-unixsocket (UnixServerSocketChannel, UnixSocketChannel,
 * blocking), bound in the trial's private directory: the same kernel path as {@code uds}, so the difference between
 * the two is the library's. One round trip: the client write(2)s N bytes, the echo thread read(2)s N and write(2)s
 * them back, the client read(2)s N.
 *
 * <p>What the library adds (jnr-unixsocket 0.39.6, read from its bytecode): every read and write allocates a heap
 * ByteBuffer of the bytes remaining and copies through it (and jnr-ffi copies the heap array to native memory for
 * the syscall), so this mechanism allocates on the measured path ({@link #allocationFree()} is false): that cost
 * is what it measures.
 */
public final class UdsJnrMechanism extends StreamMechanism {
    private static final String SOCKET = "uds-jnr.sock";

    @Override
    public String id() {
        return "uds-jnr";
    }

    /** The library allocates a heap buffer per read and write; that is part of what this mechanism measures. */
    @Override
    public boolean allocationFree() {
        return false;
    }

    @Override
    protected Listener listen(Trial trial) throws IOException {
        UnixSocketAddress path = new UnixSocketAddress(trial.file(SOCKET).toFile());
        UnixServerSocketChannel server = UnixServerSocketChannel.open();
        try {
            server.socket().bind(path, 1);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new Listener() {
            @Override
            public String address() {
                return path.path();
            }

            @Override
            public ChannelPair accept() throws IOException {
                UnixSocketChannel socket = server.accept();
                server.close();
                return new ChannelPair(socket, socket);
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }

    @Override
    protected ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException {
        UnixSocketChannel socket = UnixSocketChannel.open(new UnixSocketAddress(address));
        return new ChannelPair(socket, socket);
    }
}
