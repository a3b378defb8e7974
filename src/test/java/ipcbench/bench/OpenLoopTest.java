package ipcbench.bench;

import ipcbench.mechanism.PollingLoadClient;
import ipcbench.mechanism.Payload;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open loop's own bookkeeping, over in-process stand-ins for a client (no IPC mechanism is claimed here: the
 * mechanisms are tested through real children in OpenLoopIT): the schedule, lost messages of a lossy transport
 * counted and not recorded, the end of a point whose last message was lost, and the one-thread polling loop keeping
 * within the in-flight window.
 */
class OpenLoopTest {
    private static final int PAYLOAD_BYTES = 16;

    @Test
    void messageIIsDueAtStartPlusIOverRateWithoutDrift() {
        double periodNs = 1e9 / 3; // 3 messages/s: a period that is not a whole number of nanoseconds
        assertEquals(1000, OpenLoop.dueNs(1000, 0, periodNs));
        assertEquals(1000 + 1_000_000_000L, OpenLoop.dueNs(1000, 3, periodNs));
        assertEquals(1000 + 1_000_000_000_000L, OpenLoop.dueNs(1000, 3000, periodNs), "no accumulated rounding");
    }

    /** A stand-in that only the open-loop calls reach: the loop's own bookkeeping is under test, not a mechanism. */
    private abstract static class LoadOnlyEcho implements PollingLoadClient {
        @Override
        public void roundTrip(ByteBuffer request, ByteBuffer response) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stream(ByteBuffer request, int messages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    /** Echoes every request but drops those whose sequence number ends in 9, as a full socket buffer would. */
    private static final class DroppingEcho extends LoadOnlyEcho {
        @Override
        public boolean trySend(ByteBuffer request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean poll(ByteBuffer response) {
            throw new UnsupportedOperationException();
        }

        private final LinkedBlockingQueue<Long> echoes = new LinkedBlockingQueue<>();

        @Override
        public void send(ByteBuffer request) {
            long sequence = Payload.stampOf(request);
            if (sequence % 10 != 9) {
                echoes.add(sequence);
            }
        }

        @Override
        public void receive(ByteBuffer response) throws IOException {
            try {
                Payload.stamp(response, echoes.take());
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
    }

    @Test
    void aLossyTransportsDropsAreCountedNotRecordedAndTheLastOneEndsThePoint() throws IOException {
        DroppingEcho echo = new DroppingEcho();
        OpenLoop.Link link = new OpenLoop.Link(echo, ByteBuffer.allocateDirect(PAYLOAD_BYTES),
                ByteBuffer.allocateDirect(PAYLOAD_BYTES), null, -1, () -> { }, false, true, false);
        Histogram[] intervals = {new Histogram(3)};
        // 100 warm-up + 100 measured messages, sequence 0..199: 9, 19, ..., 199 dropped, the last one included
        OpenLoop.Result result = OpenLoop.run(link, new OpenLoop.Schedule(20_000, 100, 100, 1), intervals, 0);
        assertEquals(10, result.lost(), "109, 119, ..., 199");
        assertEquals(90, intervals[0].getTotalCount());
        assertTrue(result.sequencesUsed() > 200, "a probe found the last message lost: " + result.sequencesUsed());
        // the next point starts after the probes; a probe's late echo is ignored there
        OpenLoop.Result next = OpenLoop.run(link, new OpenLoop.Schedule(20_000, 0, 50, 1), new Histogram[] {
                new Histogram(3)}, result.sequencesUsed());
        assertEquals(50, next.measuredMessages());
    }

    /** Echoes at once into a bounded queue; no room, no send. */
    private static final class PolledEcho extends LoadOnlyEcho {
        @Override
        public void send(ByteBuffer request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void receive(ByteBuffer response) {
            throw new UnsupportedOperationException();
        }

        private final ArrayDeque<Long> queue = new ArrayDeque<>();
        private final int capacity;
        int mostQueued;

        PolledEcho(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public long maxInFlight() {
            return 3;
        }

        @Override
        public boolean trySend(ByteBuffer request) {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(Payload.stampOf(request));
            mostQueued = Math.max(mostQueued, queue.size());
            return true;
        }

        @Override
        public boolean poll(ByteBuffer response) {
            Long sequence = queue.poll();
            if (sequence == null) {
                return false;
            }
            Payload.stamp(response, sequence);
            return true;
        }
    }

    @Test
    void theOneThreadLoopSendsWithinTheWindowAndRecordsEveryEcho() throws IOException {
        PolledEcho echo = new PolledEcho(10);
        OpenLoop.Link link = new OpenLoop.Link(echo, ByteBuffer.allocateDirect(PAYLOAD_BYTES),
                ByteBuffer.allocateDirect(PAYLOAD_BYTES), null, -1, () -> { }, true, false, false);
        Histogram[] intervals = {new Histogram(3), new Histogram(3)};
        OpenLoop.Capacity capacity = OpenLoop.capacity(link, 1000, 0);
        assertTrue(capacity.perS() > 0);
        assertEquals(0, capacity.lost());
        assertTrue(echo.mostQueued <= 3, "at most maxInFlight in flight: " + echo.mostQueued);
        OpenLoop.Result result = OpenLoop.run(link, new OpenLoop.Schedule(50_000, 10, 100, 2), intervals,
                capacity.sequencesUsed());
        assertEquals(100, intervals[0].getTotalCount());
        assertEquals(100, intervals[1].getTotalCount());
        assertEquals(0, result.lost());
        assertEquals(0, result.receiverAllocatedBytes(), "one thread: no receiver of its own");
    }

    @Test
    void boundariesAreToldOnceEachInOrderWithTheClientThreadsCounters() throws IOException {
        DroppingEcho echo = new DroppingEcho();
        OpenLoop.Link link = new OpenLoop.Link(echo, ByteBuffer.allocateDirect(PAYLOAD_BYTES),
                ByteBuffer.allocateDirect(PAYLOAD_BYTES), null, -1, () -> { }, false, true, false);
        List<Integer> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> runNs = new java.util.concurrent.CopyOnWriteArrayList<>();
        OpenLoop.run(link, new OpenLoop.Schedule(20_000, 20, 50, 3).sleeping(),
                new Histogram[] {new Histogram(3), new Histogram(3), new Histogram(3)}, 0, (boundary, threads) -> {
                    told.add(boundary);
                    runNs.add(threads.runNs());
                });
        assertEquals(List.of(0, 1, 2, 3), told, "the start of the measurement and the end of each interval");
        for (int k = 1; k < runNs.size(); k++) {
            assertTrue(runNs.get(k) >= runNs.get(k - 1), "the sender's and receiver's run time only grows: " + runNs);
        }
        assertTrue(runNs.get(0) > 0, "the client threads had run before the measurement: " + runNs);
    }
}
