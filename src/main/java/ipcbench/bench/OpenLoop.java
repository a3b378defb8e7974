package ipcbench.bench;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.LoadClient;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.PollingLoadClient;
import ipcbench.mechanism.Payload;
import ipcbench.os.CpuAffinity;
import ipcbench.os.TaskCounters;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load over one connected client: requests leave on a fixed schedule (message i is due at start + i / rate)
 * and the echoes are taken as they come. The latency of message i is its receive time minus its <em>intended</em>
 * send time, so whatever delays the sender — a full buffer, a stalled echo server, a descheduled thread — is charged
 * to every message queued behind it (no coordinated omission). A sender that falls behind never skips a message or
 * sleeps the backlog away: late messages leave at once, back to back.
 *
 * <p>Two shapes, by {@link Link#polls}. A mechanism whose receive blocks gets a second, receiving thread (pinned to
 * {@link Link#receiverCpu}) that blocks in {@link LoadClient#receive}; the sending thread spins with
 * {@code Thread.yield} until due and parks ({@code LockSupport.parkNanos}) only through gaps longer than
 * {@link #PARK_ABOVE_NS}, waking {@link #PARK_MARGIN_NS} early (a parked thread's wake-up on a busy machine can take
 * milliseconds, charged to the mechanism). A mechanism whose receive spins anyway (shm, mmap-file, aeron-ipc) runs
 * on the calling thread alone: it sends a message when it is due and the transport has room
 * ({@link PollingLoadClient#trySend}) and polls for echoes ({@link PollingLoadClient#poll}) in between, never sleeping — a second
 * spinning thread would share the sender's CPU in scheduler slices. Either way: one clock read per send when on or
 * behind schedule and one per echo received, and at most {@link LoadClient#maxInFlight} requests in flight.
 *
 * <p>Each request's first bytes carry its sequence number, checked on receive ({@link EchoSequence}): for a lossless
 * mechanism a gap or a reordering fails the point (one that may reorder, gRPC, is matched within its window); for a lossy one ({@link Link#lossy}) a gap counts as lost messages
 * and, after the last scheduled message, the sender adds probes (one per {@link #PROBE_AFTER_NS} of silence) whose
 * echo proves that nothing before it is still on its way. A watchdog fails a point whose echoes stop for
 * {@link #STUCK_NS} with requests in flight: it kills the peer, which unblocks every thread. No loop allocates;
 * each measures its own thread's allocated bytes around the loop.
 */
public final class OpenLoop {
    /** Echoes missing this long with requests in flight fail the point. */
    public static final long STUCK_NS = TimeUnit.SECONDS.toNanos(5);
    public static final long PARK_ABOVE_NS = TimeUnit.MILLISECONDS.toNanos(5);
    public static final long PARK_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(2);
    /** A lossy point's end: a probe after this much silence with messages unaccounted for. */
    public static final long PROBE_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Lets the first message leave after the receiver is ready. */
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Covers a minute of queueing without resizing. */
    public static final long PRESIZED_MAX_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long WATCHDOG_PERIOD_MS = 100;

    /**
     * The client and its buffers. {@code expected} (may be null) is a copy of the seeded request: with it every echo is
     * compared byte for byte. {@code receiverCpu} pins the receiving thread (-1: not pinned; unused when
     * {@code polls}). {@code killPeer} stops the echo server when the point fails, so that no thread stays blocked.
     * {@code polls}, {@code lossy}, {@code reorders}: the mechanism's {@link OpenLoad#pollsUnderLoad},
     * {@link OpenLoad#losesUnderLoad}, {@link OpenLoad#reordersUnderLoad}; a polling link's client is a
     * {@link PollingLoadClient}.
     */
    public record Link(LoadClient client, ByteBuffer request, ByteBuffer response, ByteBuffer expected,
                       int receiverCpu, Runnable killPeer, boolean polls, boolean lossy, boolean reorders) {
        public Link {
            if (polls && !(client instanceof PollingLoadClient)) {
                throw new IllegalArgumentException("a polling link needs a PollingLoadClient, not a "
                        + client.getClass().getSimpleName());
            }
        }

        /**
         * The link for {@code mechanism}'s connected client; the mechanism must run under load
         * ({@link Mechanism#whyNoLoad} null), so it is an {@link OpenLoad} and its client a {@link LoadClient}.
         */
        public static Link of(Mechanism mechanism, EchoClient client, ByteBuffer request, ByteBuffer response,
                              ByteBuffer expected, int receiverCpu, Runnable killPeer) {
            if (!(mechanism instanceof OpenLoad load) || !(client instanceof LoadClient loadClient)) {
                throw new IllegalArgumentException(mechanism.id() + " cannot run under load: " + mechanism.whyNoLoad());
            }
            return new Link(loadClient, request, response, expected, receiverCpu, killPeer, load.pollsUnderLoad(),
                    load.losesUnderLoad(), load.reordersUnderLoad());
        }

        /** Where the echoes are received, as load.csv's {@code receiver} column says it. */
        public String receiverPlacement() {
            return receiverPlacement(polls, receiverCpu);
        }

        /** {@code same-thread} when polling, else {@code cpu<N>} or {@code unpinned}. */
        public static String receiverPlacement(boolean polls, int receiverCpu) {
            return polls ? SAME_THREAD : receiverCpu >= 0 ? "cpu" + receiverCpu : "unpinned";
        }
    }

    /** load.csv's {@code receiver} for a point whose sending thread also polls for the echoes. */
    public static final String SAME_THREAD = "same-thread";

    /**
     * One rate point: {@code warmupMessages} unrecorded, then {@code intervals} histogram intervals of
     * {@code messagesPerInterval} each, all on one unbroken schedule. {@code sleeps}: a separate sending thread
     * sleeps until each message is due instead of yielding through short gaps, so that the client's CPU is a sleeping
     * sender's (for the cores a point keeps busy); it then sends late by its timer's wake-up, which its latencies
     * include.
     */
    public record Schedule(double ratePerS, long warmupMessages, long messagesPerInterval, int intervals,
                           boolean sleeps) {
        public Schedule {
            if (!(ratePerS > 0) || messagesPerInterval < 1 || intervals < 1 || warmupMessages < 0) {
                throw new IllegalArgumentException("bad schedule: " + ratePerS + "/s, " + warmupMessages + " + "
                        + intervals + " x " + messagesPerInterval);
            }
        }

        public Schedule(double ratePerS, long warmupMessages, long messagesPerInterval, int intervals) {
            this(ratePerS, warmupMessages, messagesPerInterval, intervals, false);
        }

        /** This schedule with a sending thread that sleeps until each message is due. */
        public Schedule sleeping() {
            return new Schedule(ratePerS, warmupMessages, messagesPerInterval, intervals, true);
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
     * What a point did: {@code achievedPerS} is the measured messages whose echo came over the time from the first
     * one's intended send to the last echo; {@code lost} the measured messages whose echo never came (lossy
     * mechanisms only); {@code sequencesUsed} the sequence numbers the point took (its messages and probes).
     * Allocated bytes are those of each thread's loop (the receiver's is 0 when one thread does both).
     */
    public record Result(double offeredPerS, double achievedPerS, long measuredMessages, long lost,
                         long sequencesUsed, long senderAllocatedBytes, long receiverAllocatedBytes) {
    }

    /**
     * Told when the measurement passes a boundary, on a thread of its own: boundary 0 when the first measured message
     * is due, boundary k when interval k's time is over (the last one one period after the last message is due, and
     * after its echo at the latest), with the kernel's counters of the point's client threads (the sender and the
     * receiver, or the one thread that does both) summed at that moment. For readings such as CPU time at iteration
     * boundaries, never in the hot loop.
     */
    @FunctionalInterface
    public interface Boundaries {
        Boundaries NONE = (boundary, clientThreads) -> { };

        void at(int boundary, TaskCounters clientThreads) throws IOException;
    }

    private final Link link;
    private final long total;
    private final long warmup;
    private final long perInterval;
    /** Nanoseconds between two due times; 0 sends back to back (capacity). */
    private final double periodNs;
    /** Whether the sending thread sleeps until due ({@link Schedule#sleeps}). */
    private final boolean sleeps;
    private final Histogram[] intervals;
    private final Boundaries boundaries;
    private final long sequenceBase;
    private final long maxInFlight;
    private final EchoSequence echoes;
    /** Messages sent (probes not counted); written by the sender. */
    private final AtomicLong sent = new AtomicLong();
    /** Messages received or counted lost; written by the receiver. */
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean receiverReady;
    /** The sending and the receiving thread's {@code /proc} task directories (no receiver: null), for the meter. */
    private volatile Path senderTask;
    private volatile Path receiverTask;
    /** The receiving thread's counters as it ended: its task directory is gone after that. */
    private volatile TaskCounters receiverLast;
    private volatile boolean done;
    /** Written before the first send; read by the receiving thread. */
    private volatile long startNs;
    /** Written by the receiver, read after joining it. */
    private long lastReceiveNs;
    private long recorded;
    private long receiverAllocatedBytes;
    private long senderAllocatedBytes;
    private long probes;

    private OpenLoop(Link link, long total, long warmup, long perInterval, double periodNs, boolean sleeps,
                     Histogram[] intervals, Boundaries boundaries, long sequenceBase) {
        this.link = link;
        this.total = total;
        this.warmup = warmup;
        this.perInterval = perInterval;
        this.periodNs = periodNs;
        this.sleeps = sleeps;
        this.intervals = intervals;
        this.boundaries = boundaries;
        this.sequenceBase = sequenceBase;
        int payloadBytes = link.response().capacity();
        long window = Math.max(1, link.client().maxInFlight());
        if (link.reorders()) {
            window = Math.min(window, EchoSequence.maxUnorderedWindow(payloadBytes));
        }
        this.maxInFlight = window;
        this.echoes = link.reorders() ? new EchoSequence(sequenceBase, total, payloadBytes, window)
                : new EchoSequence(sequenceBase, total, payloadBytes, link.lossy());
    }

    /**
     * Runs one point on the calling thread (the sender; pin it first) and records the measured messages into
     * {@code intervals} (one histogram per interval, nanoseconds). Sequence numbers start at {@code sequenceBase};
     * the point uses {@link Result#sequencesUsed()} of them.
     */
    public static Result run(Link link, Schedule schedule, Histogram[] intervals, long sequenceBase)
            throws IOException {
        return run(link, schedule, intervals, sequenceBase, Boundaries.NONE);
    }

    /** As {@link #run(Link, Schedule, Histogram[], long)}, telling {@code boundaries} as each interval starts and ends. */
    public static Result run(Link link, Schedule schedule, Histogram[] intervals, long sequenceBase,
                             Boundaries boundaries) throws IOException {
        if (intervals.length != schedule.intervals()) {
            throw new IllegalArgumentException(intervals.length + " histograms for " + schedule.intervals() + " intervals");
        }
        OpenLoop point = new OpenLoop(link, schedule.totalMessages(), schedule.warmupMessages(),
                schedule.messagesPerInterval(), 1e9 / schedule.ratePerS(), schedule.sleeps(), intervals, boundaries,
                sequenceBase);
        point.execute();
        long measured = schedule.messagesPerInterval() * schedule.intervals();
        double firstDueNs = point.startNs + point.warmup * point.periodNs;
        double achieved = point.recorded / ((point.lastReceiveNs - firstDueNs) / 1e9);
        return new Result(schedule.ratePerS(), achieved, measured, measured - point.recorded,
                schedule.totalMessages() + point.probes, point.senderAllocatedBytes, point.receiverAllocatedBytes);
    }

    /**
     * The echo capacity: {@code messages} requests sent back to back (the mechanism's own flow control paces them)
     * while the echoes are taken; echoes received per second from the first send to the last echo. Returns it with
     * the sequence numbers used.
     */
    public static Capacity capacity(Link link, long messages, long sequenceBase) throws IOException {
        OpenLoop burst = new OpenLoop(link, messages, 0, messages, 0, false, null, Boundaries.NONE, sequenceBase);
        burst.execute();
        return new Capacity(burst.recorded / ((burst.lastReceiveNs - burst.startNs) / 1e9), messages + burst.probes,
                messages - burst.recorded);
    }

    /** A capacity measurement: echoes per second, the sequence numbers it took and the echoes lost. */
    public record Capacity(double perS, long sequencesUsed, long lost) {
    }

    private void execute() throws IOException {
        Thread watchdog = new Thread(this::watch, "ipcbench-load-watchdog");
        watchdog.setDaemon(true);
        Thread meter = new Thread(this::meter, "ipcbench-load-meter");
        meter.setDaemon(true);
        Thread receiver = null;
        try {
            if (metered()) {
                senderTask = TaskCounters.currentTaskDir();
            }
            if (link.polls()) {
                startNs = System.nanoTime() + START_DELAY_NS;
                watchdog.start();
                startMeter(meter);
                pollAll();
            } else {
                receiver = new Thread(this::receiveAll, "ipcbench-load-receiver");
                receiver.setDaemon(true);
                receiver.start();
                while (!receiverReady && failure.get() == null && receiver.isAlive()) {
                    Thread.yield(); // the receiver may be pinned to this thread's CPU
                }
                startNs = System.nanoTime() + START_DELAY_NS;
                watchdog.start();
                startMeter(meter);
                sendAll();
                receiver.join(TimeUnit.NANOSECONDS.toMillis(2 * STUCK_NS));
                if (receiver.isAlive()) {
                    fail(new IOException("the receiving thread did not finish within " + 2 * STUCK_NS / 1_000_000_000
                            + " s after the last send"));
                    receiver.join(TimeUnit.NANOSECONDS.toMillis(STUCK_NS));
                }
            }
            if (meter.isAlive() && failure.get() == null) {
                meter.join(TimeUnit.NANOSECONDS.toMillis(STUCK_NS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } finally {
            done = true;
            watchdog.interrupt();
            meter.interrupt();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw failed instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException(String.valueOf(failed), failed);
        }
    }

    private void startMeter(Thread meter) {
        if (metered()) {
            meter.start();
        }
    }

    /** Whether this point tells {@link #boundaries}: only then are the client threads' counters read at all. */
    private boolean metered() {
        return boundaries != Boundaries.NONE && intervals != null;
    }

    /** Tells {@link #boundaries} of each interval boundary at its time ({@link Boundaries}). */
    private void meter() {
        try {
            for (int k = 0; k <= intervals.length; k++) {
                long boundaryNs = dueNs(warmup + k * perInterval);
                for (long leftNs = boundaryNs - System.nanoTime(); leftNs > 0; leftNs = boundaryNs - System.nanoTime()) {
                    if (failure.get() != null) {
                        return;
                    }
                    LockSupport.parkNanos(leftNs);
                }
                boundaries.at(k, clientThreads());
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** The sending and the receiving thread's counters now; the receiver's last ones once it has ended. */
    private TaskCounters clientThreads() throws IOException {
        TaskCounters sender = TaskCounters.read(senderTask);
        if (receiverTask == null) {
            return sender;
        }
        TaskCounters last = receiverLast;
        if (last != null) {
            return sender.plus(last);
        }
        try {
            return sender.plus(TaskCounters.read(receiverTask));
        } catch (IOException ended) {
            if (receiverLast == null) {
                throw ended;
            }
            return sender.plus(receiverLast);
        }
    }

    /** Due time of message {@code i}. */
    private long dueNs(long i) {
        return dueNs(startNs, i, periodNs);
    }

    /**
     * The schedule: message {@code i} is due at {@code startNs + i × periodNs}, computed from i (never accumulated, so
     * rounding does not drift), whatever happened to the messages before it.
     */
    static long dueNs(long startNs, long i, double periodNs) {
        return startNs + (long) (i * periodNs);
    }

    private void sendAll() {
        ByteBuffer request = link.request();
        LoadClient client = link.client();
        try {
            long beforeBytes = allocatedBytes();
            for (long i = 0; i < total; i++) {
                long dueNs = dueNs(i);
                long nowNs = System.nanoTime();
                if (nowNs < dueNs) {
                    if (sleeps) {
                        sleepUntil(dueNs, nowNs);
                    } else {
                        awaitDue(dueNs, nowNs);
                    }
                }
                while (i - received.get() >= maxInFlight) {
                    if (failure.get() != null) {
                        return;
                    }
                    Thread.yield();
                }
                if (failure.get() != null) {
                    return;
                }
                Payload.stamp(request, sequenceBase + i);
                client.send(request);
                sent.lazySet(i + 1);
            }
            senderAllocatedBytes = allocatedBytes() - beforeBytes;
            if (link.lossy()) {
                probeUntilAccounted();
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * A lossy point's end: while messages are unaccounted for, sends a probe (sequence number beyond the point's
     * messages) after each {@link #PROBE_AFTER_NS} without progress. Echoes keep their order, so the probe's echo
     * means every earlier message has arrived or is lost.
     */
    private void probeUntilAccounted() throws IOException {
        long seen = received.get();
        long sinceNs = System.nanoTime();
        while (received.get() < total && failure.get() == null) {
            LockSupport.parkNanos(PROBE_AFTER_NS / 4);
            long nowNs = System.nanoTime();
            long got = received.get();
            if (got != seen) {
                seen = got;
                sinceNs = nowNs;
            } else if (nowNs - sinceNs >= PROBE_AFTER_NS) {
                Payload.stamp(link.request(), sequenceBase + total + probes++);
                link.client().send(link.request());
                sinceNs = nowNs;
            }
        }
    }

    /** Parks until due, however short the gap (a park may return early: then it parks again). */
    private static void sleepUntil(long dueNs, long nowNs) {
        for (long leftNs = dueNs - nowNs; leftNs > 0; leftNs = dueNs - System.nanoTime()) {
            LockSupport.parkNanos(leftNs);
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
        LoadClient client = link.client();
        try {
            if (link.receiverCpu() >= 0) {
                CpuAffinity.pinCurrentThread(link.receiverCpu());
            }
            client.prepareReceiver();
            if (metered()) {
                receiverTask = TaskCounters.currentTaskDir();
            }
            receiverReady = true;
            long beforeBytes = allocatedBytes();
            while (echoes.accepted() < total) {
                client.receive(response);
                long nowNs = System.nanoTime();
                accept(response, nowNs);
            }
            receiverAllocatedBytes = allocatedBytes() - beforeBytes;
            if (metered()) {
                receiverLast = TaskCounters.currentThread();
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Checks one echo received at {@code nowNs} and records its latency when it is a measured message. */
    private void accept(ByteBuffer response, long nowNs) throws IOException {
        long index = echoes.accept(Payload.stampOf(response));
        if (index < 0 || index >= total) {
            received.lazySet(Math.min(echoes.accepted(), total));
            return;
        }
        if (link.expected() != null) {
            Payload.stamp(link.expected(), sequenceBase + index);
            Payload.requireSame(link.expected(), response, "echo");
        }
        if (index >= warmup) {
            if (intervals != null) {
                long latencyNs = nowNs - dueNs(index);
                intervals[(int) ((index - warmup) / perInterval)].recordValue(Math.max(0, latencyNs));
            }
            recorded++;
        }
        lastReceiveNs = nowNs;
        received.lazySet(echoes.accepted());
    }

    /**
     * Sender and receiver on the calling thread: sends each message once it is due and the transport has room, and
     * polls for echoes in between; never sleeps.
     */
    private void pollAll() {
        ByteBuffer request = link.request();
        ByteBuffer response = link.response();
        PollingLoadClient client = (PollingLoadClient) link.client();
        try {
            client.prepareReceiver();
            long beforeBytes = allocatedBytes();
            long next = 0;
            long nowNs = System.nanoTime();
            while (echoes.accepted() < total) {
                if (next < total && next - echoes.accepted() < maxInFlight && nowNs >= dueNs(next)) {
                    Payload.stamp(request, sequenceBase + next);
                    if (client.trySend(request)) {
                        next++;
                        sent.lazySet(next);
                    }
                }
                if (echoes.accepted() < next && client.poll(response)) {
                    nowNs = System.nanoTime();
                    accept(response, nowNs);
                    continue;
                }
                if (failure.get() != null) {
                    return;
                }
                Thread.onSpinWait();
                nowNs = System.nanoTime();
            }
            senderAllocatedBytes = allocatedBytes() - beforeBytes;
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
