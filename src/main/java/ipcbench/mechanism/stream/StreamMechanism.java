package ipcbench.mechanism.stream;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The byte-stream family (pipe, FIFO, TCP, Unix stream sockets): they differ only in how the channel pair is opened,
 * so one echo loop ({@link StreamEchoServer}) and one client ({@link StreamClient}) serve them all. Every byte
 * stream runs under open-loop load: the echo loop answers message by message, requests in flight queue in the buffers.
 */
public abstract class StreamMechanism implements Mechanism, OpenLoad {

    /** The child's listening end: reports its address, then hands over the connected pair. */
    protected interface Listener extends AutoCloseable {
        String address();

        /** Blocks until the client is there. */
        ChannelPair accept() throws IOException;

        @Override
        void close() throws IOException;
    }

    /**
     * A listener that accepts exactly one connection on a bound JDK server socket, then closes the server socket;
     * {@code configure} sets socket options on the accepted end.
     */
    protected static Listener acceptOnce(ServerSocketChannel server, String address, SocketConfig configure) {
        return listener(server, address, ServerSocketChannel::accept, configure);
    }

    /**
     * As {@link #acceptOnce}, for a server other users can reach (TCP on 127.0.0.1): it serves only the connection
     * that presents the trial's token first ({@link TokenGate}), dropping any other, then closes the server socket.
     */
    protected static Listener acceptWithToken(ServerSocketChannel server, String address, Trial trial,
                                              SocketConfig configure) {
        return listener(server, address, s -> TokenGate.admit(s, trial.token(), trial.mechanismId()), configure);
    }

    /** How a listener takes its one client from the server socket. */
    private interface Admission {
        SocketChannel admit(ServerSocketChannel server) throws IOException;
    }

    private static Listener listener(ServerSocketChannel server, String address, Admission admission,
                                     SocketConfig configure) {
        return new Listener() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public ChannelPair accept() throws IOException {
                SocketChannel socket = admission.admit(server);
                server.close();
                configure.apply(socket);
                return new ChannelPair(socket, socket);
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }

    /** Socket options for one end of a connection. */
    protected interface SocketConfig {
        void apply(SocketChannel socket) throws IOException;
    }

    /** Child side: binds or creates the server end without blocking on the client. */
    protected abstract Listener listen(Trial trial) throws IOException;

    /** Parent side: opens the client's pair once the child reported {@code address}. */
    protected abstract ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException;




    @Override
    public final EchoServer openServer(Trial trial) throws IOException {
        return new StreamEchoServer(trial, listen(trial));
    }

    /** Every byte stream can block or spin ({@link ChannelPair#spinReads}). */
    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN);
    }

    /** Both paths: the JDK's channels, or plain read(2)/write(2) on their descriptors ({@link DirectChannel}). */
    @Override
    public List<Io> ios() {
        return List.of(Io.JDK, Io.DIRECT);
    }

    @Override
    public final EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        ChannelPair channels = connectChannels(trial, serverAddress, child);
        try {
            return new StreamClient(readied(channels, trial));
        } catch (IOException | RuntimeException e) {
            channels.close();
            throw e;
        }
    }

    /** The pair as the trial runs it: through the trial's io path, with non-blocking reads when it spins. */
    static ChannelPair readied(ChannelPair channels, Trial trial) throws IOException {
        ChannelPair ready = trial.io() == Io.DIRECT ? channels.direct(trial.mechanismId()) : channels;
        if (trial.spins()) {
            ready.spinReads();
        }
        return ready;
    }
}
