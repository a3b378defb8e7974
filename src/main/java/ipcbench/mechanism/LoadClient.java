package ipcbench.mechanism;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The client of a mechanism that can run under open-loop load ({@link OpenLoad}): one thread calls {@link #send}
 * while another calls {@link #receive}; echoes come back in send order unless the mechanism says they reorder.
 * Neither allocates, as {@link EchoClient}'s methods do not.
 */
public interface LoadClient extends EchoClient {
    /** First half of a round trip: sends all of {@code request} without waiting for its echo. */
    void send(ByteBuffer request) throws IOException;

    /** Second half: fills {@code response} with the next echo. */
    void receive(ByteBuffer response) throws IOException;

    /**
     * Called once on the thread that will {@link #receive}, before the first request of a point is sent (a handoff
     * that wakes one thread id adopts it here).
     */
    default void prepareReceiver() throws IOException {
    }

    /**
     * The most requests this client may have in flight (sent, echo not yet received) without a send or the echo
     * server's reply blocking on a resource the receiver does not drain: a queue that requests and replies share, a
     * ring whose full state would make the sender wait on the receiver's wake-up. The sender waits (and the lateness
     * counts) while this many are in flight. {@link Long#MAX_VALUE}: no such bound.
     */
    default long maxInFlight() {
        return Long.MAX_VALUE;
    }
}
