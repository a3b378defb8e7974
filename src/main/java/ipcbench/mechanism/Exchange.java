package ipcbench.mechanism;

/**
 * What a trial exchanges, and so what the echo server does with each message: the latency benchmark's echo, or the
 * throughput benchmark's acknowledged batches. Named as the benchmark that uses it; the wire and the C peer spell it
 * {@code mode=LATENCY|THROUGHPUT}.
 */
public enum Exchange {
    /** Send every message back whole. */
    LATENCY,
    /** Consume {@link Trial#batchMessages()} messages, then send one acknowledgement. */
    THROUGHPUT
}
