package ipcbench.mechanism;

import java.io.InterruptedIOException;

/**
 * A test-only fault in the stream echo server's latency loop, armed only by the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code every:millis}: a pause of {@code millis} before every {@code every}-th echo, so that a test can prove
 *       the open-loop load benchmark charges a stall to every request queued behind it;</li>
 *   <li>{@code spin:nanos:mechanism}: a busy wait of {@code nanos} before every echo of that mechanism only (the
 *       others are untouched), the gate's planted regression: a real extra cost per round trip on one row.</li>
 * </ul>
 * Only tests and the gate's planted-regression script set it: the parent passes it to the echo child only when the
 * parent has it, and {@code ./run-bench.sh} refuses to run with it.
 */
public final class PlantedStall {
    public static final String PROPERTY = "ipcbench.test.stall";
    private static final String SPIN = "spin";

    private final int every;
    private final long millis;
    private final long spinNs;
    private int count;

    private PlantedStall(int every, long millis, long spinNs) {
        this.every = every;
        this.millis = millis;
        this.spinNs = spinNs;
    }

    /** The stall the property asks for on {@code mechanismId}'s echo loop, or null (every normal run). */
    public static PlantedStall fromSystemProperty(String mechanismId) {
        return parse(System.getProperty(PROPERTY), mechanismId);
    }

    static PlantedStall parse(String value, String mechanismId) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(":", -1);
        try {
            if (parts.length == 3 && parts[0].equals(SPIN)) {
                long spinNs = Long.parseLong(parts[1]);
                if (spinNs < 1) {
                    throw new IllegalArgumentException(PROPERTY + ": spin nanos must be at least 1, got '" + value + "'");
                }
                return parts[2].equals(mechanismId) ? new PlantedStall(0, 0, spinNs) : null;
            }
            if (parts.length == 2) {
                int every = Integer.parseInt(parts[0]);
                long millis = Long.parseLong(parts[1]);
                if (every < 1 || millis < 1) {
                    throw new IllegalArgumentException(PROPERTY + " needs every:millis, both at least 1");
                }
                return new PlantedStall(every, millis, 0);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + ": not a number in '" + value + "'");
        }
        throw new IllegalArgumentException(PROPERTY + " needs every:millis or spin:nanos:mechanism, got '" + value + "'");
    }

    /** The busy wait before every echo, in nanoseconds (0 for a pausing stall). */
    long spinNs() {
        return spinNs;
    }

    /** Called before each echo: busy-waits (spin form) or counts and pauses on every {@code every}-th. */
    public void beforeEcho() throws InterruptedIOException {
        if (spinNs > 0) {
            long startNs = System.nanoTime();
            while (System.nanoTime() - startNs < spinNs) {
                Thread.onSpinWait();
            }
            return;
        }
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
