package ipcbench.mechanism.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each ring holds at least eight records of the trial's size (records are at most 1 MiB), rounded to a power of two;
 * latency-mode slots (payloads up to 4 KiB) start on cache-line pairs and queue about 64 KiB, at least 16 messages.
 */
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

    @Test
    void slotsStartOnCacheLinePairsAndQueueAboutSixtyFourKiB() {
        assertEquals(128, SharedRegion.slotBytes(1));
        assertEquals(256, SharedRegion.slotBytes(121), "8 bytes of sequence number + 121 do not fit 128");
        assertEquals(512, SharedRegion.slotCount(64));
        assertEquals(32, SharedRegion.slotCount(1024));
        assertEquals(16, SharedRegion.slotCount(SharedRegion.SLOT_MAX_PAYLOAD), "never fewer than 16");
        for (int payloadBytes = 1; payloadBytes <= SharedRegion.SLOT_MAX_PAYLOAD; payloadBytes++) {
            int slotBytes = SharedRegion.slotBytes(payloadBytes);
            int slotCount = SharedRegion.slotCount(payloadBytes);
            assertEquals(0, slotBytes % 128, payloadBytes + " B");
            assertTrue(slotBytes >= Long.BYTES + payloadBytes, payloadBytes + " B");
            assertEquals(1, Integer.bitCount(slotCount), payloadBytes + " B: " + slotCount);
            assertTrue(slotCount == 16 || slotCount * slotBytes <= 64 << 10, payloadBytes + " B: " + slotCount);
            assertTrue(SharedRegion.bytes(payloadBytes)
                    >= 2L * slotCount * slotBytes + 2L * SharedRegion.ringCapacity(payloadBytes), payloadBytes + " B");
        }
        assertFalse(SharedRegion.hasSlots(SharedRegion.SLOT_MAX_PAYLOAD + 1), "larger payloads use the rings only");
    }
}
