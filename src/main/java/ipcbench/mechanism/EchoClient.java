package ipcbench.mechanism;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The parent's end of one trial. Buffers are direct, owned by the caller and hold exactly one payload
 * (capacity = payload bytes); implementations may move their positions and limits. Neither method allocates.
 */
public interface EchoClient extends AutoCloseable {
    /** One round trip: sends all of {@code request}, then fills {@code response} with the server's echo. */
    void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException;

    /** One streaming batch: sends {@code request} {@code messages} times, then waits for the server's acknowledgement. */
    void stream(ByteBuffer request, int messages) throws IOException;

    /**
     * Open-loop load, first half of a round trip: sends all of {@code request} without waiting for its echo. One
     * thread may call this while another calls {@link #receive}; echoes come back in send order. Only for mechanisms
     * whose {@link Mechanism#whyNoLoad} is null.
     */
    default void send(ByteBuffer request) throws IOException {
        throw new UnsupportedOperationException("this client cannot send without waiting for the echo");
    }

    /** Open-loop load, second half: fills {@code response} with the next echo, in send order (see {@link #send}). */
    default void receive(ByteBuffer response) throws IOException {
        throw new UnsupportedOperationException("this client cannot receive apart from a round trip");
    }

    /**
     * Open-loop load: called once on the thread that will {@link #receive}, before the first request of a point is
     * sent (a handoff that wakes one thread id adopts it here).
     */
    default void prepareReceiver() throws IOException {
    }

    /**
     * Open-loop load: the most requests this client may have in flight (sent, echo not yet received) without a
     * send or the echo server's reply blocking on a resource the receiver does not drain: a queue that requests
     * and replies share, a ring whose full state would make the sender wait on the receiver's wake-up. The sender
     * waits (and the lateness counts) while this many are in flight. {@link Long#MAX_VALUE}: no such bound.
     */
    default long maxInFlight() {
        return Long.MAX_VALUE;
    }

    /**
     * Open-loop load on one thread ({@link Mechanism#pollsUnderLoad}): sends {@code request} if the transport has
     * room now, else returns false at once (the caller then polls for echoes, which frees room).
     */
    default boolean trySend(ByteBuffer request) throws IOException {
        throw new UnsupportedOperationException("this client cannot send without waiting");
    }

    /**
     * Open-loop load on one thread: fills {@code response} with the next echo if one has arrived and returns true,
     * else returns false at once.
     */
    default boolean poll(ByteBuffer response) throws IOException {
        throw new UnsupportedOperationException("this client cannot poll for an echo");
    }

    /** Closes the client's end, which ends the server's loop. */
    @Override
    void close() throws IOException;
}
