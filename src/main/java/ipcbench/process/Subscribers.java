package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.LoadClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscribers of one fan-out trial: one echo child per subscriber, each a pair session of its own
 * ({@link EchoSession}) placed as the spec says (every subscriber's echo thread on the server CPU), and the publisher
 * that writes to them in turn ({@link FanOutClient}). Closing ends every subscriber and leaves nothing behind; a
 * subscriber that failed is named.
 */
public final class Subscribers implements AutoCloseable {
    /**
     * The largest fan-out message: the publisher reads no echo until it has written to every subscriber, so each echo
     * must fit in its channel's buffer meanwhile (a pipe's is 64 KiB).
     */
    public static final int MAX_PAYLOAD_BYTES = 64 << 10;

    private final List<EchoSession> sessions = new ArrayList<>();
    private FanOutClient publisher;

    private Subscribers() {
    }

    /** Starts {@code count} subscribers of {@code spec}'s mechanism (latency, one client each) and connects to each. */
    public static Subscribers open(SessionSpec spec, int count, Path logDir) throws IOException {
        if (spec.mechanism().whyNoFanOut() != null) {
            throw new IllegalArgumentException(spec.mechanism().id() + " has no fan-out here: "
                    + spec.mechanism().whyNoFanOut());
        }
        if (spec.exchange() != Exchange.LATENCY || spec.clients() != 1) {
            throw new IllegalArgumentException("a fan-out's subscribers echo one publisher's messages (latency)");
        }
        if (spec.payloadBytes() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a fan-out message is at most " + MAX_PAYLOAD_BYTES
                    + " B: every echo waits in its channel while the publisher writes to the other subscribers");
        }
        Subscribers subscribers = new Subscribers();
        try {
            List<LoadClient> clients = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                EchoSession session = EchoSession.open(spec, logDir);
                subscribers.sessions.add(session);
                clients.add((LoadClient) session.client());
            }
            subscribers.publisher = new FanOutClient(clients, spec.verify());
            return subscribers;
        } catch (IOException | RuntimeException e) {
            try {
                subscribers.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The publisher's end: one round trip reaches every subscriber and waits for every echo. */
    public FanOutClient publisher() {
        return publisher;
    }

    /** Subscriber {@code index}'s session (tests kill its child). */
    public EchoSession session(int index) {
        return sessions.get(index);
    }

    public int count() {
        return sessions.size();
    }

    /** Ends every subscriber; a failure names the subscriber, and the others are still ended. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int i = 0; i < sessions.size(); i++) {
            try {
                sessions.get(i).close();
            } catch (IOException e) {
                IOException named = new IOException("subscriber " + i + ": " + e.getMessage(), e);
                if (failure == null) {
                    failure = named;
                } else {
                    failure.addSuppressed(named);
                }
            }
        }
        sessions.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
