package ipcbench.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProfileTest {
    @Test
    void mechanismsThatNeedLongerWarmUpGetItOutsideSmoke() {
        assertEquals(2, Profile.QUICK.warmupIterationsFor(0));
        assertEquals(12, Profile.QUICK.warmupIterationsFor(12_000));
        assertEquals(6, Profile.FULL.warmupIterationsFor(11_000), "rounded up to whole iterations");
        assertEquals(5, Profile.FULL.warmupIterationsFor(1_000), "never shorter than the profile");
        assertEquals(1, Profile.SMOKE.warmupIterationsFor(12_000), "smoke keeps its own");
    }
}
