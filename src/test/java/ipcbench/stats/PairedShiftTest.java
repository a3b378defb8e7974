package ipcbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PairedShiftTest {
    @Test
    void threeDifferences() {
        // Walsh averages 1, 1.5, 2, 2, 2.5, 3: median 2; n = 3 cannot reach 95% (P(T+ = 0) = 1/8), so [min, max] at 75%
        PairedShift shift = PairedShift.of(new double[] {1, 2, 3}, 0.95);
        assertEquals(2, shift.shift(), 1e-12);
        assertEquals(1, shift.low(), 1e-12);
        assertEquals(3, shift.high(), 1e-12);
        assertEquals(0.75, shift.level(), 1e-12);
    }

    @Test
    void tenDifferencesUseTheNinthAndFortySeventhWalshAverages() {
        double[] d = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        PairedShift shift = PairedShift.of(d, 0.95);
        // the signed-rank critical value for n = 10 at 5% two-sided is 8: P(T+ <= 8) = 25/1024
        assertEquals(1 - 2 * 25.0 / 1024, shift.level(), 1e-12);
        double[] walsh = new double[55];
        int w = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = i; j < 10; j++) {
                walsh[w++] = (d[i] + d[j]) / 2;
            }
        }
        java.util.Arrays.sort(walsh);
        assertEquals(walsh[8], shift.low(), 1e-12);
        assertEquals(walsh[46], shift.high(), 1e-12);
        assertEquals(5.5, shift.shift(), 1e-12);
    }
}
