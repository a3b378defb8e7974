package ipcbench.report;

import org.junit.jupiter.api.Assumptions;

/** For tests that draw charts: skips them, with the reason, on a host where the JDK finds no font. */
final class Fonts {
    private Fonts() {
    }

    static void assumeAvailable() {
        try {
            ChartCanvas.requireFonts();
        } catch (ReportException e) {
            Assumptions.abort("charts cannot be drawn here: " + e.getMessage());
        }
    }
}
