package ipcbench.mechanism;

import java.io.IOException;

/** The child's end of one trial. */
public interface EchoServer extends AutoCloseable {
    /** What the client needs to connect (a port, a path), reported to the parent; empty when nothing is needed. */
    default String address() {
        return "";
    }

    /**
     * Waits for the client, then echoes ({@link Exchange#LATENCY}) or consumes and acknowledges batches
     * ({@link Exchange#THROUGHPUT}) until the client closes its end; returns normally then.
     */
    void serve() throws IOException;

    @Override
    void close() throws IOException;
}
