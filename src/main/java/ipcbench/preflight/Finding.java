package ipcbench.preflight;

/**
 * One thing the preflight found: a stable id (e.g. "clocksource"), what it found, and, when that can distort the
 * numbers, one line saying so and what to do (null otherwise).
 */
public record Finding(String id, String value, String warning) {

    static Finding fact(String id, String value) {
        return new Finding(id, value, null);
    }

    static Finding of(String id, String value, String warningOrNull) {
        return new Finding(id, value, warningOrNull);
    }
}
