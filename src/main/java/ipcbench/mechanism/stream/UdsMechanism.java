package ipcbench.mechanism.stream;

import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code uds}: a Unix-domain stream socket through the JDK's own support (SocketChannel + UnixDomainSocketAddress),
 * bound in the trial's private 0700 directory. One round trip: the client write(2)s N bytes, the echo thread
 * read(2)s N and write(2)s them back, the client read(2)s N.
 */
public final class UdsMechanism extends StreamMechanism {
    @Override
    public String whyHostLocal() {
        return "a Unix socket connects processes of one kernel: its address is a path there";
    }

    /** One connection per subscriber, written in turn, as a Unix-socket server reaches its readers. */
    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String id() {
        return "uds";
    }

    @Override
    protected Listener listen(Trial trial) throws IOException {
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(trial.file("uds.sock"));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(path, 1);
        return acceptOnce(server, path.getPath().toString(), socket -> { });
    }

    @Override
    protected ChannelPair connectChannels(Trial trial, String address, Process child) throws IOException {
        SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(address));
        return new ChannelPair(socket, socket);
    }
}
