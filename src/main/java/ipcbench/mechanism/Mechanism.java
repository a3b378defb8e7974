package ipcbench.mechanism;

import java.io.IOException;
import java.util.List;

/**
 * One IPC mechanism, as the benchmarks and the echo-server child see it. An implementation is one small class in
 * its family's package plus one line in {@code ipcbench.registry.Mechanisms} (its id, family and one-line summary);
 * its class comment says exactly what one round trip is. The core asks three methods here and five of its ends
 * ({@link EchoClient}, {@link EchoServer}); running under open-loop load ({@link OpenLoad}) is a capability.
 *
 * <p>Life of a trial: the parent (the JMH fork or a test) calls {@link #createResources} for the named kernel
 * objects, starts the child, which calls {@link #openServer} and reports the server's address, then the parent
 * calls {@link #connect}. Closing the client ends the server's {@link EchoServer#serve} loop.
 */
public interface Mechanism {
    /** The stable id used on the command line, in CSV files and in file names. */
    String id();

    /**
     * Whether this host can run it; when not, the reason a user can act on. Checked before any process starts. Most
     * mechanisms need nothing the kernel lacks; those that may (a kernel module, a limit, a library) say so here.
     */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * The largest payload one message may carry on this host, in bytes: a byte stream or a shared ring takes the
     * largest a trial allows; a message queue or a datagram its own limit.
     */
    default int maxPayloadBytes() {
        return Trial.MAX_PAYLOAD_BYTES;
    }

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
     * The paths its Java ends can make their system calls by; the first is the one it runs with. Only the
     * mechanisms the JDK's channels carry offer {@link Io#DIRECT} beside {@link Io#JDK}.
     */
    default List<Io> ios() {
        return List.of(Io.JDK);
    }

    /** Why this mechanism cannot run the open-loop load benchmark, or null when it can ({@link OpenLoad}). */
    default String whyNoLoad() {
        return this instanceof OpenLoad ? null : "it has no open-loop client";
    }

    /**
     * Why this mechanism cannot reach an echo child on another host or in another network namespace
     * ({@code --netns}, {@code --server-host}), or null when it can: its server binds {@link Trial#address()} and
     * its client dials it. A reason names what confines it to one kernel.
     */
    default String whyHostLocal() {
        return "it exists only within one kernel";
    }

    /**
     * Why this mechanism cannot serve several clients from one echo child ({@code --topology fanin}), or null when it
     * can: the child opens one server end per client ({@link Trial#member}), each served by a thread of its own, and
     * each client connects to its own end.
     */
    default String whyNoFanIn() {
        return null;
    }

    /**
     * Why this mechanism has no fan-out here ({@code --topology fanout}), or null when it has one: one echo child per
     * subscriber, each on a channel of its own, the publisher writing every message to each channel in turn and
     * waiting for every echo ({@link LoadClient#send}, {@link LoadClient#receive}). Only the mechanisms whose natural
     * way to reach N readers is that say null; the others give the way that is theirs and is not built.
     */
    default String whyNoFanOut() {
        return "no way of its own to reach several readers is built here (pipe, fifo, tcp, uds, uds-dgram, posix-mq "
                + "and sysv-mq write one channel per subscriber in turn; shm and aeron-ipc have their own)";
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
