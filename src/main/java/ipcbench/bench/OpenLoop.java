package ipcbench.bench;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Payload;
import ipcbench.os.CpuAffinity;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load over one connected client: requests leave on a fixed schedule from the calling thread (message i is
 * due at start + i / rate) while a second thread receives the echoes in order. The latency of message i is its
 * receive time minus its <em>intended</em> send time, so whatever delays the sender — a full buffer, a stalled echo
 * server, a descheduled thread — is charged to every message queued behind it (no coordinated omission). A sender
 * that falls behind never skips a message or sleeps the backlog away: late messages leave at once, back to back.
 *
 * <p>Waiting: the sender spins with {@code Thread.yield} until due (so that a receiver sharing its CPU can run), and
 * parks ({@code LockSupport.parkNanos}) only through gaps longer than {@link #PARK_ABOVE_NS}, waking
 * {@link #PARK_MARGIN_NS} early: a parked thread's wake-up on a busy machine can take milliseconds, and that lateness
 * would be charged to the mechanism. On or behind schedule that is one clock read per send; the receiver reads the clock once per echo. Each
 * request's first bytes carry its sequence number ({@link Payload#stamp}), checked on receive: a gap or a reordering
 * fails the point (every mechanism that runs this is lossless and ordered). A watchdog fails a point whose echoes stop
 * for {@link #STUCK_NS} with requests in flight: it kills the peer, which unblocks both threads. Neither loop
 * allocates; each measures its own thread's allocated bytes around the loop.
 */
public final class OpenLoop {
    /** Echoes missing this long with requests in flight fail the point. */
    public static final long STUCK_NS = TimeUnit.SECONDS.toNanos(5);
    public static final long PARK_ABOVE_NS = TimeUnit.MILLISECONDS.toNanos(5);
    public static final long PARK_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Lets the receiver thread start and pin itself before the first message is due. */
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Covers a minute of queueing without resizing. */
    public static final long PRESIZED_MAX_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long WATCHDOG_PERIOD_MS = 100;

    /**
     * The client and its buffers. {@code expected} (may be null) is a copy of the seeded request: with it every echo is
     * compared byte for byte. {@code receiverCpu} pins the receiving thread (-1: not pinned). {@code killPeer} stops
     * the echo server when the point fails, so that no thread stays blocked.
     */
    public record Link(EchoClient client, ByteBuffer request, ByteBuffer response, ByteBuffer expected,
                       int receiverCpu, Runnable killPeer) {
    }

    /**
     * One rate point: {@code warmupMessages} unrecorded, then {@code intervals} histogram intervals of
     * {@code messagesPerInterval} each, all on one unbroken schedule.
     */
    public record Schedule(double ratePerS, long warmupMessages, long messagesPerInterval, int intervals) {
        public Schedule {
            if (!(ratePerS > 0) || messagesPerInterval < 1 || intervals < 1 || warmupMessages < 0) {
                throw new IllegalArgumentException("bad schedule: " + ratePerS + "/s, " + warmupMessages + " + "
                        + intervals + " x " + messagesPerInterval);
            }
        }

        /** The schedule that covers {@code warmupNs} and then {@code intervals} of {@code intervalNs} at the rate. */
        public static Schedule of(double ratePerS, long warmupNs, long intervalNs, int intervals) {
            return new Schedule(ratePerS, Math.round(ratePerS * warmupNs / 1e9),
                    Math.max(1, Math.round(ratePerS * intervalNs / 1e9)), intervals);
        }

        public long totalMessages() {
            return warmupMessages + messagesPerInterval * intervals;
        }
    }

    /**
     * What a point did: {@code achievedPerS} is the measured messages over the time from the first one's intended
     * send to the last one's receipt. Allocated bytes are those of each thread's loop.
     */
    public record Result(double offeredPerS, double achievedPerS, long measuredMessages, long senderAllocatedBytes,
                         long receiverAllocatedBytes) {
    }

    private final Link link;
    private final long total;
    private final long warmup;
    private final long perInterval;
    /** Nanoseconds between two due times; 0 sends back to back (capacity). */
    private final double periodNs;
    private final Histogram[] intervals;
    private final long sequenceBase;
    private final long startNs;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean done;
    /** Written by the receiver, read after joining it. */
    private long lastReceiveNs;
    private long receiverAllocatedBytes;
    private long senderAllocatedBytes;

    private OpenLoop(Link link, long total, long warmup, long perInterval, double periodNs, Histogram[] intervals,
                     long sequenceBase) {
        this.link = link;
        this.total = total;
        this.warmup = warmup;
        this.perInterval = perInterval;
        this.periodNs = periodNs;
        this.intervals = intervals;
        this.sequenceBase = sequenceBase;
        this.startNs = System.nanoTime() + START_DELAY_NS;
    }

    /**
     * Runs one point on the calling thread (the sender; pin it first) and records the measured messages into
     * {@code intervals} (one histogram per interval, nanoseconds). Sequence numbers start at {@code sequenceBase};
     * the point uses {@link Schedule#totalMessages()} of them.
     */
    public static Result run(Link link, Schedule schedule, Histogram[] intervals, long sequenceBase)
            throws IOException {
        if (intervals.length != schedule.intervals()) {
            throw new IllegalArgumentException(intervals.length + " histograms for " + schedule.intervals() + " intervals");
        }
        OpenLoop point = new OpenLoop(link, schedule.totalMessages(), schedule.warmupMessages(),
                schedule.messagesPerInterval(), 1e9 / schedule.ratePerS(), intervals, sequenceBase);
        point.execute();
        long measured = schedule.messagesPerInterval() * schedule.intervals();
        double firstDueNs = point.startNs + point.warmup * point.periodNs;
        double achieved = measured / ((point.lastReceiveNs - firstDueNs) / 1e9);
        return new Result(schedule.ratePerS(), achieved, measured, point.senderAllocatedBytes,
                point.receiverAllocatedBytes);
    }

    /**
     * The echo capacity: {@code messages} requests sent back to back (the mechanism's own flow control paces them)
     * while the receiver takes the echoes; messages per second from the first send to the last echo.
     */
    public static double capacityPerS(Link link, long messages, long sequenceBase) throws IOException {
        OpenLoop burst = new OpenLoop(link, messages, messages, 1, 0, null, sequenceBase);
        burst.execute();
        return messages / ((burst.lastReceiveNs - burst.startNs) / 1e9);
    }

    private void execute() throws IOException {
        Thread receiver = new Thread(this::receiveAll, "ipcbench-load-receiver");
        Thread watchdog = new Thread(this::watch, "ipcbench-load-watchdog");
        receiver.setDaemon(true);
        watchdog.setDaemon(true);
        receiver.start();
        watchdog.start();
        try {
            sendAll();
            receiver.join(TimeUnit.NANOSECONDS.toMillis(2 * STUCK_NS));
            if (receiver.isAlive()) {
                fail(new IOException("the receiving thread did not finish within " + 2 * STUCK_NS / 1_000_000_000
                        + " s after the last send"));
                receiver.join(TimeUnit.NANOSECONDS.toMillis(STUCK_NS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } finally {
            done = true;
            watchdog.interrupt();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw failed instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException(String.valueOf(failed), failed);
        }
    }

    private void sendAll() {
        ByteBuffer request = link.request();
        EchoClient client = link.client();
        try {
            long beforeBytes = allocatedBytes();
            for (long i = 0; i < total; i++) {
                long dueNs = startNs + (long) (i * periodNs);
                long nowNs = System.nanoTime();
                if (nowNs < dueNs) {
                    awaitDue(dueNs, nowNs);
                }
                if (failure.get() != null) {
                    return;
                }
                Payload.stamp(request, sequenceBase + i);
                client.send(request);
                sent.lazySet(i + 1);
            }
            senderAllocatedBytes = allocatedBytes() - beforeBytes;
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Parks through a long gap (waking a little early), then yields until due. */
    private static void awaitDue(long dueNs, long nowNs) {
        if (dueNs - nowNs > PARK_ABOVE_NS) {
            LockSupport.parkNanos(dueNs - nowNs - PARK_MARGIN_NS);
        }
        while (System.nanoTime() < dueNs) {
            Thread.yield();
        }
    }

    private void receiveAll() {
        ByteBuffer response = link.response();
        ByteBuffer expected = link.expected();
        EchoClient client = link.client();
        int payloadBytes = response.capacity();
        try {
            if (link.receiverCpu() >= 0) {
                CpuAffinity.pinCurrentThread(link.receiverCpu());
            }
            long beforeBytes = allocatedBytes();
            long lastNs = 0;
            for (long i = 0; i < total; i++) {
                client.receive(response);
                long nowNs = System.nanoTime();
                long sequence = Payload.stampOf(response);
                if (sequence != Payload.stampMask(sequenceBase + i, payloadBytes)) {
                    throw new IOException("echo " + i + " carries sequence " + sequence + " where "
                            + Payload.stampMask(sequenceBase + i, payloadBytes) + " was due: an echo was lost, "
                            + "duplicated or reordered");
                }
                if (expected != null) {
                    Payload.stamp(expected, sequenceBase + i);
                    Payload.requireSame(expected, response, "echo");
                }
                if (intervals != null && i >= warmup) {
                    long latencyNs = nowNs - startNs - (long) (i * periodNs);
                    intervals[(int) ((i - warmup) / perInterval)].recordValue(Math.max(0, latencyNs));
                }
                lastNs = nowNs;
                received.lazySet(i + 1);
            }
            receiverAllocatedBytes = allocatedBytes() - beforeBytes;
            lastReceiveNs = lastNs;
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Fails the point when echoes stop for {@link #STUCK_NS} while requests are in flight. */
    private void watch() {
        long seen = -1;
        long sinceNs = System.nanoTime();
        while (!done) {
            try {
                Thread.sleep(WATCHDOG_PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            long nowNs = System.nanoTime();
            long got = received.get();
            long inFlight = sent.get() - got;
            if (got != seen || inFlight <= 0) {
                seen = got;
                sinceNs = nowNs;
            } else if (nowNs - sinceNs > STUCK_NS) {
                fail(new IOException("no echo for " + STUCK_NS / 1_000_000_000 + " s with " + inFlight
                        + " requests in flight (" + got + " of " + total + " echoes received): the echo server is "
                        + "stuck or gone"));
                return;
            }
        }
    }

    /** Keeps the first failure and stops the peer, so that a thread blocked on it returns with an error. */
    private void fail(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            link.killPeer().run();
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
