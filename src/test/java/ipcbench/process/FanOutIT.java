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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-out through real subscriber children: with two subscribers every subscriber gets every message, whole and in
 * publishing order (each message carries its sequence number; written in turn, each echo is compared with it; shm's
 * and aeron-ipc's subscribers check each message they read and its number, and end with exit 0 only when all were
 * right), and the publisher's loop allocates nothing once warm; a subscriber killed mid-run fails the publisher within
 * seconds with that subscriber named, and so does a stopped one written in turn, and closing still ends the others
 * and leaves nothing behind; every subscriber ends with its SIGKILLed publisher's JVM and the next sweep removes what
 * it left; mechanisms whose own fan-out is not built are refused with the reason.
 */
class FanOutIT {
    private static final int MESSAGES = 300;

    @TempDir
    Path logs;

    /** What to look for after the subscribers close: in each private directory they use. */
    private static List<Leftovers> leftoversOf(Subscribers subscribers) throws IOException {
        List<Leftovers> leftovers = new ArrayList<>();
        for (Path scratch : subscribers.scratchDirs()) {
            leftovers.add(Leftovers.of(scratch));
        }
        return leftovers;
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}: both subscribers echo every message in order")
    @ValueSource(strings = {"pipe", "fifo", "tcp", "uds", "uds-dgram", "posix-mq", "sysv-mq", "shm", "aeron-ipc"})
    void everySubscriberGetsEveryMessageInOrder(String id) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Subscribers subscribers = Subscribers.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64).verified(true),
                2, logs);
        List<Leftovers> leftovers = leftoversOf(subscribers);
        try (subscribers) {
            // seeded as the trial is: a broadcast subscriber checks each message against it, stamped with its number
            ByteBuffer message = Payload.allocate(64, subscribers.trial().seed());
            ByteBuffer echo = ByteBuffer.allocateDirect(64);
            for (long sequence = 1; sequence <= MESSAGES; sequence++) {
                Payload.stamp(message, sequence);
                // verifies every subscriber's echo against this message, naming the subscriber that differs
                subscribers.publisher().roundTrip(message, echo);
                assertEquals(sequence, Payload.stampOf(echo), id + ": the last echo is of this message");
            }
            // the publisher's loop allocates nothing once warm: one allocation per message would show as at least
            // 16 B x MESSAGES; the margin below that tolerates a rare one-off
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (long sequence = MESSAGES + 1; sequence <= 2 * MESSAGES; sequence++) {
                Payload.stamp(message, sequence);
                subscribers.publisher().roundTrip(message, echo);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 8 * MESSAGES, id + " allocated " + allocated + " B publishing " + MESSAGES + " messages");
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(0, subscribers.exitCode(i), id + " subscriber " + i + " found every message in order");
        }
        for (Leftovers left : leftovers) {
            assertEquals(List.of(), left.remaining(), id);
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}: a killed subscriber is named within seconds and nothing is left")
    @ValueSource(strings = {"uds-dgram", "shm", "aeron-ipc"})
    void aKilledSubscriberIsNamedWithinSecondsAndNothingIsLeft(String id) throws Exception {
        Subscribers subscribers = Subscribers.open(SessionSpec.of(RunnableHere.orSkip(id), Exchange.LATENCY, 64), 3,
                logs);
        List<Leftovers> leftovers = leftoversOf(subscribers);
        ByteBuffer message = Payload.allocate(64, 7);
        ByteBuffer echo = ByteBuffer.allocateDirect(64);
        subscribers.publisher().roundTrip(message, echo);
        subscribers.process(1).destroyForcibly().waitFor();
        IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> {
                    for (int i = 0; i < 1000; i++) {
                        subscribers.publisher().roundTrip(message, echo);
                    }
                }));
        assertTrue(failure.getMessage().startsWith("subscriber 1: "), failure.getMessage());
        IOException atClose = assertThrows(IOException.class, subscribers::close);
        StringBuilder named = new StringBuilder(atClose.getMessage());
        for (Throwable suppressed : atClose.getSuppressed()) {
            named.append('\n').append(suppressed.getMessage());
        }
        assertTrue(named.toString().contains("subscriber 1: "), named.toString());
        assertEquals(128 + 9, subscribers.exitCode(1), "subscriber 1 ended by its SIGKILL");
        if (!id.equals("uds-dgram")) {
            // a broadcast's other subscribers see the publisher's end and return; written in turn, an echo of the
            // abandoned message may instead find the publisher's channel closed
            assertEquals(0, subscribers.exitCode(0), "subscriber 0 still ended normally");
            assertEquals(0, subscribers.exitCode(2), "subscriber 2 still ended normally");
        }
        for (Leftovers left : leftovers) {
            assertEquals(List.of(), left.remaining());
        }
    }

    /**
     * A blocking read on a pipe would wait for a stopped subscriber forever: the publisher's watchdog names it and kills
     * its child after {@link FanOutClient#STUCK_S} s, and closing leaves nothing behind.
     */
    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void aStoppedPipeSubscriberIsNamedWithinSecondsAndNothingIsLeft() throws Exception {
        Subscribers subscribers = Subscribers.open(SessionSpec.of(RunnableHere.orSkip("pipe"), Exchange.LATENCY, 64), 2,
                logs);
        List<Leftovers> leftovers = leftoversOf(subscribers);
        ByteBuffer message = Payload.allocate(64, 7);
        ByteBuffer echo = ByteBuffer.allocateDirect(64);
        subscribers.publisher().roundTrip(message, echo);
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(subscribers.process(1).pid())).start();
        assertEquals(0, stop.waitFor(), "SIGSTOP sent");
        IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(FanOutClient.STUCK_S + 10),
                () -> assertThrows(IOException.class, () -> {
                    while (true) {
                        subscribers.publisher().roundTrip(message, echo);
                    }
                }));
        assertTrue(failure.getMessage().startsWith("subscriber 1: no echo within " + FanOutClient.STUCK_S + " s"),
                failure.getMessage());
        assertThrows(IOException.class, subscribers::close, "subscriber 1's child was killed");
        assertEquals(128 + 9, subscribers.exitCode(1), "subscriber 1 ended by the watchdog's SIGKILL");
        for (Leftovers left : leftovers) {
            assertEquals(List.of(), left.remaining());
        }
    }

    /**
     * shm's subscribers share one region and one directory, aeron-ipc's one directory and the media driver in the
     * publisher's JVM; written in turn, each subscriber is a pair (ParentDeathIT).
     */
    @ParameterizedTest(name = "{0}: every subscriber dies with its SIGKILLed publisher, the sweep cleans up")
    @ValueSource(strings = {"shm", "aeron-ipc"})
    void everySubscriberDiesWithItsPublisherAndTheSweepCleansUp(String id) throws Exception {
        RunnableHere.orSkip(id);
        Process holder = SessionHolderMain.start(logs, java.util.Map.of(), id + SessionHolderMain.FAN_OUT + 2);
        List<ProcessHandle> children = new ArrayList<>();
        List<Leftovers> leftovers = new ArrayList<>();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals(SessionHolderMain.READY);
                 line = out.readLine()) {
                children.add(ProcessHandle.of(Long.parseLong(line.split(" ")[0])).orElseThrow());
                leftovers.add(Leftovers.of(Path.of(line.split(" ")[1])));
            }
            assertEquals(2, children.size(), "the holder reported both subscribers");
            holder.destroyForcibly();
            assertTrue(holder.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        for (ProcessHandle child : children) {
            ParentDeathIT.awaitEnd(child, "after its publisher was SIGKILLed");
        }
        LeftoverSweep.sweep();
        for (Leftovers left : leftovers) {
            assertEquals(List.of(), left.remaining(), id);
        }
    }

    @Test
    void aMechanismWithoutThisFanOutIsRefusedWithItsWay() {
        IllegalArgumentException aeron = assertThrows(IllegalArgumentException.class, () -> Subscribers.open(
                SessionSpec.of(Mechanisms.require("aeron-udp"), Exchange.LATENCY, 64), 2, logs));
        assertTrue(aeron.getMessage().contains("multi-destination-cast"), aeron.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Subscribers.open(
                SessionSpec.of(Mechanisms.require("pipe"), Exchange.LATENCY, 1 << 20), 2, logs));
        assertTrue(big.getMessage().contains("at most 65536 B"), big.getMessage());
    }
}
