package ipcbench.mechanism;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token survives its hex form, matches only itself, and never reaches a command line or a log line. */
class PeerTokenTest {
    @Test
    void matchesOnlyItself() {
        PeerToken token = PeerToken.random();
        PeerToken other = PeerToken.random();
        assertNotEquals(token.hex(), other.hex());
        assertTrue(PeerToken.parse(token.hex()).matches(token.toBuffer()));
        assertFalse(token.matches(other.toBuffer()));
        assertTrue(token.matchesHex(token.hex()));
        assertFalse(token.matchesHex(other.hex()));
        assertFalse(token.matchesHex(null));
        ByteBuffer longer = ByteBuffer.allocate(PeerToken.BYTES + 1).put(token.toBuffer()).put((byte) 0).flip();
        assertFalse(token.matches(longer), "a longer message that starts with the token is not the token");
        assertThrows(IllegalArgumentException.class, () -> PeerToken.parse("abc"));
    }

    @Test
    void neverOnTheCommandLineNorInToString() {
        Trial trial = new Trial("tcp", Exchange.LATENCY, 64, 16, false, 1L, Path.of("/tmp/ipcbench-1-abc"), -1,
                WaitStrategy.BLOCK);
        String hex = trial.token().hex();
        assertFalse(String.join(" ", trial.toArgs()).contains(hex), "the arguments are readable by every user");
        assertFalse(trial.toString().contains(hex), "the trial's text may reach a log");
    }
}
