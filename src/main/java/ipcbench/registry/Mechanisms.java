package ipcbench.registry;

import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.datagram.PosixMqMechanism;
import ipcbench.mechanism.datagram.SysvMqMechanism;
import ipcbench.mechanism.datagram.UdpMechanism;
import ipcbench.mechanism.datagram.UdsDgramMechanism;
import ipcbench.mechanism.memory.EventFdMechanism;
import ipcbench.mechanism.memory.MmapFileMechanism;
import ipcbench.mechanism.memory.SemaphoreMechanism;
import ipcbench.mechanism.memory.ShmMechanism;
import ipcbench.mechanism.memory.SignalMechanism;
import ipcbench.mechanism.rpc.AeronIpcMechanism;
import ipcbench.mechanism.rpc.AeronUdpMechanism;
import ipcbench.mechanism.rpc.GrpcTcpMechanism;
import ipcbench.mechanism.rpc.GrpcUdsMechanism;
import ipcbench.mechanism.rpc.RmiMechanism;
import ipcbench.mechanism.stream.FifoMechanism;
import ipcbench.mechanism.stream.PipeMechanism;
import ipcbench.mechanism.stream.TcpMechanism;
import ipcbench.mechanism.stream.UdsMechanism;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every mechanism the suite knows, by id, in the order lists and reports show them. Lazy: a mechanism's class is
 * loaded and constructed only when its id is asked for, so an echo child serving {@code pipe} loads neither Netty
 * nor Aeron. The factories are lambdas, not constructor references, because a lambda's body resolves its class only
 * when it runs.
 */
public final class Mechanisms {
    public static final String STREAM = "stream";
    public static final String DATAGRAM = "datagram";
    public static final String MEMORY = "memory";
    public static final String RPC = "rpc";

    private record Entry(String family, String summary, Supplier<Mechanism> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, Mechanism> CREATED = new ConcurrentHashMap<>();
    /** jnr-unixsocket's stream socket, measured until uds gained its direct path; its results still read. */
    private static final String RETIRED_UDS_JNR = "uds-jnr";

    static {
        // One line per mechanism: family, id, what one round trip is in one line (lists and reports show it), factory.
        // The line's place is the mechanism's display order. The family says how the data travels (aeron-ipc's
        // class is a framework's, in the rpc package, but its messages go through shared memory; aeron-udp's, in
        // the same package, go as UDP datagrams).
        add(STREAM, "pipe", "anonymous pipes: the child's stdin/stdout, write(2) + read(2) each way",
                () -> new PipeMechanism());
        add(STREAM, "fifo", "named pipes (mkfifo), one each way, write(2) + read(2)", () -> new FifoMechanism());
        add(STREAM, "tcp", "TCP over 127.0.0.1 (or a link's address), TCP_NODELAY, one connection",
                () -> new TcpMechanism());
        add(DATAGRAM, "udp", "UDP over 127.0.0.1 (or a link's address), connected DatagramChannel: one datagram each"
                + " way",
                () -> new UdpMechanism());
        add(STREAM, "uds", "Unix-domain stream socket, the JDK's SocketChannel", () -> new UdsMechanism());
        add(DATAGRAM, "uds-dgram", "Unix-domain datagram socket (jnr-unixsocket), connected: one datagram each way",
                () -> new UdsDgramMechanism());
        add(MEMORY, "shm", "shared memory (/dev/shm): sequence-numbered slots (rings for batches, > 4 KiB), both sides "
                + "busy-spin, no syscalls", () -> new ShmMechanism());
        add(DATAGRAM, "posix-mq", "POSIX message queues (mq_send/mq_receive), one queue each way",
                () -> new PosixMqMechanism());
        add(DATAGRAM, "sysv-mq", "System V message queue (msgsnd/msgrcv), one queue, mtype per direction",
                () -> new SysvMqMechanism());
        add(MEMORY, "semaphore", "shared memory + two POSIX named semaphores (sem_post/sem_wait, futex), one per "
                + "direction", () -> new SemaphoreMechanism());
        add(MEMORY, "signal", "shared memory + a real-time signal per direction: tgkill to one thread, sigwaitinfo, "
                + "no handler", () -> new SignalMechanism());
        add(MEMORY, "eventfd", "shared memory + one eventfd per direction (EFD_SEMAPHORE, write/read 8 bytes), shared "
                + "by pidfd_getfd", () -> new EventFdMechanism());
        add(MEMORY, "mmap-file", "the shm rings in a MAP_SHARED regular file on disk (page cache, writeback), both "
                + "sides busy-spin", () -> new MmapFileMechanism());
        add(RPC, "rmi", "Java RMI call echo(byte[]) over TCP 127.0.0.1 or a link (Java serialization included)",
                () -> new RmiMechanism());
        add(RPC, "grpc", "gRPC unary call, raw bytes, HTTP/2 over TCP 127.0.0.1 or a link (Netty epoll, NIO where"
                + " epoll is unavailable)", () -> new GrpcTcpMechanism());
        add(RPC, "grpc-uds", "gRPC unary call, raw bytes, HTTP/2 over a Unix-domain socket (Netty epoll)",
                () -> new GrpcUdsMechanism());
        add(MEMORY, "aeron-ipc", "Aeron aeron:ipc, shared-memory log buffers, embedded media driver in the child",
                () -> new AeronIpcMechanism());
        add(DATAGRAM, "aeron-udp", "Aeron unicast over UDP 127.0.0.1 (or the link), an embedded media driver on "
                + "each side, MTU-sized datagrams", () -> new AeronUdpMechanism());
    }

    private Mechanisms() {
    }

    private static void add(String family, String id, String summary, Supplier<Mechanism> factory) {
        if (ENTRIES.put(id, new Entry(family, summary, factory)) != null) {
            throw new IllegalStateException("two mechanisms with id " + id);
        }
    }

    /** Every id, in display order; loads no mechanism. */
    public static List<String> ids() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The family ({@link #STREAM}, {@link #DATAGRAM}, {@link #MEMORY}, {@link #RPC}) of a known id. */
    public static String family(String id) {
        return entry(id).family();
    }

    /** One line for {@code list} and the reports: what travels, over what, in one round trip; loads no mechanism. */
    public static String summary(String id) {
        return entry(id).summary();
    }

    private static Entry entry(String id) {
        Entry entry = ENTRIES.get(id);
        if (entry == null) {
            throw unknown(id);
        }
        return entry;
    }

    /** Every mechanism, in display order: this constructs them all (still without probing availability). */
    public static List<Mechanism> all() {
        List<Mechanism> all = new ArrayList<>();
        for (String id : ENTRIES.keySet()) {
            all.add(require(id));
        }
        return all;
    }

    public static Optional<Mechanism> byId(String id) {
        Entry entry = ENTRIES.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(CREATED.computeIfAbsent(id, known -> created(known, entry)));
    }

    /** The mechanism with {@code id}, or an exception listing the known ids. */
    public static Mechanism require(String id) {
        return byId(id).orElseThrow(() -> unknown(id));
    }

    private static IllegalArgumentException unknown(String id) {
        if (id.equals(RETIRED_UDS_JNR)) {
            return new IllegalArgumentException("uds-jnr was retired: its direct path is uds with --io direct "
                    + "(runs that measured it still read)");
        }
        return new IllegalArgumentException("unknown mechanism '" + id + "'; known: " + String.join(",", ENTRIES.keySet()));
    }

    private static Mechanism created(String id, Entry entry) {
        Mechanism mechanism = entry.factory().get();
        if (!mechanism.id().equals(id)) {
            throw new IllegalStateException("registered as " + id + " but its id() is " + mechanism.id());
        }
        return mechanism;
    }
}
