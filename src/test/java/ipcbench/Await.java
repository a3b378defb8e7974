package ipcbench;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for an event that a test cannot be told of (a process ending, a thread or socket going away): a bounded
 * poll that returns as soon as the event has happened and fails, naming it, only when it has not within a generous
 * deadline. The deadline is a bound on a hang, never a claim about speed: nothing asserts how fast the event came.
 */
public final class Await {
    private static final long POLL_MS = 10;

    /** A check of the event: true once it has happened; it may itself fail the test (a process that died early). */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A look for the event's result: null until the event has happened. */
    public interface Probe<T> {
        T poll() throws Exception;
    }

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code event} and the deadline when it does not within it. */
    public static void until(Supplier<String> event, Duration within, Condition condition) throws Exception {
        result(event, within, () -> condition.holds() ? Boolean.TRUE : null);
    }

    /** The first non-null result of {@code probe}; fails with {@code event} and the deadline when none comes. */
    public static <T> T result(Supplier<String> event, Duration within, Probe<T> probe) throws Exception {
        long deadlineNs = System.nanoTime() + within.toNanos();
        while (true) {
            T found = probe.poll();
            if (found != null) {
                return found;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + event.get());
            }
            Thread.sleep(POLL_MS);
        }
    }
}
