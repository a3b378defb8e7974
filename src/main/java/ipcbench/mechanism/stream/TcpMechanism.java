package ipcbench.mechanism.stream;

import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code tcp}: TCP over 127.0.0.1 with TCP_NODELAY on both ends, on an ephemeral port the child reports.
 * One round trip: the client write(2)s N bytes to its socket, the echo thread read(2)s N and write(2)s them back,
 * the client read(2)s N: the loopback TCP stack both ways, no Nagle delay.
 */
public final class TcpMechanism extends StreamMechanism {
    @Override
    public String id() {
        return "tcp";
    }

    @Override
    public String summary() {
        return "TCP over 127.0.0.1, TCP_NODELAY, one connection";
    }

    @Override
    protected Listener listen(Trial trial) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        String port = Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort());
        return acceptOnce(server, port, TcpMechanism::noDelay);
    }

    private static void noDelay(SocketChannel socket) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @Override
    protected ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException {
        SocketChannel socket = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address)));
        noDelay(socket);
        return new ChannelPair(socket, socket);
    }
}
