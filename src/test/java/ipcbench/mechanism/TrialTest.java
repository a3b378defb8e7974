package ipcbench.mechanism;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialTest {
    @Test
    void travelsToTheChildAsArguments() {
        Trial trial = new Trial("tcp", Exchange.THROUGHPUT, 4096, 1024, true, -42L, Path.of("/tmp/ipcbench-1-abc"), 1);
        assertEquals(trial, Trial.fromArgs(trial.toArgs().toArray(String[]::new), trial.token()));
        assertEquals("ipcbench-1-abc-request", trial.objectName("request"));
        Trial spinning = new Trial("pipe", Exchange.LATENCY, 64, 8192, false, 7L, Path.of("/tmp/ipcbench-1-abc"), -1,
                WaitStrategy.SPIN);
        assertEquals(spinning, Trial.fromArgs(spinning.toArgs().toArray(String[]::new), spinning.token()));
        assertTrue(spinning.spins());
        assertEquals(WaitStrategy.BLOCK, trial.waitStrategy(), "a trial blocks unless told");
    }

    @Test
    void batchesAreAboutFourMebibytes() {
        assertEquals(8192, Trial.batchMessagesFor(64));
        assertEquals(64, Trial.batchMessagesFor(65536));
        assertEquals(16, Trial.batchMessagesFor(1 << 20));
    }

    @Test
    void verifyNamesTheFirstDifferingByte() throws Exception {
        ByteBuffer a = Payload.allocate(100, 7);
        ByteBuffer b = Payload.allocate(100, 7);
        Payload.requireSame(a, b, "echo");
        b.put(37, (byte) (b.get(37) + 1));
        Exception e = assertThrows(java.io.IOException.class, () -> Payload.requireSame(a, b, "echo"));
        assertEquals("verify: echo differs from what was sent at byte 37 of 100", e.getMessage());
    }
}
