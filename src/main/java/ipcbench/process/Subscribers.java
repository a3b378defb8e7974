package ipcbench.process;

import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.LoadClient;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscribers of one fan-out trial, each an echo child, and the publisher that reaches them, placed as the spec
 * says (the publisher on the client CPU, every subscriber on the server CPU). A mechanism with a fan-out of its own
 * ({@link BroadcastFanOut}: one buffer every subscriber reads) runs as one {@link BroadcastSession}; the others as one
 * pair session per subscriber, each on a channel of its own, which the publisher writes in turn
 * ({@link FanOutClient}). Closing ends every subscriber and leaves nothing behind; a subscriber that failed is named.
 */
public final class Subscribers implements AutoCloseable {
    /**
     * The largest fan-out message written in turn: the publisher reads no echo until it has written to every
     * subscriber, so each echo must fit in its channel's buffer meanwhile (a pipe's is 64 KiB).
     */
    public static final int MAX_PAYLOAD_BYTES = 64 << 10;

    /** One pair session per subscriber (written in turn); empty for a broadcast. */
    private final List<EchoSession> sessions = new ArrayList<>();
    /** The broadcast's one session; null when written in turn. */
    private BroadcastSession broadcast;
    private EchoClient publisher;

    private Subscribers() {
    }

    /** Starts {@code count} subscribers of {@code spec}'s mechanism (latency, one client each) and connects. */
    public static Subscribers open(SessionSpec spec, int count, Path logDir) throws IOException {
        if (spec.mechanism().whyNoFanOut() != null) {
            throw new IllegalArgumentException(spec.mechanism().id() + " has no fan-out here: "
                    + spec.mechanism().whyNoFanOut());
        }
        if (spec.exchange() != Exchange.LATENCY || spec.clients() != 1) {
            throw new IllegalArgumentException("a fan-out's subscribers echo one publisher's messages (latency)");
        }
        Subscribers subscribers = new Subscribers();
        if (spec.mechanism() instanceof BroadcastFanOut) {
            subscribers.broadcast = BroadcastSession.open(spec, count, logDir);
            subscribers.publisher = subscribers.broadcast.publisher();
            return subscribers;
        }
        if (spec.payloadBytes() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a fan-out message written in turn is at most " + MAX_PAYLOAD_BYTES
                    + " B: every echo waits in its channel while the publisher writes to the other subscribers");
        }
        try {
            List<LoadClient> clients = new ArrayList<>();
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                EchoSession session = EchoSession.open(spec, logDir);
                subscribers.sessions.add(session);
                clients.add((LoadClient) session.client());
                children.add(session.serverProcess());
            }
            subscribers.publisher = new FanOutClient(clients, children, spec.verify());
            return subscribers;
        } catch (IOException | RuntimeException e) {
            EchoSession.closeAfter(subscribers, e);
            throw e;
        }
    }

    /** The publisher's end: one round trip reaches every subscriber and waits for every acknowledgement. */
    public EchoClient publisher() {
        return publisher;
    }

    /** The trial the subscribers run (written in turn: subscriber 0's; the others differ only in their names). */
    public Trial trial() {
        return broadcast != null ? broadcast.trial() : sessions.get(0).trial();
    }

    /** The CPU the publisher is pinned to, or -1. */
    public int clientCpu() {
        return broadcast != null ? broadcast.clientCpu() : sessions.get(0).clientCpu();
    }

    /** Subscriber {@code index}'s echo child, while it runs (tests kill it). */
    public Process process(int index) {
        return broadcast != null ? broadcast.process(index) : sessions.get(index).serverProcess();
    }

    /** Every private directory the subscribers use: one for a broadcast, one per subscriber otherwise. */
    public List<Path> scratchDirs() {
        return broadcast != null ? List.of(broadcast.trial().scratchDir())
                : sessions.stream().map(s -> s.trial().scratchDir()).toList();
    }

    /** Subscriber {@code index}'s exit code once {@link #close()} has stopped it (-1: it had to be killed). */
    public int exitCode(int index) {
        return broadcast != null ? broadcast.exitCode(index) : sessions.get(index).serverExitCode();
    }

    /** Ends every subscriber; a failure names the subscriber, and the others are still ended. */
    @Override
    public void close() throws IOException {
        if (broadcast != null) {
            broadcast.close();
            return;
        }
        if (publisher != null) {
            publisher.close();
        }
        IOException failure = null;
        for (int i = 0; i < sessions.size(); i++) {
            try {
                sessions.get(i).close();
            } catch (IOException e) {
                failure = EchoSession.chain(failure, new IOException("subscriber " + i + ": " + e.getMessage(), e));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
