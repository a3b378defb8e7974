package ipcbench.mechanism.rpc;

import io.aeron.ChannelUriStringBuilder;
import io.aeron.Publication;
import io.aeron.logbuffer.FrameDescriptor;
import ipcbench.mechanism.Availability;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Trial;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;

/**
 * {@code aeron-ipc}: Aeron's IPC transport ({@code aeron:ipc}): a publication writes into a memory-mapped log
 * buffer that the subscriber in the other process reads directly; no syscall on the data path. Two streams: requests
 * (parent to child) and replies (child to parent), each one exclusive publication and one subscription.
 *
 * <p>Who runs what: the child launches an embedded media driver whose directory is {@code aeron} in the trial's
 * private directory (deleted on start and on shutdown, so nothing is left), then its own Aeron client; the parent's
 * Aeron client connects to that directory. Driver: {@link io.aeron.driver.ThreadingMode#SHARED} (conductor, sender
 * and receiver on one thread, unpinned) with Aeron's default {@link org.agrona.concurrent.BackoffIdleStrategy}
 * (spin, yield, then park 1 µs to 1 ms); for IPC the driver is off the data path except that its conductor advances
 * each publication's limit as the subscriber consumes. The measuring thread and the child's echo thread (its main
 * thread, pinned to the server CPU) poll with {@link org.agrona.concurrent.YieldingIdleStrategy}: an empty poll
 * calls sched_yield(2), so on separate CPUs they behave close to a busy spin and on one shared CPU they hand it to
 * the peer instead of burning their time slice. Each Aeron client also has its conductor thread (sleeps 16 ms
 * between duties, off the data path).
 *
 * <p>One round trip: the measuring thread offers N bytes on the request stream (copied into the log buffer, a
 * 32-byte frame header per fragment); the echo thread polls them from the shared log, offers them unchanged on the
 * reply stream; the measuring thread polls the reply and copies it into the response buffer. Messages above the
 * default IPC MTU (1408 B, 1376 B of payload per fragment) travel as several fragments that a FragmentAssembler joins
 * on the receiving side (one copy more).
 *
 * <p>One streaming batch: the measuring thread offers {@code messages} messages; when the request stream's window
 * (half a term) is full, offer returns BACK_PRESSURED and it retries (yielding) until the echo thread has consumed
 * enough: that is the flow control. The echo thread counts (and with verify, checks) messages and after
 * {@code batchMessages} offers a 1-byte acknowledgement on the reply stream.
 *
 * <p>Limit: a message may be at most 1/8 of the term length; the term length is fixed at 8 MiB for every payload size
 * (Aeron's IPC default is 64 MiB), so the limit is 1 MiB and each trial maps 2 streams × 3 terms × 8 MiB = 48 MiB of
 * log buffers in the private directory. Aeron's data path allocates nothing per message.
 */
public final class AeronIpcMechanism implements Mechanism {
    /** 8 MiB: a 1 MiB message fits (max message = term / 8) and two streams' logs stay at 48 MiB of files. */
    static final int TERM_LENGTH = 8 << 20;
    static final String CHANNEL = new ChannelUriStringBuilder().media("ipc").termLength(TERM_LENGTH).build();
    static final int REQUEST_STREAM = 1001;
    static final int REPLY_STREAM = 1002;
    /** The child's Aeron directory, inside the trial's private directory. */
    static final String DIRECTORY = "aeron";

    @Override
    public String id() {
        return "aeron-ipc";
    }

    @Override
    public String summary() {
        return "Aeron aeron:ipc, shared-memory log buffers, embedded media driver in the child";
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
