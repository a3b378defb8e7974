package ipcbench.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoSequenceTest {
    @Test
    void aLosslessMechanismMustEchoEveryMessageInOrder() throws IOException {
        EchoSequence echoes = new EchoSequence(1000, 10, 64, false);
        assertEquals(0, echoes.accept(1000));
        assertEquals(1, echoes.accept(1001));
        IOException gap = assertThrows(IOException.class, () -> echoes.accept(1003));
        assertTrue(gap.getMessage().contains("lost, duplicated or reordered"), gap.getMessage());
        assertThrows(IOException.class, () -> new EchoSequence(0, 10, 64, false).accept(5));
    }

    @Test
    void aGapCountsTheMessagesInItAsLost() throws IOException {
        EchoSequence echoes = new EchoSequence(500, 100, 64, true);
        assertEquals(0, echoes.accept(500));
        assertEquals(4, echoes.accept(504), "messages 1, 2 and 3 never came");
        assertEquals(3, echoes.lost());
        assertEquals(5, echoes.accepted());
        assertEquals(5, echoes.accept(505));
        assertEquals(3, echoes.lost());
    }

    @Test
    void anEchoBehindTheExpectedOneIsIgnored() throws IOException {
        EchoSequence echoes = new EchoSequence(500, 100, 64, true);
        assertEquals(EchoSequence.STALE, echoes.accept(499), "a probe of the previous point");
        echoes.accept(503);
        assertEquals(EchoSequence.STALE, echoes.accept(502), "late after being counted lost");
        assertEquals(3, echoes.lost());
        assertEquals(4, echoes.accepted());
    }

    @Test
    void aProbeEndsThePointAndCountsOnlyTheMessagesBeforeIt() throws IOException {
        EchoSequence echoes = new EchoSequence(0, 10, 64, true);
        for (long i = 0; i < 8; i++) {
            echoes.accept(i);
        }
        long probe = echoes.accept(11);
        assertTrue(probe >= 10, "a probe is beyond the point's messages");
        assertEquals(2, echoes.lost(), "messages 8 and 9; probe 10 is not a message");
        assertTrue(echoes.accepted() >= 10);
    }

    @Test
    void aShortPayloadComparesModuloItsStampBytes() throws IOException {
        // 1-byte payload: stamps are the low byte; 254, 255, 0, 1 follow each other
        EchoSequence echoes = new EchoSequence(254, 10, 1, true);
        assertEquals(0, echoes.accept(254));
        assertEquals(1, echoes.accept(255));
        assertEquals(3, echoes.accept(1), "0 was lost across the wrap");
        assertEquals(1, echoes.lost());
        assertEquals(EchoSequence.STALE, echoes.accept(0));
        EchoSequence strict = new EchoSequence(255, 10, 1, false);
        assertEquals(0, strict.accept(255));
        assertEquals(1, strict.accept(0), "wraps to 0");
    }

    @Test
    void anUnorderedMechanismIsMatchedWithinItsWindowAndADuplicateFails() throws IOException {
        EchoSequence echoes = new EchoSequence(100, 6, 64, 4);
        assertEquals(1, echoes.accept(101), "message 1 overtook message 0");
        assertEquals(0, echoes.accept(100));
        assertEquals(3, echoes.accept(103));
        assertEquals(3, echoes.accepted(), "three received");
        IOException duplicate = assertThrows(IOException.class, () -> echoes.accept(101));
        assertTrue(duplicate.getMessage().contains("duplicated or lost"), duplicate.getMessage());
        assertEquals(2, echoes.accept(102));
        assertEquals(5, echoes.accept(105), "within 4 of the lowest unanswered, 4");
        assertEquals(4, echoes.accept(104));
        assertEquals(6, echoes.accepted());
        EchoSequence narrow = new EchoSequence(0, 100, 64, 4);
        assertThrows(IOException.class, () -> narrow.accept(4), "beyond the window of 0..3");
        assertThrows(IllegalArgumentException.class, () -> new EchoSequence(0, 10, 1, 1024), "1-byte stamps tell 128");
        assertEquals(128, EchoSequence.maxUnorderedWindow(1));
    }
}
