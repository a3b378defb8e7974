package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The child's end of {@code aeron-ipc} and {@code aeron-udp}: the media driver, and the echo loop on the main thread;
 * the streams come from the mechanism's {@link AeronTransport}. See {@link AeronIpcMechanism} and
 * {@link AeronUdpMechanism}. The loop ends when the client's image ends or closes, or at the client's goodbye (a
 * 0-byte message, which only a client with a driver of its own sends: its stream's end might not leave that driver).
 */
final class AeronEchoServer implements EchoServer, FragmentHandler {
    private static final long CLIENT_WAIT_NS = TimeUnit.SECONDS.toNanos(AeronTransport.CONNECT_WITHIN_S);

    private final Trial trial;
    private final AeronTransport transport;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final Subscription requests;
    private final ExclusivePublication replies;
    private final String address;
    private final AeronErrors errors;
    private final IdleStrategy idle = new YieldingIdleStrategy();
    private final IdleStrategy offerIdle = new YieldingIdleStrategy();
    private final UnsafeBuffer expected;
    private final UnsafeBuffer received = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer ack = new UnsafeBuffer(new byte[1]);
    /** Checked only while an offer is back-pressured. */
    private final AeronTransport.Liveness clientAlive;
    /** Set by a 0-byte message: the client's goodbye ({@link AeronClient#close}), which ends the loop. */
    private boolean goodbye;
    private int messagesInBatch;
    private long messagesReceived;
    /** What a fragment handler found wrong: Aeron's poll catches exceptions thrown in a handler, so it is kept here. */
    private IOException failure;

    private AeronEchoServer(Trial trial, AeronTransport transport, MediaDriver driver, Aeron aeron,
                            AeronTransport.ServerStreams streams, AeronErrors errors) {
        this.trial = trial;
        this.transport = transport;
        this.driver = driver;
        this.aeron = aeron;
        this.requests = streams.requests();
        this.replies = streams.replies();
        this.address = streams.address();
        this.errors = errors;
        this.clientAlive = () -> errors.throwIfAny(null);
        this.expected = trial.verify() ? new UnsafeBuffer(Payload.allocate(trial.payloadBytes(), trial.seed())) : null;
    }

    static AeronEchoServer start(Trial trial, AeronTransport transport) throws IOException {
        MediaDriver driver = null;
        Aeron aeron = null;
        AeronErrors errors = new AeronErrors(transport.mechanismId(), "echo server");
        Path directory = trial.file(AeronTransport.SERVER_DIRECTORY);
        try {
            driver = AeronTransport.launchDriver(directory, null);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())
                    .errorHandler(errors));
        } catch (RuntimeException e) {
            CloseHelper.quietCloseAll(aeron, driver);
            throw new IOException("aeron: cannot start the media driver in " + directory + ": " + e, e);
        }
        try {
            AeronTransport.ServerStreams streams = transport.openServerStreams(trial, aeron,
                    driver.aeronDirectoryName());
            return new AeronEchoServer(trial, transport, driver, aeron, streams, errors);
        } catch (IOException | RuntimeException e) {
            CloseHelper.quietCloseAll(aeron, driver);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(transport.mechanismId() + ": cannot open the echo server's streams: " + e, e);
        }
    }

    /** What the client needs: the Aeron directory ({@code aeron-ipc}), the ports ({@code aeron-udp}). */
    @Override
    public String address() {
        return address;
    }

    @Override
    public void serve() throws IOException {
        Image image = transport.authenticates() ? admitClient()
                : AeronTransport.awaitStreams(requests, replies, errors, idle, "the client");
        AeronTransport.pollUntilEnd(image, new FragmentAssembler(this), idle, errors, () -> {
            if (failure != null) {
                throw failure;
            }
            return goodbye;
        });
    }

    /**
     * The client's image, among any others: the one whose first message is the trial's token ({@link AeronTokenGate}).
     * Once the reply stream is connected, the token goes back as its first message, for the client's own check.
     */
    private Image admitClient() throws IOException {
        long deadlineNs = System.nanoTime() + CLIENT_WAIT_NS;
        Image image = AeronTokenGate.admit(requests, trial.token(), deadlineNs, idle, clientAlive,
                transport.mechanismId(), "the request stream");
        idle.reset();
        while (!replies.isConnected()) {
            errors.throwIfAny(null);
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("aeron: the client's reply subscription did not connect within 30 s");
            }
            idle.idle();
        }
        UnsafeBuffer token = new UnsafeBuffer(trial.token().toBuffer());
        AeronTransport.offer(replies, token, 0, token.capacity(), offerIdle, clientAlive);
        return image;
    }

    /** One whole (reassembled) request: echoed, or counted and checked. Runs on the main thread, inside poll. */
    @Override
    public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if (failure != null) {
            return;
        }
        if (length == 0) {
            goodbye = true;
            return;
        }
        try {
            if (length != trial.payloadBytes()) {
                throw new IOException("aeron: a " + length + "-byte message in a " + trial.payloadBytes() + "-byte trial");
            }
            if (trial.mode() == Exchange.LATENCY) {
                AeronTransport.offer(replies, buffer, offset, length, offerIdle, clientAlive);
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
                AeronTransport.offer(replies, ack, 0, 1, offerIdle, clientAlive);
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
