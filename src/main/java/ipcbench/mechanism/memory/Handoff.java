package ipcbench.mechanism.memory;

import java.io.IOException;

/**
 * How one side of the shared region wakes the other and waits for it: the only thing the memory family's
 * mechanisms differ in. A side holds one handoff: {@link #signalPeer} wakes the other process, {@link #awaitPeer}
 * waits until the other process signalled this one.
 *
 * <p>When {@link #sleeps()}, the counts are exact: every signal is consumed by exactly one await (a semaphore
 * counts; real-time signals queue). {@link RingPort} keeps them exact: one signal per record written, and one per
 * "room freed" wake-up it asked for. A spinning handoff signals nothing and the rings' own positions are watched.
 */
interface Handoff extends AutoCloseable {
    /** True when awaitPeer sleeps in the kernel, so a side that finds a ring full must ask to be woken. */
    boolean sleeps();

    /** Wakes the peer (one count). */
    void signalPeer() throws IOException;

    /** Waits for one count from the peer, or for {@link #wakeSelf}. */
    void awaitPeer() throws IOException;

    /** From another thread of this process: ends a pending {@link #awaitPeer} (the peer died or this end closes). */
    void wakeSelf() throws IOException;

    /** Called on the client's first operation from a new thread, before it signals or waits. */
    default void adoptCurrentThread() throws IOException {
    }

    /** What the server reports to the client (empty unless the client needs it). */
    default String address() {
        return "";
    }

    @Override
    void close() throws IOException;
}
