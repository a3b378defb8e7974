package ipcbench.mechanism.rpc;

import io.aeron.logbuffer.FrameDescriptor;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;

import java.io.IOException;
import java.util.List;

/**
 * What {@code aeron-ipc} and {@code aeron-udp} share as mechanisms: the id their {@link AeronTransport} names, spin
 * only, messages of at most term / 8 = 1 MiB, one echo loop ({@link AeronEchoServer}) and one client
 * ({@link AeronClient}) over their transport's channels, polling under open-loop load.
 */
abstract class AeronMechanism implements Mechanism, OpenLoad {
    /** The channels, drivers and peer proof that make this mechanism. */
    abstract AeronTransport transport();

    @Override
    public final String id() {
        return transport().mechanismId();
    }

    @Override
    public final List<WaitStrategy> waits() {
        return List.of(WaitStrategy.SPIN);
    }

    @Override
    public final String whyNoFanIn() {
        return "each echo server embeds its own media driver: several in one child would not be Aeron's one driver "
                + "per host";
    }

    @Override
    public final int maxPayloadBytes() {
        return FrameDescriptor.computeMaxMessageLength(AeronTransport.TERM_LENGTH);
    }

    @Override
    public final EchoServer openServer(Trial trial) throws IOException {
        return AeronEchoServer.start(trial, transport());
    }

    @Override
    public final boolean pollsUnderLoad() {
        return true;
    }

    @Override
    public final EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        return AeronClient.connect(trial, transport(), serverAddress, child);
    }
}
