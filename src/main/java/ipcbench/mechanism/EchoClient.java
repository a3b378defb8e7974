package ipcbench.mechanism;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The parent's end of one trial. Buffers are direct, owned by the caller and hold exactly one payload
 * (capacity = payload bytes); implementations may move their positions and limits. Neither method allocates. A client
 * that can also run under open-loop load is a {@link LoadClient}.
 */
public interface EchoClient extends AutoCloseable {
    /** One round trip: sends all of {@code request}, then fills {@code response} with the server's echo. */
    void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException;

    /** One streaming batch: sends {@code request} {@code messages} times, then waits for the server's acknowledgement. */
    void stream(ByteBuffer request, int messages) throws IOException;

    /** Closes the client's end, which ends the server's loop. */
    @Override
    void close() throws IOException;
}
