package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.registry.Mechanisms;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-in through a real echo child: one child serves several clients at once, each through its own connection or
 * queue, each client's random payloads come back to it byte for byte while the others run, every client's streamed
 * batches are verified by the child, a client whose stream is corrupt is named, and nothing is left behind. The
 * mechanisms are one of each family's ways of serving (stream sockets over TCP and Unix sockets, a message queue of
 * the datagram family, shared memory, gRPC); every other mechanism serves its clients through the same child code.
 */
class FanInIT {
    private static final int CLIENTS = 3;
    private static final int ROUND_TRIPS = 200;

    @TempDir
    Path logs;

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}: three clients at once, each gets its own echoes")
    @ValueSource(strings = {"uds", "tcp", "posix-mq", "grpc", "shm"})
    void eachClientGetsItsOwnEchoesWhileTheOthersRun(String id) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64)
                .servingClients(CLIENTS), logs);
        Leftovers leftovers;
        try (session) {
            leftovers = Leftovers.of(session.trial().scratchDir());
            assertEquals(CLIENTS, session.clientCount());
            runConcurrently(CLIENTS, member -> {
                SplittableRandom random = new SplittableRandom(member * 7919L + 1);
                byte[] sent = new byte[64];
                byte[] received = new byte[64];
                ByteBuffer request = ByteBuffer.allocateDirect(64);
                ByteBuffer response = ByteBuffer.allocateDirect(64);
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    random.nextBytes(sent);
                    sent[0] = (byte) member;
                    request.clear();
                    request.put(sent);
                    response.clear();
                    session.client(member).roundTrip(request, response);
                    response.clear();
                    response.get(received);
                    assertArrayEquals(sent, received, id + " client " + member + " round trip " + i);
                }
            });
        }
        assertEquals(0, session.serverExitCode(), id);
        assertEquals(List.of(), leftovers.remaining(), id);
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}: every client's streamed batches are verified by the child")
    @ValueSource(strings = {"uds", "posix-mq"})
    void everyClientsStreamIsVerified(String id) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, 64).verified(true)
                .servingClients(CLIENTS), logs);
        try (session) {
            runConcurrently(CLIENTS, member -> {
                ByteBuffer payload = Payload.allocate(64, session.trial().seed());
                for (int batch = 0; batch < 5; batch++) {
                    session.client(member).stream(payload, session.trial().batchMessages());
                }
            });
        }
        assertEquals(0, session.serverExitCode(), id);
    }

    @Test
    void aClientWhoseStreamIsCorruptIsNamed() throws Exception {
        EchoSession session = EchoSession.open(SessionSpec.of(Mechanisms.require("uds"), Exchange.THROUGHPUT, 64)
                .verified(true).servingClients(2), logs);
        ByteBuffer right = Payload.allocate(64, session.trial().seed());
        ByteBuffer wrong = Payload.allocate(64, session.trial().seed() + 1);
        IOException failure = assertThrows(IOException.class, () -> {
            try (session) {
                session.client(0).stream(right, session.trial().batchMessages());
                session.client(1).stream(wrong, session.trial().batchMessages());
            }
        });
        StringBuilder evidence = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable suppressed : failure.getSuppressed()) {
            evidence.append('\n').append(suppressed.getMessage());
        }
        assertTrue(evidence.toString().contains("client 1's server end failed"), evidence.toString());
    }

    @Test
    void aMechanismWithoutFanInIsRefusedWithItsReason() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EchoSession.open(
                SessionSpec.of(Mechanisms.require("pipe"), Exchange.LATENCY, 64).servingClients(2), logs));
        assertTrue(refused.getMessage().contains("stdin and stdout"), refused.getMessage());
    }

    /** What one client thread does; it may throw, which fails the test with the client named. */
    @FunctionalInterface
    private interface ClientWork {
        void run(int member) throws Exception;
    }

    private static void runConcurrently(int clients, ClientWork work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int member = 0; member < clients; member++) {
                int index = member;
                done.add(threads.submit(() -> {
                    work.run(index);
                    return null;
                }));
            }
            for (Future<?> one : done) {
                one.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
