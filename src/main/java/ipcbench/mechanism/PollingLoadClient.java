package ipcbench.mechanism;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A load client driven from one thread ({@link OpenLoad#pollsUnderLoad}): it sends when the transport has room and
 * polls for echoes in between, neither ever waiting.
 */
public interface PollingLoadClient extends LoadClient {
    /** Sends {@code request} if the transport has room now, else returns false at once. */
    boolean trySend(ByteBuffer request) throws IOException;

    /** Fills {@code response} with the next echo if one has arrived and returns true, else returns false at once. */
    boolean poll(ByteBuffer response) throws IOException;
}
