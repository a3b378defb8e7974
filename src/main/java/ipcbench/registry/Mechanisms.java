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
import ipcbench.mechanism.rpc.GrpcTcpMechanism;
import ipcbench.mechanism.rpc.GrpcUdsMechanism;
import ipcbench.mechanism.rpc.RmiMechanism;
import ipcbench.mechanism.stream.FifoMechanism;
import ipcbench.mechanism.stream.PipeMechanism;
import ipcbench.mechanism.stream.TcpMechanism;
import ipcbench.mechanism.stream.UdsJnrMechanism;
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

    private record Entry(String family, Supplier<Mechanism> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, Mechanism> CREATED = new ConcurrentHashMap<>();

    static {
        // One line per mechanism: family, id, factory. The line's place is the mechanism's display order.
        add(STREAM, "pipe", () -> new PipeMechanism());
        add(STREAM, "fifo", () -> new FifoMechanism());
        add(STREAM, "tcp", () -> new TcpMechanism());
        add(DATAGRAM, "udp", () -> new UdpMechanism());
        add(STREAM, "uds", () -> new UdsMechanism());
        add(STREAM, "uds-jnr", () -> new UdsJnrMechanism());
        add(DATAGRAM, "uds-dgram", () -> new UdsDgramMechanism());
        add(MEMORY, "shm", () -> new ShmMechanism());
        add(DATAGRAM, "posix-mq", () -> new PosixMqMechanism());
        add(DATAGRAM, "sysv-mq", () -> new SysvMqMechanism());
        add(MEMORY, "semaphore", () -> new SemaphoreMechanism());
        add(MEMORY, "signal", () -> new SignalMechanism());
        add(MEMORY, "eventfd", () -> new EventFdMechanism());
        add(MEMORY, "mmap-file", () -> new MmapFileMechanism());
        add(RPC, "rmi", () -> new RmiMechanism());
        add(RPC, "grpc", () -> new GrpcTcpMechanism());
        add(RPC, "grpc-uds", () -> new GrpcUdsMechanism());
        add(RPC, "aeron-ipc", () -> new AeronIpcMechanism());
    }

    private Mechanisms() {
    }

    private static void add(String family, String id, Supplier<Mechanism> factory) {
        if (ENTRIES.put(id, new Entry(family, factory)) != null) {
            throw new IllegalStateException("two mechanisms with id " + id);
        }
    }

    /** Every id, in display order; loads no mechanism. */
    public static List<String> ids() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The family ({@link #STREAM}, {@link #DATAGRAM}, {@link #MEMORY}, {@link #RPC}) of a known id. */
    public static String family(String id) {
        Entry entry = ENTRIES.get(id);
        if (entry == null) {
            throw unknown(id);
        }
        return entry.family();
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
