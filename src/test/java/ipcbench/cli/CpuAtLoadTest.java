package ipcbench.cli;

import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which mechanisms get a CPU-at-load trial (the trials themselves run in WaitSmokeIT). */
class CpuAtLoadTest {
    @Test
    void rmiHasNoTrialAndSaysWhyWhileAStreamAndASpinnerHaveOne() {
        String why = CpuAtLoad.whyNot(Mechanisms.require("rmi"), 64);
        assertTrue(why != null && why.contains("one request per calling thread"), String.valueOf(why));
        assertNull(CpuAtLoad.whyNot(Mechanisms.require("pipe"), 64));
        assertNull(CpuAtLoad.whyNot(Mechanisms.require("shm"), 64));
    }
}
