package ipcbench.mechanism.datagram;

import ipcbench.mechanism.DataAddress;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.PeerToken;
import ipcbench.os.BufferAddress;
import ipcbench.os.Descriptors;
import ipcbench.os.DirectCalls;
import ipcbench.os.Native;
import ipcbench.os.NonBlocking;
import ipcbench.os.Sockets;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code udp}: UDP datagrams over 127.0.0.1 through the JDK's DatagramChannel (an IPv4 socket, IPv6 for an IPv6
 * data address), both ends bound to loopback (across a link: the server to the trial's
 * {@link ipcbench.mechanism.DataAddress}, the client to the address it sends from) and connected to each other,
 * blocking.
 *
 * <p>One round trip: the client write(2)s one N-byte datagram; the echo thread's blocked read(2) returns it and
 * it write(2)s the same buffer back; the client's read(2) returns it. One streaming batch: the client write(2)s
 * W datagrams, read(2)s the server's 1-byte acknowledgement, and so on until the batch's last window is
 * acknowledged; the server read(2)s each datagram (and compares it when verifying).
 *
 * <p>UDP drops a datagram when the receiver's buffer is full, so the window W is what keeps a batch lossless: both
 * ends ask for SO_RCVBUF and SO_SNDBUF of min(net.core.rmem_max / wmem_max, 4 MiB) (the kernel grants twice the
 * request), and the server sets W so that W datagrams take at most half its granted receive buffer, counting each
 * datagram as 2 N + 1024 bytes of kernel memory, a pessimistic bound of what the kernel charges (docs/mechanisms.md).
 * Limit: 65507 bytes, the IPv4 datagram maximum (65535 - 20 - 8 header bytes).
 *
 * <p>Setup: the client connects, then sends a hello, the trial's {@link ipcbench.mechanism.PeerToken} (16 bytes),
 * from which the server learns its port and connects back; a datagram that is not the token is ignored (any local
 * user can send to the port), and once connected the kernel delivers only the client's datagrams. The client waits
 * for the server's 1-byte reply before its first request, because the JDK's connect() discards datagrams already
 * queued. At close the client disconnects and sends the empty end-of-session datagram
 * unconnected (the JDK sends nothing for an empty buffer on a connected channel). A datagram lost anyway ends
 * the waiting client after five seconds through the {@link ReplyGuard}.
 */
public final class UdpMechanism extends DatagramFamily {
    static final int MAX_DATAGRAM_BYTES = 65507;
    private static final int REPLY_BYTES = 1;
    static final int KERNEL_BYTES_PER_DATAGRAM_OVERHEAD = 1024;

    /**
     * Under load nothing paces the sender (a UDP send never waits for the receiver), so a full socket buffer drops
     * datagrams; the open-loop client counts them as lost from the sequence numbers (loopback keeps their order).
     */
    @Override
    public boolean losesUnderLoad() {
        return true;
    }

    /** Its server binds the trial's data address and its client dials it. */
    @Override
    public String whyHostLocal() {
        return null;
    }

    @Override
    public String whyNoFanOut() {
        return "its fan-out is multicast on loopback, which is not built yet";
    }

    @Override
    public String id() {
        return "udp";
    }

    @Override
    public int maxPayloadBytes() {
        return MAX_DATAGRAM_BYTES;
    }

    /** The connected channel's calls, or plain write(2)/read(2) on its descriptor ({@link DirectPort}). */
    @Override
    public List<Io> ios() {
        return List.of(Io.JDK, Io.DIRECT);
    }

    private static MessagePort port(DatagramChannel channel, Trial trial) throws IOException {
        Port jdk = new Port(channel);
        return trial.io() == Io.DIRECT ? new DirectPort(jdk, Descriptors.number(channel)) : jdk;
    }

    @Override
    protected Endpoint bind(Trial trial) throws IOException {
        DatagramChannel channel = open(trial.address());
        int window;
        String port;
        try {
            port = Integer.toString(trial.address().firstFree(at -> {
                channel.bind(at);
                return ((InetSocketAddress) channel.getLocalAddress()).getPort();
            }));
            window = windowFor(trial, channel.getOption(StandardSocketOptions.SO_RCVBUF));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Endpoint() {
            @Override
            public String address() {
                return port;
            }

            @Override
            public int windowMessages() {
                return window;
            }

            @Override
            public MessagePort accept() throws IOException {
                SocketAddress client = awaitHello(channel, trial);
                // connect(), in the JDK, discards what is queued: the client sends nothing until this reply
                channel.connect(client);
                channel.write(ByteBuffer.allocateDirect(REPLY_BYTES));
                return port(channel, trial);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    protected MessagePort connectPort(Trial trial, String address) throws IOException {
        DatagramChannel channel = open(trial.address());
        try {
            InetSocketAddress server = trial.address().at(Integer.parseInt(address));
            channel.bind(new InetSocketAddress(trial.address().sourceAddress(), 0));
            channel.connect(server);
            // hello: tells the server our port; its reply says it is connected to us and will drop nothing more
            channel.write(trial.token().toBuffer());
            channel.socket().setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(ReplyGuard.STALL_NS));
            try {
                channel.socket().receive(new DatagramPacket(new byte[REPLY_BYTES], REPLY_BYTES));
            } catch (SocketTimeoutException e) {
                throw new IOException("udp: the echo server did not answer the hello within "
                        + TimeUnit.NANOSECONDS.toSeconds(ReplyGuard.STALL_NS) + " s", e);
            }
            channel.socket().setSoTimeout(0);
            return port(channel, trial);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The sender of the first datagram that is exactly the trial's token; others are ignored (named on stderr). */
    private static SocketAddress awaitHello(DatagramChannel channel, Trial trial) throws IOException {
        ByteBuffer hello = ByteBuffer.allocateDirect(PeerToken.BYTES + 1);
        while (true) {
            hello.clear();
            SocketAddress sender = channel.receive(hello);
            if (trial.token().matches(hello.flip())) {
                return sender;
            }
            System.err.println("udp: ignored a " + hello.remaining() + "-byte datagram from " + sender
                    + " that is not the trial's token");
        }
    }

    /** Requests per acknowledgement: half the granted receive buffer, at a pessimistic kernel cost per datagram. */
    static int windowFor(Trial trial, int grantedReceiveBufferBytes) {
        long perDatagram = 2L * trial.payloadBytes() + KERNEL_BYTES_PER_DATAGRAM_OVERHEAD;
        long fits = grantedReceiveBufferBytes / 2 / perDatagram;
        return (int) Math.max(1, Math.min(trial.batchMessages(), fits));
    }

    private static DatagramChannel open(DataAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                address.inet() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferRequestBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferRequestBytes());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The connected descriptor through plain write(2) and read(2) ({@code --io direct}): read(2) returns an empty
     * datagram, the end-of-session message, as 0. The JDK's port sends that message (unconnected) and closes.
     */
    private static final class DirectPort implements MessagePort {
        private final Port jdk;
        private final int fd;
        private final DirectCalls sends;
        private final DirectCalls receives;
        private final BufferAddress sendAddress = new BufferAddress();
        private final BufferAddress receiveAddress = new BufferAddress();
        /** Set by the reply guard before it shuts the socket down; read by a spinning receive. */
        private volatile boolean aborted;

        DirectPort(Port jdk, int fd) {
            this.jdk = jdk;
            this.fd = fd;
            this.sends = DirectCalls.on(fd);
            this.receives = DirectCalls.on(fd);
        }

        @Override
        public void send(ByteBuffer message, int bytes) throws IOException {
            if (bytes == 0) {
                jdk.send(message, 0);
                return;
            }
            long address = sendAddress.of(message);
            while (sends.write(address, bytes) < 0) {
                // a non-blocking socket (the spinning wait) with a full send buffer says EAGAIN: try again
                retryable(sends.errno(), "write(" + bytes + " B)");
            }
        }

        @Override
        public int receive(ByteBuffer message) throws IOException {
            long address = receiveAddress.of(message);
            long bytes;
            while ((bytes = receives.read(address, message.capacity())) < 0) {
                retryable(receives.errno(), "read");
            }
            return (int) bytes;
        }

        @Override
        public int receiveNow(ByteBuffer message) throws IOException {
            long bytes = receives.read(receiveAddress.of(message), message.capacity());
            if (bytes >= 0) {
                return (int) bytes;
            }
            retryable(receives.errno(), "read");
            // a shut-down socket still answers a non-blocking read with EAGAIN: the abort flag ends the spin
            return aborted ? 0 : NOTHING;
        }

        private static void retryable(int errno, String call) throws IOException {
            if (!DirectCalls.retryable(errno)) {
                throw new IOException("udp: " + call + " failed: " + Native.describeErrno(errno));
            }
        }

        @Override
        public void prepareToSpin() throws IOException {
            NonBlocking.set(fd);
        }

        @Override
        public void abort() throws IOException {
            aborted = true;
            // wakes a read(2) blocked on this socket, which then returns 0
            Native.check(Sockets.INSTANCE.shutdown(fd, Sockets.SHUT_RDWR), "udp: shutdown", null);
        }

        @Override
        public void close() throws IOException {
            jdk.close();
        }
    }

    /** A connected channel: write(2) and read(2) of one datagram, the JDK's path for direct buffers. */
    private static final class Port implements MessagePort {
        private final DatagramChannel channel;

        Port(DatagramChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(ByteBuffer message, int bytes) throws IOException {
            if (bytes == 0) {
                // the JDK writes nothing for an empty buffer on a connected channel, so end the session unconnected
                SocketAddress server = channel.getRemoteAddress();
                channel.disconnect();
                channel.send(ByteBuffer.allocateDirect(0), server);
                return;
            }
            message.limit(bytes).position(0);
            channel.write(message);
        }

        @Override
        public int receive(ByteBuffer message) throws IOException {
            message.clear();
            // the JDK reports an empty datagram, the end-of-session message, as -1
            return Math.max(0, channel.read(message));
        }

        @Override
        public int receiveNow(ByteBuffer message) throws IOException {
            message.clear();
            // non-blocking: 0 when no datagram waits; an empty datagram, the end-of-session message, is -1
            int bytes = channel.read(message);
            return bytes == 0 ? NOTHING : Math.max(0, bytes);
        }

        @Override
        public void prepareToSpin() throws IOException {
            channel.configureBlocking(false);
        }

        @Override
        public void abort() throws IOException {
            // closing a channel wakes the thread blocked in it with AsynchronousCloseException
            channel.close();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
