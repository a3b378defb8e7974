package ipcbench.mechanism.rpc;

import io.aeron.ChannelUriStringBuilder;
import io.aeron.Publication;
import io.aeron.logbuffer.FrameDescriptor;
import ipcbench.mechanism.Availability;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.util.List;

/**
 * {@code aeron-ipc}: Aeron's IPC transport, two streams (requests, replies) through memory-mapped log buffers; no
 * syscall on the data path. The child runs an embedded media driver in {@code aeron} under the trial's private
 * directory (so nothing outlives the trial); both hot threads poll with a yielding idle strategy.
 *
 * <p>One round trip: the measuring thread offers N bytes on the request stream, the echo thread polls them and offers
 * them back on the reply stream, the measuring thread polls the reply. One streaming batch: offers retried while
 * BACK_PRESSURED (the flow control), then a 1-byte acknowledgement. A message is at most term / 8 = 1 MiB. The
 * driver's threading and idle strategies are described in docs/mechanisms.md. Under open-loop load requests and
 * echoes are two independent streams: one thread offers and polls between offers.
 */
public final class AeronIpcMechanism implements Mechanism, OpenLoad {
    /** 8 MiB: a 1 MiB message fits (max message = term / 8) and two streams' logs stay at 48 MiB of files. */
    static final int TERM_LENGTH = 8 << 20;
    static final String CHANNEL = new ChannelUriStringBuilder().media("ipc").termLength(TERM_LENGTH).build();
    static final int REQUEST_STREAM = 1001;
    static final int REPLY_STREAM = 1002;
    /** The child's Aeron directory, inside the trial's private directory. */
    static final String DIRECTORY = "aeron";

    @Override
    public String whyHostLocal() {
        return "Aeron IPC shares log buffers in one machine's memory; aeron-udp is Aeron across hosts";
    }

    @Override
    public String id() {
        return "aeron-ipc";
    }

    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.SPIN);
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public int maxPayloadBytes() {
        return FrameDescriptor.computeMaxMessageLength(TERM_LENGTH);
    }

    @Override
    public EchoServer openServer(Trial trial) throws IOException {
        return AeronEchoServer.start(trial);
    }

    @Override
    public boolean pollsUnderLoad() {
        return true;
    }

    @Override
    public EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        return AeronClient.connect(trial, serverAddress, child);
    }

    /** Offers one message, retrying while back-pressured (the flow control) or while the log rotates a term. */
    static void offer(Publication publication, DirectBuffer buffer, int offset, int length, IdleStrategy idle,
                      Liveness liveness) throws IOException {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0) {
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION) {
                throw new IOException("aeron: offer of " + length + " bytes on stream " + publication.streamId()
                        + " failed: " + Publication.errorString(result));
            }
            liveness.check();
            idle.idle();
        }
    }

    /** A check made only on the idle path (every so many empty polls), never per message. */
    @FunctionalInterface
    interface Liveness {
        void check() throws IOException;
    }
}
