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

    /** Closes the client's end, which ends the server's loop. */
    @Override
    void close() throws IOException;
}
