package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The child's end of {@code aeron-ipc}: the media driver, and the echo loop on the main thread. See
 * {@link AeronIpcMechanism}.
 */
final class AeronEchoServer implements EchoServer, FragmentHandler {
    private static final long CLIENT_WAIT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int FRAGMENTS_PER_POLL = 16;

    private final Trial trial;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final Subscription requests;
    private final ExclusivePublication replies;
    private final AeronErrors errors;
    private final IdleStrategy idle = new YieldingIdleStrategy();
    private final IdleStrategy offerIdle = new YieldingIdleStrategy();
    private final UnsafeBuffer expected;
    private final UnsafeBuffer received = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer ack = new UnsafeBuffer(new byte[1]);
    /** Checked only while an offer is back-pressured. */
    private final AeronIpcMechanism.Liveness clientAlive;
    private int messagesInBatch;
    private long messagesReceived;
    /** What a fragment handler found wrong: Aeron's poll catches exceptions thrown in a handler, so it is kept here. */
    private IOException failure;

    private AeronEchoServer(Trial trial, MediaDriver driver, Aeron aeron, Subscription requests,
                            ExclusivePublication replies, AeronErrors errors) {
        this.trial = trial;
        this.driver = driver;
        this.aeron = aeron;
        this.requests = requests;
        this.replies = replies;
        this.errors = errors;
        this.clientAlive = () -> errors.throwIfAny(null);
        this.expected = trial.verify() ? new UnsafeBuffer(Payload.allocate(trial.payloadBytes(), trial.seed())) : null;
    }

    static AeronEchoServer start(Trial trial) throws IOException {
        MediaDriver driver = null;
        Aeron aeron = null;
        AeronErrors errors = new AeronErrors("echo server");
        try {
            driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(trial.file(AeronIpcMechanism.DIRECTORY).toString())
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new BackoffIdleStrategy()));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())
                    .errorHandler(errors));
            Subscription requests = aeron.addSubscription(AeronIpcMechanism.CHANNEL, AeronIpcMechanism.REQUEST_STREAM);
            ExclusivePublication replies = aeron.addExclusivePublication(AeronIpcMechanism.CHANNEL,
                    AeronIpcMechanism.REPLY_STREAM);
            return new AeronEchoServer(trial, driver, aeron, requests, replies, errors);
        } catch (RuntimeException e) {
            CloseHelper.quietCloseAll(aeron, driver);
            throw new IOException("aeron: cannot start the media driver in " + trial.file(AeronIpcMechanism.DIRECTORY)
                    + ": " + e, e);
        }
    }

    /** The Aeron directory the parent's client connects to. */
    @Override
    public String address() {
        return driver.aeronDirectoryName();
    }

    @Override
    public void serve() throws IOException {
        Image image = awaitClient();
        FragmentHandler handler = new FragmentAssembler(this);
        while (true) {
            if (image.poll(handler, FRAGMENTS_PER_POLL) > 0) {
                if (failure != null) {
                    throw failure;
                }
                idle.reset();
            } else {
                errors.throwIfAny(null);
                if (image.isEndOfStream() || image.isClosed()) {
                    return;
                }
                idle.idle();
            }
        }
    }

    private Image awaitClient() throws IOException {
        long deadlineNs = System.nanoTime() + CLIENT_WAIT_NS;
        while (requests.imageCount() == 0 || !replies.isConnected()) {
            errors.throwIfAny(null);
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("aeron: the client did not connect within 30 s");
            }
            idle.idle();
        }
        return requests.imageAtIndex(0);
    }

    /** One whole (reassembled) request: echoed, or counted and checked. Runs on the main thread, inside poll. */
    @Override
    public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if (failure != null) {
            return;
        }
        try {
            if (length != trial.payloadBytes()) {
                throw new IOException("aeron: a " + length + "-byte message in a " + trial.payloadBytes() + "-byte trial");
            }
            if (trial.mode() == Exchange.LATENCY) {
                AeronIpcMechanism.offer(replies, buffer, offset, length, offerIdle, clientAlive);
                return;
            }
            if (expected != null) {
                received.wrap(buffer, offset, length);
                if (expected.compareTo(received) != 0) {
                    throw Payload.differs("streamed message " + messagesReceived, firstDifference(received), length);
                }
            }
            messagesReceived++;
            if (++messagesInBatch == trial.batchMessages()) {
                messagesInBatch = 0;
                AeronIpcMechanism.offer(replies, ack, 0, 1, offerIdle, clientAlive);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Where a message that verify found different first differs; only called once it does. */
    private int firstDifference(DirectBuffer message) {
        int at = 0;
        while (at < message.capacity() && expected.getByte(at) == message.getByte(at)) {
            at++;
        }
        return at;
    }

    /** Closes the streams and this process's Aeron client, then the driver (which deletes its directory). */
    @Override
    public void close() {
        CloseHelper.closeAll(replies, requests, aeron, driver);
    }
}
