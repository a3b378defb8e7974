package ipcbench.process;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.LoadClient;
import ipcbench.mechanism.Payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publisher of a fan-out over one channel per subscriber: one round trip writes the message to every subscriber
 * in turn (subscriber 0 first), then reads every subscriber's echo in the same order, so it ends when the last
 * subscriber's acknowledgement is in. Each subscriber is an echo child of its own ({@link EchoSession}); its echo is
 * its acknowledgement and proves it received that message whole. Reading in subscriber order cannot tell which echo
 * arrived first, so only the time to the last is measured.
 *
 * <p>Every echo of a message must fit in its channel's buffer while the publisher still writes to the next
 * subscribers: {@link Subscribers#MAX_PAYLOAD_BYTES}. A subscriber's failure names it ({@code subscriber 1: …});
 * with {@code verify} every echo is compared with the message (the compare is then inside the measured time, as for
 * a pair). A watchdog thread bounds the wait on a subscriber that is stopped or stuck, which a blocking read on a
 * stream channel (pipe, FIFO, socket) would wait for forever: when a round trip has waited {@value #STUCK_S} s, it
 * kills the child of the subscriber being waited on, so the read returns, and the failure names the subscriber and
 * why. The hot loop tells the watchdog where it waits through ordered stores (one per channel call, two per round
 * trip), no syscall. Allocation-free.
 */
public final class FanOutClient implements EchoClient {
    /** How long a round trip may wait on one subscriber before it is named and its child killed. */
    static final long STUCK_S = 10;
    private static final long WATCH_PERIOD_MS = 500;

    private final List<LoadClient> subscribers;
    private final List<Process> children;
    private final String[] names;
    /** What a verify failure calls each echo, made once: the hot loop builds no string. */
    private final String[] echoes;
    private final boolean verify;
    /** Round trips completed; written by the publishing thread only, read by the watchdog. */
    private final AtomicLong completed = new AtomicLong();
    /** The subscriber the publishing thread waits on, or -1 between round trips. */
    private final AtomicInteger awaited = new AtomicInteger(-1);
    private final Thread watchdog;
    /** Why the watchdog killed a subscriber, or null. */
    private volatile String stuck;
    private volatile boolean closed;

    FanOutClient(List<LoadClient> subscribers, List<Process> children, boolean verify) {
        this.subscribers = List.copyOf(subscribers);
        this.children = List.copyOf(children);
        this.verify = verify;
        names = new String[subscribers.size()];
        echoes = new String[subscribers.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = "subscriber " + i;
            echoes[i] = names[i] + "'s echo";
        }
        watchdog = new Thread(this::watch, "ipcbench-fanout-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        int count = subscribers.size();
        for (int i = 0; i < count; i++) {
            request.clear();
            awaited.lazySet(i);
            try {
                subscribers.get(i).send(request);
            } catch (IOException e) {
                throw failed(i, e);
            }
        }
        for (int i = 0; i < count; i++) {
            response.clear();
            awaited.lazySet(i);
            try {
                subscribers.get(i).receive(response);
            } catch (IOException e) {
                throw failed(i, e);
            }
            if (verify) {
                Payload.requireSame(request, response, echoes[i]);
            }
        }
        awaited.lazySet(-1);
        completed.lazySet(completed.get() + 1);
    }

    /** Subscriber {@code i}'s failure, named; why the watchdog killed it, when it did. No longer waits on it. */
    private IOException failed(int i, IOException e) {
        awaited.lazySet(-1);
        String why = stuck;
        return new IOException(why != null ? why : names[i] + ": " + e.getMessage(), e);
    }

    /** Kills the subscriber a round trip has waited on for {@link #STUCK_S} s, once; ends at {@link #close()}. */
    private void watch() {
        long seen = -1;
        long sinceNs = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(WATCH_PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            long nowNs = System.nanoTime();
            long done = completed.get();
            int waitingOn = awaited.get();
            if (done != seen || waitingOn < 0) {
                seen = done;
                sinceNs = nowNs;
            } else if (nowNs - sinceNs > TimeUnit.SECONDS.toNanos(STUCK_S)) {
                stuck = names[waitingOn] + ": no echo within " + STUCK_S + " s: its echo child was stopped or stuck, "
                        + "and was killed";
                children.get(waitingOn).destroyForcibly();
                return;
            }
        }
    }

    /** Fan-out measures latency only: a streamed batch has one subscriber's acknowledgement, not every one's. */
    @Override
    public void stream(ByteBuffer request, int messages) {
        throw new UnsupportedOperationException("a fan-out measures latency only");
    }

    /** Ends the watchdog; each subscriber's session owns its channel and closes it ({@link Subscribers#close}). */
    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
    }
}
