package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.exceptions.RegistrationException;
import ipcbench.mechanism.DataAddress;
import ipcbench.mechanism.Trial;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code aeron-udp}: Aeron unicast over UDP, the same two streams, echo loop and client as {@code aeron-ipc}
 * ({@link AeronTransport}), with an embedded media driver on each side: the child's in {@code aeron} under its side's
 * private directory, the parent's in {@code aeron-client} under its own (the two are one directory when both run on
 * one host), launched by the client and closed with it. Both drivers run SHARED (conductor, sender and receiver on
 * one unpinned thread, Aeron's back-off idle strategy); both hot threads poll with a yielding idle strategy (spin
 * only). Every socket is bound to the trial's {@link DataAddress} on the child's side, and to the address the parent
 * reaches it from ({@link DataAddress#sourceAddress()}) on the parent's.
 *
 * <p>Channels. Requests: the child subscribes at {@code aeron:udp?endpoint=HOST:P1}; the client's exclusive
 * publication sends to it. Replies: the server does not know the client's address in advance, so its exclusive
 * publication is a multi-destination-cast one with dynamic control,
 * {@code aeron:udp?control=HOST:P2|control-mode=dynamic}, and the client subscribes at {@code aeron:udp?endpoint=SRC:0|control=HOST:P2|control-mode=dynamic}: the client's
 * subscription sends its status messages from SRC:port to HOST:P2, and the publication adds that address as a
 * destination and sends it the replies from P2. So every flow starts at the client (a stateful firewall on its side
 * lets the answers in) and the child listens only on P1 and P2, each the first free port of {@code --data-ports} (an
 * Aeron registration that fails to bind tries the next; so the range must hold two free ports) or an ephemeral one
 * read back from the driver; the child reports {@code P1,P2}. Flow control is Aeron's default for each: unicast for
 * requests, max (the fastest receiver) for the replies, so an extra receiver cannot slow the client's stream down.
 * The term length is 8 MiB for both streams (both sides map 2 × 3 terms: 48 MiB of files each), so a message is
 * at most term / 8 = 1 MiB, fragmented by Aeron at the default MTU (1408 bytes: 1376 bytes of payload per datagram).
 *
 * <p>The peer's proof. Anyone who can reach P1 can publish to the server, so the client's first request message is
 * the trial's token, before any measured one; the server serves only the image (Aeron session) whose first message
 * is exactly the token and rejects any other ({@link AeronTokenGate}); its first reply message is the token again,
 * and the client takes only the reply image that starts with it. A stranger that adds itself as a destination of
 * the replies by sending status messages to P2 receives copies of the echoes (random payloads) and costs the
 * child's driver a send per frame, but cannot hold the client's stream back (max flow control).
 *
 * <p>One round trip: the measuring thread offers N bytes to its publication's log; the parent's driver thread sends
 * them to P1 as ⌈N / 1376⌉ datagrams; the child's driver thread receives them into the image's log;
 * the echo thread polls the whole message and offers it to the reply log; the child's driver sends it to the client's
 * endpoint; the parent's driver receives it, and the measuring thread polls it. Status messages flow back on each
 * stream every so much consumed. One streaming batch: offers retried while BACK_PRESSURED (the flow control: the
 * sender's window follows the receiver's status messages), then a 1-byte acknowledgement. Under open-loop load one
 * thread offers and polls between offers, as for {@code aeron-ipc}.
 *
 * <p>Closing: the client offers a 0-byte goodbye, which ends the echo loop at once, and keeps its driver until the
 * child has ended (at most {@link AeronClient#GOODBYE_WAIT_MS}), so that the goodbye leaves its side.
 */
public final class AeronUdpMechanism extends AeronMechanism {
    /** The parent's Aeron directory, inside its side's private directory (beside the child's {@code aeron}). */
    static final String CLIENT_DIRECTORY = "aeron-client";
    /** How long the child waits for the driver to report a socket it bound to an ephemeral port. */
    private static final long BOUND_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

    static final AeronTransport TRANSPORT = new AeronTransport() {
        @Override
        String mechanismId() {
            return "aeron-udp";
        }

        @Override
        boolean authenticates() {
            return true;
        }

        @Override
        ServerStreams openServerStreams(Trial trial, Aeron aeron, String driverDirectory) throws IOException {
            DataAddress address = trial.address();
            Subscription requests = address.firstFree(at -> register(() -> aeron.addSubscription(
                    new ChannelUriStringBuilder().media("udp").endpoint(endpoint(address.host(), at.getPort()))
                            .build(), REQUEST_STREAM)));
            try {
                ExclusivePublication replies = address.firstFree(at -> register(() -> aeron.addExclusivePublication(
                        new ChannelUriStringBuilder().media("udp")
                                .controlEndpoint(endpoint(address.host(), at.getPort()))
                                .controlMode("dynamic").termLength(TERM_LENGTH).build(), REPLY_STREAM)));
                try {
                    return new ServerStreams(requests, replies, boundPort(requests::localSocketAddresses) + ","
                            + boundPort(replies::localSocketAddresses));
                } catch (IOException | RuntimeException e) {
                    CloseHelper.quietClose(replies);
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                CloseHelper.quietClose(requests);
                throw e;
            }
        }

        @Override
        MediaDriver launchClientDriver(Trial trial) throws IOException {
            try {
                return AeronTransport.launchDriver(trial.file(CLIENT_DIRECTORY), runnable -> {
                    Thread thread = new Thread(runnable, "aeron-udp-client-driver");
                    thread.setDaemon(true);
                    return thread;
                });
            } catch (RuntimeException e) {
                throw new IOException("aeron: cannot start the client's media driver in "
                        + trial.file(CLIENT_DIRECTORY) + ": " + e, e);
            }
        }

        @Override
        String clientRequestChannel(Trial trial, String serverAddress) {
            return new ChannelUriStringBuilder().media("udp")
                    .endpoint(endpoint(trial.address().host(), ports(serverAddress)[0]))
                    .termLength(TERM_LENGTH).build();
        }

        @Override
        String clientReplyChannel(Trial trial, String serverAddress) throws IOException {
            return new ChannelUriStringBuilder().media("udp")
                    .endpoint(endpoint(trial.address().sourceAddress().getHostAddress(), 0))
                    .controlEndpoint(endpoint(trial.address().host(), ports(serverAddress)[1]))
                    .controlMode("dynamic").build();
        }
    };

    /** Its server binds the trial's data address and its client sends to it. */
    @Override
    AeronTransport transport() {
        return TRANSPORT;
    }

    @Override
    public String whyHostLocal() {
        return null;
    }

    @Override
    public String whyNoFanOut() {
        return "its fan-out is multicast or multi-destination-cast to several subscriptions, which is not built yet";
    }

    /** {@code host:port} as an Aeron endpoint: an IPv6 literal in brackets. */
    static String endpoint(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The two ports the child reported, {@code P1,P2}: requests, then the replies' control. */
    private static int[] ports(String serverAddress) {
        String[] parts = serverAddress.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("aeron-udp: expected the ports P1,P2, got '" + serverAddress + "'");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** A registration whose socket could not be bound (its port taken) as the IOException that tries the next. */
    private static <T> T register(Supplier<T> registration) throws IOException {
        try {
            return registration.get();
        } catch (RegistrationException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The port of the one socket a subscription or publication bound, as its driver reports it ("host:port"). */
    private static int boundPort(Supplier<List<String>> localSocketAddresses) throws IOException {
        long deadlineNs = System.nanoTime() + BOUND_WAIT_NS;
        while (true) {
            List<String> bound = localSocketAddresses.get();
            if (!bound.isEmpty()) {
                String address = bound.get(0);
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("aeron-udp: the media driver reported no bound socket within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
