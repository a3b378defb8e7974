package ipcbench.mechanism.rpc;

import ipcbench.Await;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frameworks start threads of their own (Netty event loops, RMI's connection pool and DGC, Aeron's client
 * conductor); a non-daemon one left behind would keep a JMH fork from exiting. After a latency session and a
 * streaming session of each mechanism close, no non-daemon thread that was not there before may be alive.
 * And the Aeron media driver in the child removes its own directory, and its loss fails the client, not the JVM.
 */
class RpcShutdownIT {
    /**
     * Netty and gRPC end some helper threads a moment after close (Netty's graceful shutdown waits out a quiet
     * period); a JMH fork waits this long (its jmh.shutdownTimeout) for such threads before it gives up on them.
     */
    private static final Duration JMH_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The client's conductor checks its driver every 0.5 s (Aeron's keep-alive interval); a loaded machine is slower. */
    private static final Duration DRIVER_LOSS = Duration.ofSeconds(15);

    @TempDir
    Path logs;

    @ParameterizedTest(name = "{0}: no non-daemon thread outlives its sessions")
    @ValueSource(strings = {"rmi", "grpc", "grpc-uds", "aeron-ipc", "aeron-udp"})
    void noNonDaemonThreadOutlivesTheSessions(String id) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int payloadBytes = 4096;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, payloadBytes), logs)) {
            ByteBuffer request = Payload.allocate(payloadBytes, 7);
            ByteBuffer response = ByteBuffer.allocateDirect(payloadBytes);
            for (int i = 0; i < 100; i++) {
                session.client().roundTrip(request, response);
            }
        }
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, payloadBytes)
                .verified(true), logs)) {
            session.client().stream(Payload.allocate(payloadBytes, session.trial().seed()), session.trial().batchMessages());
        }
        long deadlineNs = System.nanoTime() + JMH_SHUTDOWN_TIMEOUT.toNanos();
        for (Thread thread : nonDaemonThreadsNotIn(before)) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
        }
        assertEquals(List.of(), nonDaemonThreadsNotIn(before).stream().map(Thread::getName).toList(),
                id + ": non-daemon threads still alive " + JMH_SHUTDOWN_TIMEOUT.toSeconds() + " s after close");
    }

    @Test
    void aeronDriverRemovesItsDirectoryWhenTheClientLeaves() throws Exception {
        Mechanism mechanism = RunnableHere.orSkip("aeron-ipc");
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64), logs)) {
            Path aeronDir = session.trial().file(AeronIpcMechanism.DIRECTORY);
            assertTrue(Files.isDirectory(aeronDir), "the child's media driver runs in " + aeronDir);
            ByteBuffer request = Payload.allocate(64, 3);
            session.client().roundTrip(request, ByteBuffer.allocateDirect(64));
            session.client().close();
            Process child = session.serverProcess();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child ends its loop when the client closes");
            assertEquals(0, child.exitValue());
            assertFalse(Files.exists(aeronDir), "the child's driver deleted " + aeronDir + " on shutdown");
        }
    }

    /**
     * aeron-udp runs a media driver on each side, each in a directory of its own side's private directory (one
     * directory here, both sides on one host): the client's goes with the client, and the child's with the child,
     * which the client's goodbye ends before its close returns (a client that only closed its stream would leave the
     * child waiting out Aeron's image timeout after the close had given up on it).
     */
    @Test
    void aeronUdpDriversRemoveTheirDirectoriesWhenTheClientLeaves() throws Exception {
        Mechanism mechanism = RunnableHere.orSkip("aeron-udp");
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64), logs)) {
            Path serverDir = session.trial().file(AeronTransport.SERVER_DIRECTORY);
            Path clientDir = session.trial().file(AeronUdpMechanism.CLIENT_DIRECTORY);
            assertTrue(Files.isDirectory(serverDir), "the child's media driver runs in " + serverDir);
            assertTrue(Files.isDirectory(clientDir), "the client's media driver runs in " + clientDir);
            ByteBuffer request = Payload.allocate(64, 3);
            session.client().roundTrip(request, ByteBuffer.allocateDirect(64));
            session.client().close();
            Process child = session.serverProcess();
            assertFalse(child.isAlive(), "the child has ended its loop and exited when the client's close returns");
            assertEquals(0, child.exitValue());
            assertFalse(Files.exists(clientDir), "the client's driver deleted " + clientDir + " on close");
            assertFalse(Files.exists(serverDir), "the child's driver deleted " + serverDir + " on shutdown");
        }
    }

    /**
     * The child's verify fails, so it closes its media driver (gracefully) while this JVM's client is still open.
     * Aeron's default error handler would exit this JVM once the client's conductor sees the driver gone; the client
     * must instead fail its next operation naming the lost driver.
     */
    @Test
    void aClientThatLosesItsDriverFailsInsteadOfExitingTheJvm() throws Exception {
        Mechanism mechanism = RunnableHere.orSkip("aeron-ipc");
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, 64).verified(true), logs);
        IOException atClose = assertThrows(IOException.class, () -> {
            try (session) {
                ByteBuffer wrong = Payload.allocate(64, session.trial().seed() + 1);
                assertThrows(IOException.class, () -> session.client().stream(wrong, session.trial().batchMessages()));
                assertTrue(session.serverProcess().waitFor(10, TimeUnit.SECONDS), "the child ends on the verify failure");
                AtomicReference<String> seen = new AtomicReference<>("");
                Await.until(() -> "the client names its lost driver: " + seen, DRIVER_LOSS, () -> {
                    seen.set(assertThrows(IOException.class, () -> session.client().stream(wrong, 1)).getMessage());
                    return seen.get().contains("has been shutdown");
                });
                assertTrue(seen.get().contains("Aeron client failed"), "the client names its lost driver: " + seen);
            }
        });
        assertTrue(atClose.getMessage().contains("exited with code"), atClose.toString());
    }

    private static List<Thread> nonDaemonThreadsNotIn(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && !before.contains(t))
                .sorted(Comparator.comparing(Thread::getName))
                .toList();
    }
}
