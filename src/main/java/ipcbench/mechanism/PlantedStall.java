package ipcbench.mechanism;

import java.io.InterruptedIOException;

/**
 * A test-only fault in the echo server: a pause of {@code millis} before echoing every {@code every}-th message, so
 * that a test can prove the open-loop load benchmark charges a stall to every request queued behind it. Armed only
 * by the system property {@value #PROPERTY} ({@code every:millis}), which only tests set: the parent passes it to the
 * echo child only when the parent has it, and {@code ./run-bench.sh} refuses to run with it.
 */
public final class PlantedStall {
    public static final String PROPERTY = "ipcbench.test.stall";

    private final int every;
    private final long millis;
    private int count;

    private PlantedStall(int every, long millis) {
        if (every < 1 || millis < 1) {
            throw new IllegalArgumentException(PROPERTY + " needs every:millis, both at least 1");
        }
        this.every = every;
        this.millis = millis;
    }

    /** The stall the property asks for, or null (every normal run). */
    public static PlantedStall fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(PROPERTY + " needs every:millis, got '" + value + "'");
        }
        return new PlantedStall(Integer.parseInt(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
    }

    /** Counts one message; pauses on every {@code every}-th. */
    public void beforeEcho() throws InterruptedIOException {
        if (++count < every) {
            return;
        }
        count = 0;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted in a planted stall");
        }
    }
}
