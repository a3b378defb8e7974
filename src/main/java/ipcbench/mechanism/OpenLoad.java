package ipcbench.mechanism;

/**
 * A mechanism that can run the open-loop load benchmark: its client ({@link LoadClient}) sends requests without
 * waiting for their echoes, many in flight, as a service does under traffic. A mechanism without this capability is
 * skipped under load with {@link Mechanism#whyNoLoad}.
 */
public interface OpenLoad {
    /** Why it cannot run under load at {@code payloadBytes} although it can at other sizes; null: it can. */
    default String whyNoLoad(int payloadBytes) {
        return null;
    }

    /**
     * True when the client polls on one thread ({@link PollingLoadClient}): for mechanisms whose receive spins
     * anyway, a second spinning thread would only compete with the sender for its CPU. False: a separate receiving
     * thread that blocks in {@link LoadClient#receive}.
     */
    default boolean pollsUnderLoad() {
        return false;
    }

    /**
     * True when an echo may be lost under load (loopback UDP drops datagrams when a socket buffer is full): the
     * client then counts a sequence gap as lost messages instead of failing the point.
     */
    default boolean losesUnderLoad() {
        return false;
    }

    /**
     * True when echoes may come back in another order than their requests were sent (independent RPC calls); none is
     * lost, and the client matches each echo to its request by sequence number within its in-flight window.
     */
    default boolean reordersUnderLoad() {
        return false;
    }
}
