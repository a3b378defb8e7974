package ipcbench.mechanism.datagram;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.ProcSys;

import java.io.IOException;
import java.util.List;

/**
 * The message family (UDP, Unix datagram sockets, POSIX and System V message queues): every operation moves one
 * whole message, so they differ only in how a {@link MessagePort} is opened and how it sends and receives one
 * message; one echo loop ({@link DatagramEchoServer}) and one client ({@link DatagramClient}) serve them all.
 *
 * <p>Protocol, the same for all: the client's requests are payload-sized messages; latency mode echoes each whole;
 * throughput mode acknowledges with a 1-byte message after every {@code window} requests and after the last of a
 * batch. The server chooses the window (it owns the receive buffer a lossy transport must not overrun) and
 * reports it with its address as {@code "<window> <transport address>"}. A 0-byte message from the client ends the
 * session. A transport that gives no end-of-file when its peer dies is covered by the client's {@link ReplyGuard}.
 *
 * <p>Every message transport runs under open-loop load: the echo loop answers message by message and the port keeps
 * its send and receive sides apart, so one thread sends while another receives; a full queue or socket blocks the
 * sender (the window is the transport's own).
 */
public abstract class DatagramFamily implements Mechanism, OpenLoad {
    /** The child's bound end: its address, then the port once the client is there. */
    protected interface Endpoint extends AutoCloseable {
        String address();

        /** Requests per acknowledgement in throughput mode, 1 .. the trial's batch. */
        int windowMessages();

        /** Blocks until the client is there (for sockets: its first, empty message). */
        MessagePort accept() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Child side: binds or opens the server end without waiting for the client. */
    protected abstract Endpoint bind(Trial trial) throws IOException;

    /** Socket buffers asked of the kernel: the host's maximum (net.core.rmem_max / wmem_max), at most 4 MiB. */
    static final int BUFFER_REQUEST_CAP_BYTES = 4 << 20;

    protected static int receiveBufferRequestBytes() {
        return bufferRequestBytes("/proc/sys/net/core/rmem_max");
    }

    protected static int sendBufferRequestBytes() {
        return bufferRequestBytes("/proc/sys/net/core/wmem_max");
    }

    private static int bufferRequestBytes(String procMax) {
        return Math.min(BUFFER_REQUEST_CAP_BYTES, ProcSys.readInt(procMax).orElse(BUFFER_REQUEST_CAP_BYTES));
    }

    /** Parent side: opens the client's port to the endpoint the child reported at {@code address}. */
    protected abstract MessagePort connectPort(Trial trial, String address) throws IOException;

    /** Every message transport can block or spin ({@link MessagePort#receiveNow}). */
    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN);
    }

    @Override
    public final EchoServer openServer(Trial trial) throws IOException {
        return new DatagramEchoServer(trial, bind(trial));
    }

    @Override
    public final EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        int space = serverAddress.indexOf(' ');
        if (space < 1) {
            throw new IOException(id() + ": the echo server reported '" + serverAddress + "', expected '<window> <address>'");
        }
        int window = Integer.parseInt(serverAddress.substring(0, space));
        MessagePort port = connectPort(trial, serverAddress.substring(space + 1));
        if (trial.spins()) {
            try {
                port.prepareToSpin();
            } catch (IOException e) {
                port.close();
                throw e;
            }
        }
        return new DatagramClient(id(), trial, window, port, new ReplyGuard(id(), port, child));
    }
}
