package ipcbench.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MedianIntervalTest {
    @Test
    void fewValuesGiveMinMaxWithTheirTrueCoverage() {
        MedianInterval three = MedianInterval.of(new double[] {3, 1, 2});
        assertEquals(1, three.low());
        assertEquals(3, three.high());
        assertEquals(0.75, three.level(), 1e-12);
        assertEquals(0, MedianInterval.of(new double[] {5}).level());
        assertEquals(1 - 2 / 32.0, MedianInterval.of(new double[] {1, 2, 3, 4, 5}).level(), 1e-12);
    }

    @Test
    void manyValuesNarrowToTheOrderStatisticsReaching95Percent() {
        double[] values = new double[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        MedianInterval interval = MedianInterval.of(values);
        // For n = 20 the 95% distribution-free interval is [x(6), x(15)] (coverage 0.9586).
        assertEquals(6, interval.low());
        assertEquals(15, interval.high());
        assertTrue(interval.level() >= 0.95);
    }

    @Test
    void coversTheTrueMedianAtLeastAsOftenAsItClaims() {
        Random random = new Random(42);
        int trials = 4000;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[] values = new double[9];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.exp(random.nextGaussian());
            }
            MedianInterval interval = MedianInterval.of(values);
            if (interval.low() <= 1 && 1 <= interval.high()) {
                covered++;
            }
        }
        double claimed = MedianInterval.of(new double[9]).level();
        assertTrue(covered / (double) trials >= claimed - 0.015, covered + " of " + trials + " against " + claimed);
    }

    @Test
    void nanIsIgnoredAndOverlapIsSymmetric() {
        MedianInterval a = MedianInterval.of(new double[] {1, Double.NaN, 2});
        assertEquals(2, a.n());
        MedianInterval b = MedianInterval.of(new double[] {2.5, 3});
        assertFalse(a.overlaps(b));
        assertFalse(b.overlaps(a));
        assertTrue(a.overlaps(MedianInterval.of(new double[] {2, 4})));
    }
}
