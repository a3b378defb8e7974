package ipcbench.mechanism;

import ipcbench.mechanism.rpc.AeronIpcMechanism;
import ipcbench.mechanism.rpc.GrpcTcpMechanism;
import ipcbench.mechanism.rpc.GrpcUdsMechanism;
import ipcbench.mechanism.rpc.RmiMechanism;
import ipcbench.mechanism.stream.PipeMechanism;
import ipcbench.mechanism.stream.TcpMechanism;
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
        register(new TcpMechanism());
        register(new UdsMechanism());
        register(new RmiMechanism());
        register(new GrpcTcpMechanism());
        register(new GrpcUdsMechanism());
        register(new AeronIpcMechanism());
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
