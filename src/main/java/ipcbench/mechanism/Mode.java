package ipcbench.mechanism;

/** What the echo server does with each message. */
public enum Mode {
    /** Send every message back whole. */
    LATENCY,
    /** Consume {@link Trial#batchMessages()} messages, then send one acknowledgement. */
    THROUGHPUT
}
