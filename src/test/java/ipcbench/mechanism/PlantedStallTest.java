package ipcbench.mechanism;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fault's two forms parse as documented; the spin form arms only its own mechanism. */
class PlantedStallTest {
    @Test
    void unsetMeansNoStall() {
        assertNull(PlantedStall.parse(null, "pipe"));
    }

    @Test
    void theSpinFormArmsOnlyItsMechanism() {
        PlantedStall pipe = PlantedStall.parse("spin:19000:pipe", "pipe");
        assertNotNull(pipe);
        assertEquals(19000, pipe.spinNs());
        assertNull(PlantedStall.parse("spin:19000:pipe", "tcp"));
    }

    @Test
    void thePausingFormArmsEveryMechanism() {
        PlantedStall stall = PlantedStall.parse("100:5", "uds");
        assertNotNull(stall);
        assertEquals(0, stall.spinNs());
    }

    @Test
    void malformedValuesAreRefused() {
        for (String bad : new String[] {"spin:0:pipe", "spin:x:pipe", "spin:10", "0:5", "3", "a:b", "spin:10:pipe:x"}) {
            assertThrows(IllegalArgumentException.class, () -> PlantedStall.parse(bad, "pipe"), bad);
        }
    }
}
