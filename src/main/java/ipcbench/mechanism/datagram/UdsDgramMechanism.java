package ipcbench.mechanism.datagram;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;
import ipcbench.os.BufferAddress;
import ipcbench.os.Native;
import ipcbench.os.Sockets;
import jnr.constants.platform.Errno;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code uds-dgram}: a Unix-domain datagram socket pair of bound paths in the trial's private directory, the
 * server's ({@code uds-dgram-server.sock}) and the client's ({@code uds-dgram-client.sock}, where replies come to),
 * each connect(2)ed to the other. jnr-unixsocket's UnixDatagramChannel creates, binds, configures and closes the
 * sockets; the calls on the measured path are made on its descriptor directly ({@link Sockets}), because the
 * library's connect() does not call connect(2) and its read and write copy through a new heap buffer every time.
 *
 * <p>One round trip: the client send(2)s one N-byte datagram; the echo thread's blocked recv(2) returns it and it
 * send(2)s the same buffer back; the client's recv(2) returns it. One streaming batch: the client send(2)s the
 * batch's datagrams, then recv(2)s the server's 1-byte acknowledgement. The kernel never drops a Unix datagram: a
 * sender blocks while the receiver's queue is full (net.unix.max_dgram_qlen datagrams) or its own SO_SNDBUF is
 * spent (a datagram is charged to its sender until read), so one acknowledgement per batch is enough.
 *
 * <p>Limit: both sockets ask for SO_SNDBUF and SO_RCVBUF of min(net.core.wmem_max / rmem_max, 4 MiB); the kernel
 * grants twice that and refuses a datagram above SO_SNDBUF - 32 bytes (EMSGSIZE) or one it cannot allocate as one
 * contiguous block plus 17 pages (ENOBUFS; about 4 MiB + 68 KiB on x86-64). Neither bound has a /proc entry, so
 * the limit is probed once per JVM: a socketpair with the same options is sent ever larger datagrams
 * (MSG_DONTWAIT, binary search) and the largest one accepted is {@link #maxPayloadBytes()}. The contiguous
 * allocation can fail when memory is fragmented, so payloads near a multi-MiB limit may fail with ENOBUFS later.
 */
public final class UdsDgramMechanism extends DatagramFamily {
    static final String SERVER_SOCKET = "uds-dgram-server.sock";
    static final String CLIENT_SOCKET = "uds-dgram-client.sock";

    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String whyHostLocal() {
        return "a Unix socket connects processes of one kernel: its address is a path there";
    }

    @Override
    public String id() {
        return "uds-dgram";
    }

    @Override
    public Availability availability() {
        Probe probe = Probe.RESULT;
        return probe.failure == null ? Availability.AVAILABLE
                : Availability.unavailable("probing the Unix datagram size limit failed: " + probe.failure);
    }

    @Override
    public int maxPayloadBytes() {
        return Probe.RESULT.maxDatagramBytes;
    }

    @Override
    protected Endpoint bind(Trial trial) throws IOException {
        UnixDatagramChannel channel = open();
        Path path = trial.file(SERVER_SOCKET);
        try {
            channel.bind(new UnixSocketAddress(path.toFile()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Endpoint() {
            @Override
            public String address() {
                return path.toString();
            }

            @Override
            public int windowMessages() {
                return trial.batchMessages();
            }

            @Override
            public MessagePort accept() throws IOException {
                Port port = new Port(channel);
                port.receive(ByteBuffer.allocateDirect(1));
                // the hello came from the client's path, bound by now: reply there from here on
                connect(channel.getFD(), trial.file(CLIENT_SOCKET));
                return port;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    protected MessagePort connectPort(Trial trial, String address) throws IOException {
        UnixDatagramChannel channel = open();
        try {
            channel.bind(new UnixSocketAddress(trial.file(CLIENT_SOCKET).toFile()));
            connect(channel.getFD(), Path.of(address));
            Port port = new Port(channel);
            port.send(ByteBuffer.allocateDirect(1), 0);
            return port;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static UnixDatagramChannel open() throws IOException {
        UnixDatagramChannel channel = UnixDatagramChannel.open();
        try {
            channel.setOption(UnixSocketOptions.SO_SNDBUF, sendBufferRequestBytes());
            channel.setOption(UnixSocketOptions.SO_RCVBUF, receiveBufferRequestBytes());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** connect(2) with a struct sockaddr_un: sa_family_t AF_UNIX, then the NUL-terminated path. */
    private static void connect(int fd, Path path) throws IOException {
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer sockaddr = ByteBuffer.allocate(2 + bytes.length + 1).order(ByteOrder.nativeOrder());
        sockaddr.putShort(Sockets.AF_UNIX).put(bytes).put((byte) 0);
        Native.check(Sockets.INSTANCE.connect(fd, sockaddr.array(), sockaddr.capacity()), "uds-dgram: connect(" + path + ")",
                "is the path's directory still there and the peer's socket bound?");
    }

    /** send(2) and recv(2) of one datagram on the connected descriptor. */
    private static final class Port implements MessagePort {
        private final UnixDatagramChannel channel;
        private final int fd;
        /** Set by the reply guard before it shuts the socket down; read by a spinning receive. */
        private volatile boolean aborted;
        private final BufferAddress sendAddress = new BufferAddress();
        private final BufferAddress receiveAddress = new BufferAddress();

        Port(UnixDatagramChannel channel) {
            this.channel = channel;
            this.fd = channel.getFD();
        }

        @Override
        public void send(ByteBuffer message, int bytes) throws IOException {
            long address = sendAddress.of(message);
            while (Sockets.INSTANCE.send(fd, address, bytes, 0) < 0) {
                retryOnlyIfInterrupted("send(" + bytes + " B)");
            }
        }

        @Override
        public int receive(ByteBuffer message) throws IOException {
            long address = receiveAddress.of(message);
            long bytes;
            while ((bytes = Sockets.INSTANCE.recv(fd, address, message.capacity(), 0)) < 0) {
                retryOnlyIfInterrupted("recv");
            }
            return (int) bytes;
        }

        @Override
        public int receiveNow(ByteBuffer message) throws IOException {
            long bytes = Sockets.INSTANCE.recv(fd, receiveAddress.of(message), message.capacity(), Sockets.MSG_DONTWAIT);
            if (bytes >= 0) {
                return (int) bytes;
            }
            if (Native.lastErrno() == Errno.EAGAIN.intValue()) {
                // a shut-down socket still answers a non-blocking recv with EAGAIN: the abort flag ends the spin
                return aborted ? 0 : NOTHING;
            }
            retryOnlyIfInterrupted("recv");
            return NOTHING;
        }

        @Override
        public void abort() throws IOException {
            aborted = true;
            // wakes a recv(2) blocked on this socket, which then returns 0
            Native.check(Sockets.INSTANCE.shutdown(fd, Sockets.SHUT_RDWR), "uds-dgram: shutdown", null);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static void retryOnlyIfInterrupted(String call) throws IOException {
        Native.retryOnlyIfInterrupted("uds-dgram: " + call, UdsDgramMechanism::hint);
    }

    private static String hint(int errno) {
        if (errno == Errno.EMSGSIZE.intValue() || errno == Errno.ENOBUFS.intValue()) {
            return "the datagram exceeds what this socket can send (" + Probe.RESULT.maxDatagramBytes
                    + " B probed at start; ENOBUFS: no contiguous kernel memory that large right now); use a smaller payload";
        } else if (errno == Errno.ECONNREFUSED.intValue()) {
            return "the peer's socket is closed: the echo server is gone";
        } else {
            return null;
        }
    }

    /** The largest datagram a socket configured like ours may send, found once per JVM. */
    private static final class Probe {
        static final Probe RESULT = run();

        final int maxDatagramBytes;
        final String failure;

        private Probe(int maxDatagramBytes, String failure) {
            this.maxDatagramBytes = maxDatagramBytes;
            this.failure = failure;
        }

        private static Probe run() {
            try {
                UnixDatagramChannel[] pair = UnixDatagramChannel.pair();
                try (UnixDatagramChannel sender = pair[0]; UnixDatagramChannel receiver = pair[1]) {
                    sender.setOption(UnixSocketOptions.SO_SNDBUF, sendBufferRequestBytes());
                    receiver.setOption(UnixSocketOptions.SO_RCVBUF, receiveBufferRequestBytes());
                    int grantedBytes = sender.getOption(UnixSocketOptions.SO_SNDBUF);
                    ByteBuffer buffer = ByteBuffer.allocateDirect(grantedBytes);
                    long address = BufferAddress.once(buffer);
                    int fits = 0;
                    int tooBig = grantedBytes + 1;
                    while (tooBig - fits > 1) {
                        int bytes = fits + (tooBig - fits) / 2;
                        if (Sockets.INSTANCE.send(sender.getFD(), address, bytes, Sockets.MSG_DONTWAIT) == bytes) {
                            Native.check((int) Sockets.INSTANCE.recv(receiver.getFD(), address, grantedBytes, Sockets.MSG_DONTWAIT),
                                    "uds-dgram probe: recv", null);
                            fits = bytes;
                        } else {
                            tooBig = bytes;
                        }
                    }
                    return fits > 0 ? new Probe(fits, null) : new Probe(0, "not even a 1-byte datagram could be sent");
                }
            } catch (IOException | RuntimeException e) {
                return new Probe(0, e.toString());
            }
        }
    }
}
