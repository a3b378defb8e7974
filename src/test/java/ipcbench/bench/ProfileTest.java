package ipcbench.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {
    @Test
    void mechanismsThatNeedLongerWarmUpGetItOutsideSmoke() {
        assertEquals(2, Profile.QUICK.warmupIterationsFor(0));
        assertEquals(24, Profile.QUICK.warmupIterationsFor(12_000));
        assertEquals(10, Profile.QUICK.warmupIterationsFor(4_800), "5 s in 500 ms iterations");
        assertEquals(6, Profile.FULL.warmupIterationsFor(11_000), "rounded up to whole iterations");
        assertEquals(5, Profile.FULL.warmupIterationsFor(1_000), "never shorter than the profile");
        assertEquals(40, Profile.CI.warmupIterationsFor(12_000));
        assertEquals(1, Profile.SMOKE.warmupIterationsFor(12_000), "smoke keeps its own");
    }

    @Test
    void theProfileTable() {
        assertEquals(1, Profile.SMOKE.forks);
        assertEquals(1, Profile.QUICK.forks);
        assertEquals(7, Profile.CI.forks, "the gate's interval over forks reaches 95% from six forks on");
        assertEquals("2 x 300 ms", Profile.CI.warmup());
        assertEquals("2 x 300 ms", Profile.CI.measurement());
        assertTrue(Profile.FULL.forks >= 5);
        assertTrue(Profile.QUICK.measurementIterations >= 6, "a 95% within-fork interval needs six iterations");
        assertEquals(Profile.CI, Profile.parse("ci"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("slow"));
        assertEquals("unknown profile 'slow'; use smoke, quick, ci or full", e.getMessage());
    }
}
