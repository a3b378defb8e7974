package ipcbench.mechanism.datagram;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Turns a reply that never comes into an exception instead of a hang, without a clock read or syscall on the
 * measured path. A message transport gives no end-of-file: a receive waits forever when the echo server died (a
 * queue stays open) or a datagram was lost (UDP). The client marks each receive by bumping a counter (two opaque
 * stores, no fence); this daemon thread wakes when the child exits, and otherwise once per second, and when the
 * child is gone or one receive has been pending for {@link #STALL_NS}, it records why and calls
 * {@link MessagePort#abort()}, which makes the blocked call return; the client then throws that reason.
 */
final class ReplyGuard implements AutoCloseable {
    /** A reply on this host takes microseconds; a batch, milliseconds. Five seconds of silence is a loss. */
    static final long STALL_NS = TimeUnit.SECONDS.toNanos(5);
    static final long TICK_MS = 1000;
    private static final VarHandle PROGRESS;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(ReplyGuard.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String mechanismId;
    private final MessagePort port;
    private final Process child;
    private final Thread thread;
    /** Odd while the client waits in a receive; written only by the client's thread. */
    @SuppressWarnings("unused")
    private long progress;
    private volatile String reason;
    private volatile boolean closed;

    ReplyGuard(String mechanismId, MessagePort port, Process child) {
        this.mechanismId = mechanismId;
        this.port = port;
        this.child = child;
        this.thread = new Thread(this::watch, mechanismId + "-reply-guard");
        thread.setDaemon(true);
        thread.start();
    }

    void enterReceive() {
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    }

    void leaveReceive() {
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    }

    boolean aborted() {
        return reason != null;
    }

    /**
     * The exception for a failed call ({@code cause}, or null for an unexpected end-of-session message): the
     * guard's reason when it aborted; else the child's exit when it is gone (a socket may report the dead peer
     * first, e.g. PortUnreachableException); else the cause, named after the mechanism.
     */
    IOException explain(IOException cause) {
        String why = reason;
        if (why == null && !child.isAlive()) {
            why = mechanismId + ": the echo server exited with code " + child.exitValue() + " (see its log)";
        }
        if (why == null) {
            why = mechanismId + ": " + (cause == null ? "the echo server ended the session" : cause.toString());
        }
        return new IOException(why, cause);
    }

    private void watch() {
        long seen = -1;
        long pendingSinceNs = System.nanoTime();
        try {
            while (!closed) {
                if (child.waitFor(TICK_MS, TimeUnit.MILLISECONDS)) {
                    abort("the echo server exited with code " + child.exitValue() + " (see its log)");
                    return;
                }
                long now = (long) PROGRESS.getOpaque(this);
                if ((now & 1) == 0 || now != seen) {
                    seen = now;
                    pendingSinceNs = System.nanoTime();
                } else if (System.nanoTime() - pendingSinceNs > STALL_NS) {
                    abort("no reply within " + TimeUnit.NANOSECONDS.toSeconds(STALL_NS) + " s: a message was lost "
                            + "or the echo server is stuck");
                    return;
                }
            }
        } catch (InterruptedException stop) {
            // close() interrupts
        }
    }

    private void abort(String why) {
        if (closed) {
            return;
        }
        reason = mechanismId + ": " + why;
        try {
            port.abort();
        } catch (IOException e) {
            reason = reason + " (and unblocking the client failed: " + e.getMessage() + ")";
        }
    }

    /** Stops the watch; waits for an abort in progress to finish, so the port can be closed safely. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
