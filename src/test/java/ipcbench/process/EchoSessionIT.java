package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.registry.Mechanisms;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered mechanism, through a real echo-server child: random payloads come back byte for byte at the
 * sizes where implementations break (1 B, 64 B, an unaligned 4095 B across a page, 64 KiB pipe and socket chunks,
 * 1 MiB) and at the mechanism's exact limit; limit + 1 is refused before any process starts; streamed batches are
 * acknowledged and checked by the server; and nothing is left in the private directory or the log. 64 B is echoed
 * with every wait strategy and io path a mechanism offers, in the session whose hot loops are then checked for
 * allocations (spinning, the slot path of the memory family). Every mechanism that can spin as well as block also
 * echoes 64 KiB spinning (its rings), to keep the run short. The mechanisms with a direct io path echo and stream
 * through it too (1 B, 4 KiB and 64 KiB besides 64 B, each wait), on the running JDK's binding. The cases of each test run two at a time (the
 * class still runs alone): each spends most of its time starting a child JVM, none measures time, and the
 * allocation check counts its own thread's bytes only.
 */
class EchoSessionIT {
    /** 64 B is echoed by {@link #echoes64BytesAndItsHotLoopsAllocateNothing}, with every wait and io path. */
    private static final int[] SIZES = {1, 4095, 65536, 1 << 20};
    private static final int ROUND_TRIPS = 20;
    private static final int[] SPIN_SIZES = {65536};
    private static final int[] DIRECT_SIZES = {1, 4096, 65536};

    @TempDir
    Path logs;

    static Stream<Arguments> mechanismsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            TreeSet<Integer> sizes = new TreeSet<>();
            for (int size : SIZES) {
                if (size <= mechanism.maxPayloadBytes()) {
                    sizes.add(size);
                }
            }
            if (mechanism.maxPayloadBytes() <= (1 << 20)) {
                sizes.add(mechanism.maxPayloadBytes());
            }
            for (int size : sizes) {
                cases.add(Arguments.of(mechanism.id(), size));
            }
        }
        return cases.stream();
    }

    static Stream<String> mechanisms() {
        return Mechanisms.ids().stream();
    }

    /** Mechanisms with a spinning variant besides their blocking one, at the spin sizes they can take. */
    static Stream<Arguments> spinningMechanismsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            if (mechanism.waits().size() > 1) {
                for (int size : SPIN_SIZES) {
                    if (size <= mechanism.maxPayloadBytes()) {
                        cases.add(Arguments.of(mechanism.id(), size));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** Every mechanism with every wait strategy and io path it offers. */
    static Stream<Arguments> mechanismsWaitsAndIos() {
        List<Arguments> cases = new ArrayList<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            for (WaitStrategy wait : mechanism.waits()) {
                for (Io io : mechanism.ios()) {
                    cases.add(Arguments.of(mechanism.id(), wait, io));
                }
            }
        }
        return cases.stream();
    }

    /** Mechanisms with a direct io path, with each wait they offer, at the sizes the direct path is checked at. */
    static Stream<Arguments> directMechanismsWaitsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            if (mechanism.ios().contains(Io.DIRECT)) {
                for (WaitStrategy wait : mechanism.waits()) {
                    for (int size : DIRECT_SIZES) {
                        if (size <= mechanism.maxPayloadBytes()) {
                            cases.add(Arguments.of(mechanism.id(), wait, size));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    /** {@link #ROUND_TRIPS} round trips of seeded random payloads, each echo compared byte for byte. */
    static void echoRandomPayloads(EchoSession session, int payloadBytes, long seed, String what)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] sent = new byte[payloadBytes];
        byte[] received = new byte[payloadBytes];
        ByteBuffer request = ByteBuffer.allocateDirect(payloadBytes);
        ByteBuffer response = ByteBuffer.allocateDirect(payloadBytes);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            for (int b = 0; b < payloadBytes; b++) {
                sent[b] = (byte) random.nextInt(256);
            }
            request.clear();
            request.put(sent);
            response.clear();
            session.client().roundTrip(request, response);
            response.clear();
            response.get(received);
            assertArrayEquals(sent, received, what + " round trip " + i + " at " + payloadBytes + " B");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} echoes {1} B spinning")
    @MethodSource("spinningMechanismsAndSizes")
    void echoesRandomPayloadsWholeWhileSpinning(String id, int payloadBytes) throws IOException {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Path scratch;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, payloadBytes)
                .waiting(WaitStrategy.SPIN), logs)) {
            assertEquals(WaitStrategy.SPIN, session.trial().waitStrategy());
            scratch = session.trial().scratchDir();
            echoRandomPayloads(session, payloadBytes, payloadBytes * 37L + id.hashCode(), id + " spinning");
        }
        assertFalse(Files.exists(scratch), "private directory removed");
        assertNoLogsLeft();
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} echoes {2} B through the direct path ({1}); at 4 KiB it streams verified batches")
    @MethodSource("directMechanismsWaitsAndSizes")
    void echoesThroughTheDirectPath(String id, WaitStrategy wait, int payloadBytes) throws IOException {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Path scratch;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, payloadBytes)
                .waiting(wait).through(Io.DIRECT), logs)) {
            assertEquals(Io.DIRECT, session.trial().io());
            scratch = session.trial().scratchDir();
            echoRandomPayloads(session, payloadBytes, payloadBytes * 41L + id.hashCode(), id + " direct " + wait.id());
        }
        assertFalse(Files.exists(scratch), "private directory removed");
        if (payloadBytes == 4096) {
            try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, payloadBytes)
                    .verified(true).waiting(wait).through(Io.DIRECT), logs)) {
                ByteBuffer request = Payload.allocate(payloadBytes, session.trial().seed());
                for (int batch = 0; batch < 3; batch++) {
                    session.client().stream(request, session.trial().batchMessages());
                }
            }
        }
        assertNoLogsLeft();
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} echoes {1} B")
    @MethodSource("mechanismsAndSizes")
    void echoesRandomPayloadsWhole(String id, int payloadBytes) throws IOException {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Path scratch;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, payloadBytes), logs)) {
            scratch = session.trial().scratchDir();
            echoRandomPayloads(session, payloadBytes, payloadBytes * 31L + id.hashCode(), id);
        }
        assertFalse(Files.exists(scratch), "private directory removed");
        assertNoLogsLeft();
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} ({1}, io {2}) echoes 64 B whole; the client's hot loops allocate nothing")
    @MethodSource("mechanismsWaitsAndIos")
    void echoes64BytesAndItsHotLoopsAllocateNothing(String id, WaitStrategy wait, Io io) throws IOException {
        Mechanism mechanism = RunnableHere.orSkip(id);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int payloadBytes = Math.min(64, mechanism.maxPayloadBytes());
        Path scratch;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, payloadBytes)
                .waiting(wait).through(io), logs)) {
            assertEquals(wait, session.trial().waitStrategy());
            assertEquals(io, session.trial().io());
            scratch = session.trial().scratchDir();
            echoRandomPayloads(session, payloadBytes, payloadBytes * 43L + id.hashCode(),
                    id + " " + wait.id() + " io " + io.id());
            Assumptions.assumeTrue(mechanism.allocationFree(), () -> id + " echoed " + payloadBytes + " B whole; it "
                    + "allocates per call by design, so its rate is reported through JMH's gc profiler instead");
            ByteBuffer request = Payload.allocate(payloadBytes, 1);
            ByteBuffer response = ByteBuffer.allocateDirect(payloadBytes);
            for (int i = 0; i < 2_000; i++) {
                session.client().roundTrip(request, response);
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 5_000; i++) {
                session.client().roundTrip(request, response);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            // The smallest heap object is 16 B, so an allocation per round trip would show as >= 80,000 B here;
            // the margin below that tolerates a rare one-off (a lazily grown table, a re-initialised cache).
            assertTrue(allocated < 4 * 5_000, id + " allocated " + allocated + " B in 5000 round trips");
        }
        assertFalse(Files.exists(scratch), "private directory removed");
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, payloadBytes)
                .waiting(wait).through(io), logs)) {
            ByteBuffer request = Payload.allocate(payloadBytes, session.trial().seed());
            int messages = session.trial().batchMessages();
            for (int i = 0; i < 3; i++) {
                session.client().stream(request, messages);
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 3; i++) {
                session.client().stream(request, messages);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 4 * 3L * messages, id + " allocated " + allocated + " B streaming " + 3 * messages
                    + " messages");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} streams batches the server verifies, then reports a corrupted one as a failure")
    @MethodSource("mechanisms")
    void serverSideVerifyPassesBatchesAndCatchesCorruption(String id) throws IOException {
        Mechanism mechanism = RunnableHere.orSkip(id);
        int payloadBytes = Math.min(4096, mechanism.maxPayloadBytes());
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, payloadBytes)
                .verified(true), logs);
        ByteBuffer right = Payload.allocate(payloadBytes, session.trial().seed());
        ByteBuffer wrong = Payload.allocate(payloadBytes, session.trial().seed() + 1);
        IOException e = assertThrows(IOException.class, () -> {
            try (session) {
                // three right batches pass the verify; a failure in them lacks the evidence asserted below
                for (int batch = 0; batch < 3; batch++) {
                    session.client().stream(right, session.trial().batchMessages());
                }
                session.client().stream(wrong, session.trial().batchMessages());
            }
        });
        // Whichever way the failure reaches the client (a failed call, a lost connection, the exit code at close),
        // it must be the server's verify that found it, not some other fault.
        StringBuilder evidence = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            evidence.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                evidence.append(suppressed).append('\n');
            }
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                evidence.append(Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        assertTrue(evidence.toString().contains(Payload.DIFFERS), evidence.toString());
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} refuses its limit + 1")
    @MethodSource("mechanisms")
    void refusesPayloadBeyondItsLimit(String id) {
        Mechanism mechanism = RunnableHere.orSkip(id);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoSession.open(
                SessionSpec.of(mechanism, Exchange.LATENCY, mechanism.maxPayloadBytes() + 1), logs));
        assertTrue(e.getMessage().contains("exceeds its limit"), e.getMessage());
    }

    private void assertNoLogsLeft() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            assertEquals(List.of(), files.toList(), "a clean run leaves no (empty) child log");
        }
    }
}
