package ipcbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HolmTest {
    /** R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02. */
    @Test
    void textbookValues() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}),
                1e-12);
    }

    @Test
    void monotoneCappedAndNanLeftOut() {
        double[] adjusted = Holm.adjust(new double[] {0.5, Double.NaN, 0.001, 0.4});
        assertTrue(Double.isNaN(adjusted[1]));
        assertEquals(0.003, adjusted[2], 1e-12, "three tested rows, not four");
        assertEquals(0.8, adjusted[3], 1e-12);
        assertEquals(0.8, adjusted[0], 1e-12, "never below the adjusted value of a smaller p");
        assertEquals(1.0, Holm.adjust(new double[] {0.9, 0.8})[0], 1e-12);
        assertEquals(0, Holm.adjust(new double[0]).length);
    }
}
