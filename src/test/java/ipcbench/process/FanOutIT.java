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
 * Fan-out through real subscriber children: with two subscribers every subscriber echoes every message, whole and in
 * publishing order (each message carries its sequence number and each echo is compared with it), and the publisher's
 * loop allocates nothing once warm; a subscriber killed
 * mid-run fails the publisher within seconds with that subscriber named, and closing still ends the other and leaves
 * nothing behind; mechanisms whose own fan-out is not built are refused with the reason.
 */
class FanOutIT {
    private static final int MESSAGES = 300;

    @TempDir
    Path logs;

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}: both subscribers echo every message in order")
    @ValueSource(strings = {"pipe", "fifo", "uds-dgram", "posix-mq"})
    void everySubscriberGetsEveryMessageInOrder(String id) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Subscribers subscribers = Subscribers.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64).verified(true),
                2, logs);
        List<Leftovers> leftovers = new ArrayList<>();
        List<EchoSession> sessions = new ArrayList<>();
        try (subscribers) {
            for (int i = 0; i < subscribers.count(); i++) {
                sessions.add(subscribers.session(i));
                leftovers.add(Leftovers.of(subscribers.session(i).trial().scratchDir()));
            }
            ByteBuffer message = Payload.allocate(64, 42);
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
            for (int i = 0; i < MESSAGES; i++) {
                subscribers.publisher().roundTrip(message, echo);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 8 * MESSAGES, id + " allocated " + allocated + " B publishing " + MESSAGES + " messages");
        }
        for (int i = 0; i < sessions.size(); i++) {
            assertEquals(0, sessions.get(i).serverExitCode(), id + " subscriber " + i);
            assertEquals(List.of(), leftovers.get(i).remaining(), id + " subscriber " + i);
        }
    }

    @Test
    void aKilledSubscriberIsNamedWithinSecondsAndNothingIsLeft() throws Exception {
        Subscribers subscribers = Subscribers.open(SessionSpec.of(Mechanisms.require("uds-dgram"), Exchange.LATENCY,
                64), 3, logs);
        List<Leftovers> leftovers = new ArrayList<>();
        for (int i = 0; i < subscribers.count(); i++) {
            leftovers.add(Leftovers.of(subscribers.session(i).trial().scratchDir()));
        }
        EchoSession first = subscribers.session(0);
        ByteBuffer message = Payload.allocate(64, 7);
        ByteBuffer echo = ByteBuffer.allocateDirect(64);
        subscribers.publisher().roundTrip(message, echo);
        subscribers.session(1).serverProcess().destroyForcibly().waitFor();
        IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> {
                    for (int i = 0; i < 1000; i++) {
                        subscribers.publisher().roundTrip(message, echo);
                    }
                }));
        assertTrue(failure.getMessage().startsWith("subscriber 1: "), failure.getMessage());
        IOException atClose = assertThrows(IOException.class, subscribers::close);
        assertTrue(atClose.getMessage().startsWith("subscriber 1: "), atClose.getMessage());
        assertEquals(0, first.serverExitCode(), "subscriber 0 still ended normally");
        for (Leftovers left : leftovers) {
            assertEquals(List.of(), left.remaining());
        }
    }

    @Test
    void aMechanismWithoutThisFanOutIsRefusedWithItsWay() {
        IllegalArgumentException shm = assertThrows(IllegalArgumentException.class, () -> Subscribers.open(
                SessionSpec.of(Mechanisms.require("shm"), Exchange.LATENCY, 64), 2, logs));
        assertTrue(shm.getMessage().contains("broadcast buffer"), shm.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Subscribers.open(
                SessionSpec.of(Mechanisms.require("pipe"), Exchange.LATENCY, 1 << 20), 2, logs));
        assertTrue(big.getMessage().contains("at most 65536 B"), big.getMessage());
    }
}
