package ipcbench.mechanism;

import ipcbench.mechanism.datagram.PosixMqMechanism;
import ipcbench.mechanism.datagram.SysvMqMechanism;
import ipcbench.mechanism.datagram.UdpMechanism;
import ipcbench.mechanism.datagram.UdsDgramMechanism;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every mechanism the suite knows, in the order lists and reports show them. */
public final class Mechanisms {
    private static final Map<String, Mechanism> BY_ID = new LinkedHashMap<>();

    static {
        register(new PipeMechanism());
        register(new FifoMechanism());
        register(new TcpMechanism());
        register(new UdpMechanism());
        register(new UdsMechanism());
        register(new UdsJnrMechanism());
        register(new UdsDgramMechanism());
        register(new ShmMechanism());
        register(new PosixMqMechanism());
        register(new SysvMqMechanism());
        register(new SemaphoreMechanism());
        register(new SignalMechanism());
        register(new RmiMechanism());
        register(new GrpcTcpMechanism());
        register(new GrpcUdsMechanism());
        register(new AeronIpcMechanism());
        register(new ipcbench.mechanism.memory.EventFdMechanism());
        register(new ipcbench.mechanism.memory.MmapFileMechanism());
    }

    private Mechanisms() {
    }

    private static void register(Mechanism mechanism) {
        if (BY_ID.put(mechanism.id(), mechanism) != null) {
            throw new IllegalStateException("two mechanisms with id " + mechanism.id());
        }
    }

    public static List<Mechanism> all() {
        return List.copyOf(BY_ID.values());
    }

    public static Optional<Mechanism> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The mechanism with {@code id}, or an exception listing the known ids. */
    public static Mechanism require(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown mechanism '" + id + "'; known: " + String.join(",", BY_ID.keySet())));
    }
}
