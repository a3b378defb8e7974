package ipcbench.mechanism.datagram;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Trial;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How many datagrams the udp client sends per acknowledgement: a window fits in half the receive buffer. */
class UdpWindowTest {
    private static Trial trial(int payloadBytes) {
        return new Trial("udp", Exchange.THROUGHPUT, payloadBytes, Trial.batchMessagesFor(payloadBytes), false, 1,
                Path.of("/tmp/ipcbench-1-test"), -1);
    }

    @Test
    void halfTheReceiveBufferAtAPessimisticCostPerDatagram() {
        // 64 B costs 2 x 64 + 1024 = 1152 B of receive buffer; half of 8 MiB holds 3640 of them
        assertEquals(3640, UdpMechanism.windowFor(trial(64), 8 << 20));
        assertEquals(92, UdpMechanism.windowFor(trial(64), 212_992));
    }

    @Test
    void neverMoreThanABatchNorLessThanOne() {
        Trial small = trial(64);
        assertEquals(small.batchMessages(), UdpMechanism.windowFor(small, Integer.MAX_VALUE));
        assertEquals(1, UdpMechanism.windowFor(trial(65_507), 212_992), "one datagram larger than half the buffer");
        assertEquals(1, UdpMechanism.windowFor(small, 0));
    }

    @Test
    void aLargerBufferNeverShrinksTheWindow() {
        int previous = 0;
        for (int bufferBytes = 4096; bufferBytes <= 64 << 20; bufferBytes *= 2) {
            int window = UdpMechanism.windowFor(trial(1024), bufferBytes);
            assertTrue(window >= previous, bufferBytes + " B: " + window + " < " + previous);
            assertTrue(window == 1 || (long) window * (2 * 1024 + 1024) <= bufferBytes / 2, "fits: " + window);
            previous = window;
        }
    }
}
