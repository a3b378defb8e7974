package ipcbench.mechanism.stream;

import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code tcp}: TCP over 127.0.0.1 (or, across a link, the trial's {@link ipcbench.mechanism.DataAddress}) with
 * TCP_NODELAY on both ends, on an ephemeral port (or the first free one of {@code --data-ports}) the child reports.
 * One round trip: the client write(2)s N bytes to its socket, the echo thread read(2)s N and write(2)s them back,
 * the client read(2)s N: the loopback TCP stack both ways, no Nagle delay.
 *
 * <p>Any local user can connect to the port, so the client's first {@link ipcbench.mechanism.PeerToken#BYTES} bytes
 * after connecting are the trial's token, and the server serves only the connection that sends it
 * ({@link TokenGate}); before the first round trip, so no measured one carries it.
 */
public final class TcpMechanism extends StreamMechanism {
    /** Room for a few strangers' connections queued ahead of the client's, which the token check then drops. */
    static final int BACKLOG = 8;

    /** Its server binds the trial's data address and its client dials it. */
    @Override
    public String whyHostLocal() {
        return null;
    }

    /** One connection per subscriber, written in turn, as a TCP server reaches its readers. */
    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String id() {
        return "tcp";
    }

    @Override
    protected Listener listen(Trial trial) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        String port;
        try {
            port = Integer.toString(trial.address().firstFree(at -> {
                server.bind(at, BACKLOG);
                return ((InetSocketAddress) server.getLocalAddress()).getPort();
            }));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return acceptWithToken(server, port, trial, TcpMechanism::noDelay);
    }

    private static void noDelay(SocketChannel socket) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @Override
    protected ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException {
        SocketChannel socket = SocketChannel.open(trial.address().at(Integer.parseInt(address)));
        try {
            noDelay(socket);
            StreamIo.writeFully(socket, trial.token().toBuffer());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new ChannelPair(socket, socket);
    }
}
