package ipcbench.mechanism.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each ring holds at least eight records of the trial's size (records are at most 1 MiB), rounded to a power of two. */
class RingCapacityTest {
    @Test
    void smallPayloadsGetTheSmallestRing() {
        assertEquals(64 << 10, SharedRegion.ringCapacity(1));
        assertEquals(64 << 10, SharedRegion.ringCapacity(64));
        assertEquals(64 << 10, SharedRegion.ringCapacity(8192));
    }

    @Test
    void eightRecordsRoundedUpToAPowerOfTwo() {
        assertEquals(128 << 10, SharedRegion.ringCapacity(8193));
        assertEquals(8 << 20, SharedRegion.ringCapacity(1 << 20));
        assertEquals(8 << 20, SharedRegion.ringCapacity(64 << 20), "larger messages travel as 1 MiB records");
    }

    @Test
    void everySizeFitsEightRecords() {
        for (int payloadBytes = 1; payloadBytes <= 64 << 20; payloadBytes = payloadBytes * 3 / 2 + 1) {
            int capacity = SharedRegion.ringCapacity(payloadBytes);
            assertEquals(1, Integer.bitCount(capacity), payloadBytes + " B: " + capacity);
            assertTrue(capacity >= 8L * Math.min(payloadBytes, 1 << 20), payloadBytes + " B: " + capacity);
            assertTrue(SharedRegion.bytes(payloadBytes) > 2L * capacity, "the region holds both rings");
        }
    }
}
