package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import ipcbench.mechanism.Trial;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Where the two Aeron streams of {@code aeron-ipc} and {@code aeron-udp} travel: the one thing in which the two
 * mechanisms differ. One echo loop ({@link AeronEchoServer}) and one client ({@link AeronClient}) serve both; a
 * transport names the channels, says whose media driver the client uses, and whether the client must prove itself
 * with the trial's token ({@link AeronTokenGate}) because others can reach the server.
 *
 * <p>Both transports: request stream {@value #REQUEST_STREAM} (client → echo server) and reply stream
 * {@value #REPLY_STREAM}, each carried by one exclusive publication, with a term length of {@link #TERM_LENGTH}.
 */
abstract class AeronTransport {
    /** 8 MiB: a 1 MiB message fits (max message = term / 8) and one stream's log stays at 24 MiB of files. */
    static final int TERM_LENGTH = 8 << 20;
    static final int REQUEST_STREAM = 1001;
    static final int REPLY_STREAM = 1002;
    /** The child's Aeron directory, inside its side's private directory. */
    static final String SERVER_DIRECTORY = "aeron";
    /** How long a server end waits for its peer's streams. */
    static final int CONNECT_WITHIN_S = 30;
    static final int FRAGMENTS_PER_POLL = 16;

    /** The mechanism's id, for messages and thread names. */
    abstract String mechanismId();

    /**
     * Whether the server is reachable by others than the trial's client, so that the client's first request message
     * must be the trial's token and the server's first reply message echoes it ({@link AeronTokenGate}).
     */
    abstract boolean authenticates();

    /**
     * Child side: the request subscription and the reply publication on the child's Aeron client (whose driver runs in
     * {@code driverDirectory}), and the address the child reports for the client.
     */
    abstract ServerStreams openServerStreams(Trial trial, Aeron aeron, String driverDirectory) throws IOException;

    /** Parent side: the media driver the client launches on its own side, or null when it uses the child's. */
    abstract MediaDriver launchClientDriver(Trial trial) throws IOException;

    /** Parent side: the channel of the client's request publication, toward the server the child reported. */
    abstract String clientRequestChannel(Trial trial, String serverAddress) throws IOException;

    /** Parent side: the channel of the client's reply subscription. */
    abstract String clientReplyChannel(Trial trial, String serverAddress) throws IOException;

    /** The child's two streams and what it reports to the parent. */
    record ServerStreams(Subscription requests, ExclusivePublication replies, String address) {
    }

    /**
     * An embedded media driver in {@code directory} (deleted on start and on shutdown), as both sides run theirs:
     * SHARED threading (conductor, sender and receiver on one thread) with Aeron's default back-off idle strategy;
     * its thread from {@code threads}, or Aeron's default (non-daemon) when null.
     */
    static MediaDriver launchDriver(Path directory, ThreadFactory threads) {
        MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(directory.toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy());
        if (threads != null) {
            context.sharedThreadFactory(threads);
        }
        return MediaDriver.launch(context);
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

    /**
     * The first image of {@code requests} once it has one and {@code replies} is connected; fails when {@code peer}
     * has not connected within {@value #CONNECT_WITHIN_S} s or the Aeron client failed.
     */
    static Image awaitStreams(Subscription requests, Publication replies, AeronErrors errors, IdleStrategy idle,
                              String peer) throws IOException {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_WITHIN_S);
        while (requests.imageCount() == 0 || !replies.isConnected()) {
            errors.throwIfAny(null);
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("aeron: " + peer + " did not connect within " + CONNECT_WITHIN_S + " s");
            }
            idle.idle();
        }
        return requests.imageAtIndex(0);
    }

    /**
     * Polls {@code image} into {@code handler} until its stream ends or closes, or {@code afterFragments} says the loop
     * is done; idles on empty polls, and then throws the Aeron client's failure.
     */
    static void pollUntilEnd(Image image, FragmentHandler handler, IdleStrategy idle, AeronErrors errors,
                             AfterFragments afterFragments) throws IOException {
        idle.reset();
        while (true) {
            if (image.poll(handler, FRAGMENTS_PER_POLL) > 0) {
                if (afterFragments.done()) {
                    return;
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

    /** Runs after each poll that handed over fragments: throws what the handler found wrong, or says whether to end. */
    @FunctionalInterface
    interface AfterFragments {
        boolean done() throws IOException;
    }

    /** A check made only on the idle path (every so many empty polls), never per message. */
    @FunctionalInterface
    interface Liveness {
        void check() throws IOException;
    }
}
