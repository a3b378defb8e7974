package ipcbench.bench;

import ipcbench.os.Descriptors;
import ipcbench.os.ScratchDirectory;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Two connected ends of the kind of descriptor a mechanism family uses, each held by the JDK channel that family
 * uses and known by its number: a pipe behind {@code FileChannel}s (pipe, fifo), a Unix or TCP loopback stream
 * behind {@code SocketChannel}s (uds, tcp), a connected UDP loopback pair behind {@code DatagramChannel}s (udp). All
 * blocking, as the mechanisms' blocking wait has them. Closing closes both ends and anything made for them.
 */
final class DescriptorPair implements AutoCloseable {
    final WritableByteChannel writer;
    final ReadableByteChannel reader;
    final int writeFd;
    final int readFd;
    private final AutoCloseable[] owned;

    private DescriptorPair(WritableByteChannel writer, ReadableByteChannel reader, int writeFd, int readFd,
                           AutoCloseable... owned) {
        this.writer = writer;
        this.reader = reader;
        this.writeFd = writeFd;
        this.readFd = readFd;
        this.owned = owned;
    }

    /** {@code pipe}, {@code uds}, {@code tcp} or {@code udp}. */
    static DescriptorPair open(String kind) throws IOException {
        switch (kind) {
            case "pipe": {
                int[] fds = Descriptors.pipe();
                var reader = new FileInputStream(Descriptors.of(fds[0])).getChannel();
                var writer = new FileOutputStream(Descriptors.of(fds[1])).getChannel();
                return new DescriptorPair(writer, reader, fds[1], fds[0], writer, reader);
            }
            case "uds": {
                ScratchDirectory scratch = ScratchDirectory.create();
                var address = UnixDomainSocketAddress.of(scratch.path().resolve("calls.sock"));
                try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    server.bind(address);
                    SocketChannel writer = SocketChannel.open(address);
                    SocketChannel reader = server.accept();
                    return new DescriptorPair(writer, reader, Descriptors.number(writer), Descriptors.number(reader),
                            writer, reader, scratch);
                } catch (IOException | RuntimeException e) {
                    scratch.close();
                    throw e;
                }
            }
            case "tcp": {
                try (ServerSocketChannel server = ServerSocketChannel.open()) {
                    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    SocketChannel writer = SocketChannel.open(server.getLocalAddress());
                    SocketChannel reader = server.accept();
                    // one-byte writes, each read before the next: without it Nagle waits for a delayed ACK
                    writer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    return new DescriptorPair(writer, reader, Descriptors.number(writer), Descriptors.number(reader),
                            writer, reader);
                }
            }
            case "udp": {
                DatagramChannel writer = DatagramChannel.open();
                DatagramChannel reader = DatagramChannel.open();
                writer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                reader.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                writer.connect(reader.getLocalAddress());
                reader.connect(writer.getLocalAddress());
                return new DescriptorPair(writer, reader, Descriptors.number(writer), Descriptors.number(reader),
                        writer, reader);
            }
            default:
                throw new IllegalArgumentException("unknown descriptor kind '" + kind + "': pipe, uds, tcp or udp");
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
