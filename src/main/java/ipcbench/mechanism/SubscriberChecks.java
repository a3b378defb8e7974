package ipcbench.mechanism;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fan-out publisher's checks on its subscribers ({@link BroadcastFanOut.Publisher}), made on its idle path only,
 * never per message: that a subscriber's child still runs, and that a wait has not outlasted
 * {@value #ANSWER_WITHIN_S} s. A failure names the subscriber ({@code subscriber 1: …}). A wait is timed from its
 * first check after {@link #startWait()}, so that the clock is read only once the publisher has idled.
 */
public final class SubscriberChecks {
    /** How long a publisher waits for an acknowledgement (or for room to publish) before it fails. */
    public static final long ANSWER_WITHIN_S = 10;

    private final List<Process> children;
    private final String[] names;
    private long waitingSinceNs;

    public SubscriberChecks(List<Process> children) {
        this.children = List.copyOf(children);
        names = new String[children.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = "subscriber " + i;
        }
    }

    public int count() {
        return names.length;
    }

    /** {@code subscriber I}, made once. */
    public String name(int subscriber) {
        return names[subscriber];
    }

    /** A new wait begins: its time runs from the next check. */
    public void startWait() {
        waitingSinceNs = 0;
    }

    /** Fails naming the subscriber when its child has exited. */
    public void requireRunning(int subscriber) throws IOException {
        Process child = children.get(subscriber);
        if (!child.isAlive()) {
            throw new IOException(names[subscriber] + ": the echo child exited with code " + child.exitValue());
        }
    }

    /** True once the current wait, timed from its first check, has lasted beyond {@value #ANSWER_WITHIN_S} s. */
    public boolean waitedTooLong() {
        long nowNs = System.nanoTime();
        waitingSinceNs = waitingSinceNs == 0 ? nowNs : waitingSinceNs;
        return nowNs - waitingSinceNs > TimeUnit.SECONDS.toNanos(ANSWER_WITHIN_S);
    }

    /** Fails naming the subscriber, whose acknowledgement the publisher waits for, when it is gone or too late. */
    public void requireAnswering(int subscriber) throws IOException {
        requireRunning(subscriber);
        if (waitedTooLong()) {
            throw new IOException(names[subscriber] + ": no acknowledgement within " + ANSWER_WITHIN_S + " s");
        }
    }
}
