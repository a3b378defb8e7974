package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import ipcbench.mechanism.PollingLoadClient;
import ipcbench.mechanism.Trial;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The parent's end of {@code aeron-ipc} and {@code aeron-udp}: see {@link AeronIpcMechanism} and
 * {@link AeronUdpMechanism}; the channels, and whose media driver it uses, come from the mechanism's
 * {@link AeronTransport}. Allocation-free per operation.
 */
final class AeronClient implements PollingLoadClient, FragmentHandler {
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Empty polls between two checks that the child still runs (its death would otherwise go unnoticed). */
    private static final int LIVENESS_EVERY = 4096;
    /** How long a client with its own driver waits, after its goodbye, for the child to end before it closes. */
    static final long GOODBYE_WAIT_MS = 5_000;

    /** The media driver this client launched ({@code aeron-udp}), or null when it uses the child's. */
    private final MediaDriver ownDriver;
    private final Aeron aeron;
    private final ExclusivePublication requests;
    private final Subscription replies;
    private final Image replyImage;
    private final Process child;
    private final AeronErrors errors;
    private final FragmentHandler assembler = new FragmentAssembler(this);
    private final IdleStrategy idle = new YieldingIdleStrategy();
    private final UnsafeBuffer outgoing = new UnsafeBuffer(new byte[0]);
    private final AeronTransport.Liveness liveness = this::checkLiveness;
    private int idleCount;
    /** The sending thread's own buffer, idle strategy and liveness counter under open-loop load. */
    private final UnsafeBuffer sendOutgoing = new UnsafeBuffer(new byte[0]);
    private final IdleStrategy sendIdle = new YieldingIdleStrategy();
    private final AeronTransport.Liveness sendLiveness = this::checkSenderLiveness;
    private int sendIdleCount;
    private ByteBuffer response;
    private int repliesReceived;
    /** Aeron's poll catches exceptions thrown in a handler, so a wrong reply is kept here and thrown after it. */
    private IOException wrongReply;
    private boolean closed;

    private AeronClient(MediaDriver ownDriver, Aeron aeron, ExclusivePublication requests,
                        Subscription replies, Image replyImage, Process child, AeronErrors errors) {
        this.ownDriver = ownDriver;
        this.aeron = aeron;
        this.requests = requests;
        this.replies = replies;
        this.replyImage = replyImage;
        this.child = child;
        this.errors = errors;
    }

    /**
     * Connects to the echo server the child reported at {@code serverAddress}: through the child's media driver
     * ({@code aeron-ipc}: the address is its directory) or through one this client launches in its own side's
     * private directory ({@code aeron-udp}), which then lives as long as the client.
     */
    static AeronClient connect(Trial trial, AeronTransport transport, String serverAddress, Process child)
            throws IOException {
        String id = transport.mechanismId();
        AeronErrors errors = new AeronErrors(id, "parent");
        MediaDriver ownDriver = transport.launchClientDriver(trial);
        String aeronDirectory = ownDriver == null ? serverAddress : ownDriver.aeronDirectoryName();
        Aeron aeron;
        try {
            aeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(aeronDirectory)
                    .errorHandler(errors)
                    .threadFactory(runnable -> {
                        Thread thread = new Thread(runnable, id + "-client-conductor");
                        thread.setDaemon(true);
                        return thread;
                    }));
        } catch (RuntimeException e) {
            CloseHelper.quietClose(ownDriver);
            throw new IOException("aeron: cannot connect to the " + (ownDriver == null ? "child's" : "client's")
                    + " media driver in " + aeronDirectory + ": " + e, e);
        }
        try {
            ExclusivePublication requests = aeron.addExclusivePublication(
                    transport.clientRequestChannel(trial, serverAddress), AeronTransport.REQUEST_STREAM);
            Subscription replies = aeron.addSubscription(transport.clientReplyChannel(trial, serverAddress),
                    AeronTransport.REPLY_STREAM);
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
            Image replyImage = transport.authenticates()
                    ? presentToken(trial, requests, replies, child, errors, id)
                    : replies.imageAtIndex(0);
            return new AeronClient(ownDriver, aeron, requests, replies, replyImage, child, errors);
        } catch (InterruptedException e) {
            CloseHelper.quietCloseAll(aeron, ownDriver);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        } catch (IOException | RuntimeException e) {
            CloseHelper.quietCloseAll(aeron, ownDriver);
            throw e;
        }
    }

    /**
     * Sends the trial's token as the first request message and returns the reply image whose first message is the
     * token too (the server's answer; {@link AeronTokenGate}): only then do measured requests follow.
     */
    private static Image presentToken(Trial trial, ExclusivePublication requests, Subscription replies, Process child,
                                      AeronErrors errors, String id) throws IOException {
        AeronTransport.Liveness alive = () -> {
            errors.throwIfAny(null);
            if (!child.isAlive()) {
                throw new IOException("aeron: the echo server exited while the client connected");
            }
        };
        IdleStrategy idle = new YieldingIdleStrategy();
        UnsafeBuffer token = new UnsafeBuffer(trial.token().toBuffer());
        AeronTransport.offer(requests, token, 0, token.capacity(), idle, alive);
        return AeronTokenGate.admit(replies, trial.token(), System.nanoTime() + CONNECT_TIMEOUT_NS, idle, alive, id,
                "the reply stream");
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
            AeronTransport.offer(requests, outgoing, 0, outgoing.capacity(), idle, liveness);
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
        AeronTransport.offer(requests, sendOutgoing, 0, sendOutgoing.capacity(), sendIdle, sendLiveness);
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
     * The session closes this before it stops the child, so the driver outlives its client. With a driver of its own
     * ({@code aeron-udp}) the client first says goodbye (a 0-byte request) and keeps its driver until the child has
     * ended, at most {@link #GOODBYE_WAIT_MS}: a stream's end travels only in a heartbeat some time after the close,
     * which a driver closed at once would never send, and the child would then wait out Aeron's image timeout.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownDriver == null) {
            aeron.close();
            return;
        }
        try {
            sayGoodbye();
        } finally {
            CloseHelper.closeAll(aeron, ownDriver);
        }
    }

    private void sayGoodbye() {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GOODBYE_WAIT_MS);
        try {
            while (child.isAlive() && !requests.isClosed()) {
                long result = requests.offer(outgoing, 0, 0);
                if (result >= 0) {
                    child.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())),
                            TimeUnit.MILLISECONDS);
                    return;
                }
                if ((result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
                        || System.nanoTime() - deadlineNs > 0) {
                    return; // not connected or closed: the child learns it otherwise, and the session stops it
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
