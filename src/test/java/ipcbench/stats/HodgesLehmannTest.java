package ipcbench.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HodgesLehmannTest {
    @Test
    void aScaledCopyGivesExactlyItsFactor() {
        double[] base = {10, 12, 9, 15, 11, 30, 10.5};
        double[] cur = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            cur[i] = 2 * base[i];
        }
        HodgesLehmann hl = HodgesLehmann.of(base, cur);
        assertEquals(2.0, hl.ratio(), 1e-12);
        assertTrue(hl.low() < 2 && 2 < hl.high());
        assertTrue(hl.level() >= 0.95);
    }

    /** 7 vs 7: critical U 8, so the interval is [d(9), d(41)] of the 49 sorted log differences. */
    @Test
    void intervalEndsAreTheOrderStatisticsAtTheCriticalValue() {
        double[] base = {1, 2, 3, 4, 5, 6, 7};
        double[] cur = {1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5};
        double[] d = new double[49];
        int i = 0;
        for (double b : base) {
            for (double c : cur) {
                d[i++] = Math.log(c) - Math.log(b);
            }
        }
        java.util.Arrays.sort(d);
        HodgesLehmann hl = HodgesLehmann.of(base, cur);
        assertEquals(Math.exp(d[8]), hl.low(), 1e-12);
        assertEquals(Math.exp(d[40]), hl.high(), 1e-12);
        assertEquals(Math.exp(d[24]), hl.ratio(), 1e-12);
        assertEquals(1 - 2 * MannWhitney.NullDistribution.exactCumulative(7, 7)[8], hl.level(), 1e-12);
    }

    @Test
    void tooFewValuesGiveTheWidestIntervalWithItsRealLevel() {
        HodgesLehmann hl = HodgesLehmann.of(new double[] {1, 2, 3}, new double[] {2.5, 4.5, 6.5});
        assertEquals(0.9, hl.level(), 1e-12, "1 - 2/C(6, 3)");
        assertEquals(2.5 / 3, hl.low(), 1e-12);
        assertEquals(6.5, hl.high(), 1e-12);
    }

    @Test
    void coversTheTrueRatioAtLeastAsOftenAsItClaims() {
        Random random = new Random(11);
        int trials = 2000;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[] base = new double[7];
            double[] cur = new double[7];
            for (int i = 0; i < 7; i++) {
                base[i] = 100 * Math.exp(0.2 * random.nextGaussian());
                cur[i] = 130 * Math.exp(0.2 * random.nextGaussian());
            }
            HodgesLehmann hl = HodgesLehmann.of(base, cur);
            if (hl.low() <= 1.3 && 1.3 <= hl.high()) {
                covered++;
            }
        }
        assertTrue(covered / (double) trials >= 0.95 - 0.015, covered + " of " + trials);
    }

    @Test
    void nonPositiveValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HodgesLehmann.of(new double[] {0, 1}, new double[] {1, 2}));
    }
}
