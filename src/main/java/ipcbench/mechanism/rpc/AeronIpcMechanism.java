package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.driver.MediaDriver;
import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Trial;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * {@code aeron-ipc}: Aeron's IPC transport, two streams (requests, replies) through memory-mapped log buffers; no
 * syscall on the data path. The child runs an embedded media driver in {@code aeron} under the trial's private
 * directory (so nothing outlives the trial); both hot threads poll with a yielding idle strategy. The parent's
 * Aeron client connects to the child's driver: the directory is the address the child reports, and the private
 * directory (0700) keeps other users out, so no token is exchanged.
 *
 * <p>One round trip: the measuring thread offers N bytes on the request stream, the echo thread polls them and offers
 * them back on the reply stream, the measuring thread polls the reply. One streaming batch: offers retried while
 * BACK_PRESSURED (the flow control), then a 1-byte acknowledgement. A message is at most term / 8 = 1 MiB. The
 * driver's threading and idle strategies are described in docs/mechanisms.md. Under open-loop load requests and
 * echoes are two independent streams: one thread offers and polls between offers. The echo loop and the client are
 * {@code aeron-udp}'s too ({@link AeronTransport}): only the channels differ. Its fan-out is several subscriptions of
 * one publication through one media driver ({@link AeronFanOut}).
 */
public final class AeronIpcMechanism extends AeronMechanism implements BroadcastFanOut {
    /** 8 MiB: a 1 MiB message fits (max message = term / 8) and two streams' logs stay at 48 MiB of files. */
    static final int TERM_LENGTH = AeronTransport.TERM_LENGTH;
    static final String CHANNEL = new ChannelUriStringBuilder().media("ipc").termLength(TERM_LENGTH).build();
    /** The child's Aeron directory, inside the trial's private directory. */
    static final String DIRECTORY = AeronTransport.SERVER_DIRECTORY;

    /** Both streams on {@link #CHANNEL}, through the child's driver. */
    static final AeronTransport TRANSPORT = new AeronTransport() {
        @Override
        String mechanismId() {
            return "aeron-ipc";
        }

        @Override
        boolean authenticates() {
            return false;
        }

        @Override
        ServerStreams openServerStreams(Trial trial, Aeron aeron, String driverDirectory) {
            return new ServerStreams(aeron.addSubscription(CHANNEL, REQUEST_STREAM),
                    aeron.addExclusivePublication(CHANNEL, REPLY_STREAM), driverDirectory);
        }

        @Override
        MediaDriver launchClientDriver(Trial trial) {
            return null;
        }

        @Override
        String clientRequestChannel(Trial trial, String serverAddress) {
            return CHANNEL;
        }

        @Override
        String clientReplyChannel(Trial trial, String serverAddress) {
            return CHANNEL;
        }
    };

    @Override
    AeronTransport transport() {
        return TRANSPORT;
    }

    /** Its fan-out is its own: every subscriber reads the one publication's log ({@link AeronFanOut}). */
    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public Closeable createFanOutResources(Trial trial) throws IOException {
        return AeronFanOut.launchDriver(trial);
    }

    @Override
    public EchoServer openSubscriber(Trial trial) throws IOException {
        return new AeronFanOut.Subscriber(trial);
    }

    @Override
    public Publisher connectPublisher(Trial trial, List<Process> subscribers) throws IOException {
        return AeronFanOut.Publisher.connect(trial, subscribers);
    }

    @Override
    public String whyHostLocal() {
        return "Aeron IPC shares log buffers in one machine's memory; aeron-udp is Aeron across hosts";
    }
}
