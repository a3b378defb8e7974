package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import ipcbench.mechanism.PollingLoadClient;
import ipcbench.mechanism.Trial;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** The parent's end of {@code aeron-ipc}: see {@link AeronIpcMechanism}. Allocation-free per operation. */
final class AeronClient implements PollingLoadClient, FragmentHandler {
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Empty polls between two checks that the child still runs (its death would otherwise go unnoticed). */
    private static final int LIVENESS_EVERY = 4096;

    private final Aeron aeron;
    private final ExclusivePublication requests;
    private final Subscription replies;
    private final Image replyImage;
    private final Process child;
    private final AeronErrors errors;
    private final FragmentHandler assembler = new FragmentAssembler(this);
    private final IdleStrategy idle = new YieldingIdleStrategy();
    private final UnsafeBuffer outgoing = new UnsafeBuffer(new byte[0]);
    private final AeronIpcMechanism.Liveness liveness = this::checkLiveness;
    private int idleCount;
    /** The sending thread's own buffer, idle strategy and liveness counter under open-loop load. */
    private final UnsafeBuffer sendOutgoing = new UnsafeBuffer(new byte[0]);
    private final IdleStrategy sendIdle = new YieldingIdleStrategy();
    private final AeronIpcMechanism.Liveness sendLiveness = this::checkSenderLiveness;
    private int sendIdleCount;
    private ByteBuffer response;
    private int repliesReceived;
    /** Aeron's poll catches exceptions thrown in a handler, so a wrong reply is kept here and thrown after it. */
    private IOException wrongReply;

    private AeronClient(Aeron aeron, ExclusivePublication requests, Subscription replies, Image replyImage,
                        Process child, AeronErrors errors) {
        this.aeron = aeron;
        this.requests = requests;
        this.replies = replies;
        this.replyImage = replyImage;
        this.child = child;
        this.errors = errors;
    }

    static AeronClient connect(Trial trial, String aeronDirectory, Process child) throws IOException {
        AeronErrors errors = new AeronErrors("parent");
        Aeron aeron;
        try {
            aeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(aeronDirectory)
                    .errorHandler(errors)
                    .threadFactory(runnable -> {
                        Thread thread = new Thread(runnable, "aeron-ipc-client-conductor");
                        thread.setDaemon(true);
                        return thread;
                    }));
        } catch (RuntimeException e) {
            throw new IOException("aeron: cannot connect to the child's media driver in " + aeronDirectory + ": " + e, e);
        }
        try {
            ExclusivePublication requests = aeron.addExclusivePublication(AeronIpcMechanism.CHANNEL,
                    AeronIpcMechanism.REQUEST_STREAM);
            Subscription replies = aeron.addSubscription(AeronIpcMechanism.CHANNEL, AeronIpcMechanism.REPLY_STREAM);
            long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
            while (!requests.isConnected() || replies.imageCount() == 0) {
                errors.throwIfAny(null);
                if (!child.isAlive()) {
                    throw new IOException("aeron: the echo server exited while the client connected");
                }
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IOException("aeron: the streams did not connect within 10 s");
                }
                Thread.sleep(1);
            }
            return new AeronClient(aeron, requests, replies, replies.imageAtIndex(0), child, errors);
        } catch (InterruptedException e) {
            aeron.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        } catch (IOException | RuntimeException e) {
            aeron.close();
            throw e;
        }
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        outgoing.wrap(request);
        offerRequest();
        this.response = response;
        awaitReply();
    }

    @Override
    public void stream(ByteBuffer request, int messages) throws IOException {
        outgoing.wrap(request);
        for (int i = 0; i < messages; i++) {
            offerRequest();
        }
        this.response = null;
        awaitReply();
    }

    /** Offers {@code outgoing}; a failed offer names the Aeron client's own failure when there was one. */
    private void offerRequest() throws IOException {
        try {
            AeronIpcMechanism.offer(requests, outgoing, 0, outgoing.capacity(), idle, liveness);
        } catch (IOException e) {
            errors.throwIfAny(e);
            throw e;
        }
    }

    /**
     * Open-loop load: offers one request, retrying while back-pressured. Uses only its own buffer and idle strategy,
     * so a receiving thread may poll the reply stream at the same time (one publication, one subscription image).
     */
    @Override
    public void send(ByteBuffer request) throws IOException {
        sendOutgoing.wrap(request);
        AeronIpcMechanism.offer(requests, sendOutgoing, 0, sendOutgoing.capacity(), sendIdle, sendLiveness);
    }

    /** Open-loop load: polls until the next echo has been copied into {@code response}. */
    @Override
    public void receive(ByteBuffer response) throws IOException {
        this.response = response;
        awaitReply();
    }

    /**
     * Open-loop load on one thread: one offer; false when back-pressured (the echo thread has not drained the
     * request stream: polling the replies lets it go on).
     */
    @Override
    public boolean trySend(ByteBuffer request) throws IOException {
        sendOutgoing.wrap(request);
        long result = requests.offer(sendOutgoing, 0, sendOutgoing.capacity());
        if (result >= 0) {
            return true;
        }
        if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION) {
            errors.throwIfAny(null);
            throw new IOException("aeron: offer of " + sendOutgoing.capacity() + " bytes on stream "
                    + requests.streamId() + " failed: " + Publication.errorString(result));
        }
        checkSenderLiveness();
        return false;
    }

    /** Open-loop load on one thread: one poll of the reply stream; true when a whole echo was copied. */
    @Override
    public boolean poll(ByteBuffer response) throws IOException {
        this.response = response;
        repliesReceived = 0;
        if (replyImage.poll(assembler, 1) == 0) {
            checkLiveness();
            return false;
        }
        if (wrongReply != null) {
            IOException wrong = wrongReply;
            wrongReply = null;
            throw wrong;
        }
        return repliesReceived > 0;
    }

    private void awaitReply() throws IOException {
        repliesReceived = 0;
        idle.reset();
        while (repliesReceived == 0) {
            if (replyImage.poll(assembler, 1) == 0) {
                checkLiveness();
                idle.idle();
            } else if (wrongReply != null) {
                IOException wrong = wrongReply;
                wrongReply = null;
                throw wrong;
            }
        }
    }

    /** A reply: the echo, copied into the response buffer, or a batch's acknowledgement. */
    @Override
    public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if (response != null) {
            if (length != response.capacity()) {
                wrongReply = new IOException("aeron: echo of " + length + " bytes for a " + response.capacity()
                        + "-byte request");
                return;
            }
            buffer.getBytes(offset, response, 0, length);
        }
        repliesReceived++;
    }

    private void checkLiveness() throws IOException {
        if (++idleCount % LIVENESS_EVERY != 0) {
            return;
        }
        errors.throwIfAny(null);
        if (replyImage.isClosed() || replyImage.isEndOfStream()) {
            throw new IOException("aeron: the echo server closed its reply stream");
        }
        if (!child.isAlive()) {
            throw new IOException("aeron: the echo server exited (exit code " + child.exitValue() + ")");
        }
    }

    /** The sender's check, on its idle path only: the child must still run. */
    private void checkSenderLiveness() throws IOException {
        if (++sendIdleCount % LIVENESS_EVERY == 0 && !child.isAlive()) {
            throw new IOException("aeron: the echo server exited (exit code " + child.exitValue() + ")");
        }
    }

    /**
     * Closes both streams and the client; the child sees end-of-stream and ends its loop, then closes its driver.
     * The session closes this before it stops the child, so the driver outlives its client.
     */
    @Override
    public void close() {
        aeron.close();
    }
}
