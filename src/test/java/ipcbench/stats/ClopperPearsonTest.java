package ipcbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reference values: R's binom.test(x, n)$conf.int (the Clopper–Pearson interval), to 4 decimals. */
class ClopperPearsonTest {
    @Test
    void knownIntervals() {
        check(0, 10, 0, 0.3085);
        check(1, 10, 0.0025, 0.4450);
        check(6, 24, 0.0977, 0.4671);
        check(10, 10, 0.6915, 1);
        check(9, 10, 0.5550, 0.9975);
        check(50, 1000, 0.0373, 0.0654);
    }

    @Test
    void badCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(3, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(0, 0, 0.95));
    }

    private static void check(int x, int n, double low, double high) {
        ClopperPearson interval = ClopperPearson.of(x, n, 0.95);
        assertEquals(low, interval.low(), 1e-4, x + " of " + n + " low");
        assertEquals(high, interval.high(), 1e-4, x + " of " + n + " high");
    }
}
