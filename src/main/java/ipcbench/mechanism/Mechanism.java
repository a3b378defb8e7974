package ipcbench.mechanism;

import java.io.IOException;
import java.util.List;

/**
 * One IPC mechanism, as the benchmarks and the echo-server child see it. An implementation is one small class in
 * its family's package plus one line in {@code ipcbench.registry.Mechanisms}; its class comment says exactly what
 * one round trip is.
 *
 * <p>Life of a trial: the parent (the JMH fork or a test) calls {@link #createResources} for the named kernel
 * objects, starts the child, which calls {@link #openServer} and reports the server's address, then the parent
 * calls {@link #connect}. Closing the client ends the server's {@link EchoServer#serve} loop.
 */
public interface Mechanism {
    /** The stable id used on the command line, in CSV files and in file names. */
    String id();

    /** One line for {@code --list} and the reports: what travels, over what, in one round trip. */
    String summary();

    /** Whether this host can run it; when not, the reason a user can act on. Checked before any process starts. */
    Availability availability();

    /** The largest payload one message may carry on this host, in bytes. */
    int maxPayloadBytes();

    /**
     * Whether {@link EchoClient#roundTrip} and {@link EchoClient#stream} allocate nothing on the heap once warm. True
     * for every raw mechanism (a test holds them to it); frameworks that allocate per call (RMI, gRPC) say false,
     * and the reports show their allocation rate.
     */
    default boolean allocationFree() {
        return true;
    }

    /**
     * The least warm-up, in milliseconds, before this mechanism's numbers mean its steady state. Raw mechanisms
     * settle within the profiles' warm-up; a framework whose JIT-compiled call path takes long to settle (gRPC, RMI:
     * docs/mechanisms.md) says so here, and the quick, ci and full profiles then warm it up that long.
     */
    default int minWarmupMillis() {
        return 0;
    }

    /**
     * How this mechanism's receiving sides wait; the first is the one it runs with. Kernel mechanisms block; those
     * that poll shared memory ({@code shm}, {@code mmap-file}, {@code aeron-ipc}) spin.
     */
    default List<WaitStrategy> waits() {
        return List.of(WaitStrategy.BLOCK);
    }

    /**
     * Why this mechanism cannot run the open-loop load benchmark ({@link EchoClient#send} and
     * {@link EchoClient#receive} from two threads at once, many requests in flight), or null when it can.
     */
    default String whyNoLoad() {
        return "open-loop send/receive is not implemented for this mechanism";
    }

    /**
     * Why this mechanism cannot run under load at {@code payloadBytes} although it can at other sizes (null: it
     * can, or {@link #whyNoLoad()} already says it cannot at any).
     */
    default String whyNoLoad(int payloadBytes) {
        return null;
    }

    /**
     * True when the open-loop client polls on one thread ({@link EchoClient#trySend}, {@link EchoClient#poll}):
     * for mechanisms whose receive spins anyway, a second spinning thread would only compete with the sender for
     * its CPU. False: a separate receiving thread that blocks in {@link EchoClient#receive}.
     */
    default boolean pollsUnderLoad() {
        return false;
    }

    /**
     * True when an echo may be lost under load (loopback UDP drops datagrams when a socket buffer is full): the
     * open-loop client then counts a sequence gap as lost messages instead of failing the point.
     */
    default boolean losesUnderLoad() {
        return false;
    }

    /**
     * True when echoes may come back in another order than their requests were sent (independent RPC calls); none is
     * lost, and the open-loop client matches each echo to its request by sequence number within its in-flight window.
     */
    default boolean reordersUnderLoad() {
        return false;
    }

    /** True when the data travels over the child's stdin and stdout, which then must stay pipes to the parent. */
    default boolean usesChildStdio() {
        return false;
    }

    /**
     * Parent side, before the child starts: creates the named objects the server end opens, each through
     * {@code trial.scratch().recordThenCreate} (ledger entry first), removing a stale object of the same name first.
     */
    default void createResources(Trial trial) throws IOException {
    }

    /** Removes one object this mechanism recorded in a ledger; an object already gone is not an error. */
    default void removeResource(String objectName) throws IOException {
    }

    /** Child side: opens the server end without waiting for the client, so its address can be reported. */
    EchoServer openServer(Trial trial) throws IOException;

    /** Parent side: connects to the server end the child reported at {@code serverAddress}. */
    EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException;
}
