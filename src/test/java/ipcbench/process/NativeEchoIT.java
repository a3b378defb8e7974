package ipcbench.process;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.registry.Mechanisms;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Peers jvm-native: every mechanism's normal Java client against the native peer's echo server ({@code ipcpeer
 * serve}), at 1, 64, 4096 and 65536 B (capped at the mechanism's limit), in latency (random payloads echoed byte for
 * byte) and throughput (batches the C server verifies and acknowledges), with every wait the mechanism offers; the
 * server exits 0 and nothing of the trial is left. Mechanisms the binary does not list yet, or a host without cc,
 * skip with the reason. {@code -Dipcbench.it.mechanism=<id>} runs one mechanism only.
 */
class NativeEchoIT {
    static final String ONLY_PROPERTY = "ipcbench.it.mechanism";
    private static final int[] SIZES = {1, 64, 4096, 65536};
    private static final int BATCHES = 3;

    @TempDir
    Path logs;

    /** Every registered mechanism, or the one {@link #ONLY_PROPERTY} names. */
    static List<Mechanism> selected() {
        String only = System.getProperty(ONLY_PROPERTY, "");
        return Mechanisms.all().stream().filter(m -> only.isEmpty() || only.equals(m.id())).toList();
    }

    /** {@code sizes}, each capped at the mechanism's largest message. */
    static TreeSet<Integer> sizesFor(Mechanism mechanism, int[] sizes) {
        TreeSet<Integer> capped = new TreeSet<>();
        for (int size : sizes) {
            capped.add(Math.min(size, mechanism.maxPayloadBytes()));
        }
        return capped;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Mechanism mechanism : selected()) {
            TreeSet<Integer> sizes = sizesFor(mechanism, SIZES);
            for (WaitStrategy wait : mechanism.waits()) {
                for (Exchange mode : Exchange.values()) {
                    for (int size : sizes) {
                        cases.add(Arguments.of(mechanism.id(), wait, mode, size));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** The mechanism, or the test skipped: not runnable here, or no native end for it (yet). */
    static Mechanism withNativePeer(String id) {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Availability peer = NativePeer.here().availability(id);
        Assumptions.assumeTrue(peer.available(), () -> id + ": " + peer.reason());
        return mechanism;
    }

    @ParameterizedTest(name = "{0} ({1}) {2} {3} B against the C server")
    @MethodSource("cases")
    void javaClientAgainstTheNativeServer(String id, WaitStrategy wait, Exchange mode, int payloadBytes)
            throws IOException {
        Mechanism mechanism = withNativePeer(id);
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, mode, payloadBytes).verified(true)
                .waiting(wait).withPeers(Peers.JVM_NATIVE), logs);
        Leftovers leftovers;
        try (session) {
            leftovers = Leftovers.of(session.trial().scratchDir());
            if (mode == Exchange.LATENCY) {
                EchoSessionIT.echoRandomPayloads(session, payloadBytes, payloadBytes * 131L + id.hashCode(), id + " (C server)");
            } else {
                ByteBuffer request = Payload.allocate(payloadBytes, session.trial().seed());
                for (int batch = 0; batch < BATCHES; batch++) {
                    session.client().stream(request, session.trial().batchMessages());
                }
            }
        }
        assertEquals(0, session.serverExitCode(), id + ": the C server's exit code");
        assertEquals(List.of(), leftovers.remaining(), id + ": nothing of the trial is left");
        try (Stream<Path> files = Files.list(logs)) {
            assertEquals(List.of(), files.toList(), "a clean run leaves no (empty) server log");
        }
    }

}
