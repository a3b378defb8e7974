package ipcbench.mechanism.rpc;

import io.aeron.exceptions.AeronException;
import org.agrona.ErrorHandler;

import java.io.IOException;

/**
 * The error handler of ipcbench's Aeron clients (the parent's and the echo server's). Aeron's default handler exits
 * the JVM on a driver timeout — including "MediaDriver (...) has been shutdown" when the child's driver closes under
 * an open client — which would kill a JMH fork or a test JVM. This one prints each error and keeps the first that is
 * not a warning, for the hot thread to throw as an IOException from its idle or failure path, so that the benchmark
 * fails with a message instead.
 */
final class AeronErrors implements ErrorHandler {
    private final String mechanismId;
    private final String side;
    private volatile Throwable first;

    /** {@code side} names the process in messages: "parent" or "echo server"; {@code mechanismId} the mechanism. */
    AeronErrors(String mechanismId, String side) {
        this.mechanismId = mechanismId;
        this.side = side;
    }

    /** Called by Aeron's client conductor thread. */
    @Override
    public void onError(Throwable error) {
        System.err.println(mechanismId + " (" + side + "): " + error);
        boolean warning = error instanceof AeronException aeron && aeron.category() == AeronException.Category.WARN;
        if (!warning && first == null) {
            first = error;
        }
    }

    /** Throws the first error Aeron reported, if any, with {@code consequence} (the failure it caused) suppressed. */
    void throwIfAny(IOException consequence) throws IOException {
        Throwable error = first;
        if (error != null) {
            IOException failure = new IOException("aeron: the " + side + "'s Aeron client failed: " + error, error);
            if (consequence != null) {
                failure.addSuppressed(consequence);
            }
            throw failure;
        }
    }
}
