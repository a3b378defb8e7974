package ipcbench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogAxisTest {
    @Test
    void labelsOneTwoAndFiveOfEachDecadeOnly() {
        for (double labelled : List.of(0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 2000.0, 5e9)) {
            assertEquals(Numbers.tick(labelled), LogAxis.label(labelled, Numbers::tick), "at " + labelled);
        }
        for (double unlabelled : List.of(0.3, 3.0, 4.0, 7.0, 30.0, 90.0, 300.0)) {
            assertEquals(LogAxis.NO_LABEL, LogAxis.label(unlabelled, Numbers::tick), "at " + unlabelled);
        }
    }

    @Test
    void boundsWidenToTheNearestOneTwoFive() {
        assertEquals(0.5, LogAxis.floor(0.51), 1e-12);
        assertEquals(1.0, LogAxis.floor(1.0), 1e-12);
        assertEquals(2.0, LogAxis.floor(4.9), 1e-12);
        assertEquals(5.0, LogAxis.ceil(3.1), 1e-12);
        assertEquals(10.0, LogAxis.ceil(5.01), 1e-12);
        assertEquals(200.0, LogAxis.ceil(200.0), 1e-12);
    }
}
