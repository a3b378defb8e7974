package ipcbench.bench;

import java.util.Locale;

/**
 * How long each benchmark runs. JMH's own default (5 forks × 10 × 10 s) would take hours over the suite; every
 * profile states warm-up, measurement and forks instead. The benchmarks' annotations carry {@link #QUICK}.
 */
public enum Profile {
    /** Seconds per benchmark: for CI and tests, proves the pipeline, numbers are rough. */
    SMOKE(1, 500, 3, 500, 1),
    /** The default: about five seconds of measuring per benchmark, one fork. */
    QUICK(2, 1000, 3, 1000, 1),
    /** Publication quality: longer iterations and three forks, so fork-to-fork variance shows in the error. */
    FULL(5, 2000, 10, 2000, 3);

    public final int warmupIterations;
    public final int warmupMillis;
    public final int measurementIterations;
    public final int measurementMillis;
    public final int forks;

    Profile(int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis, int forks) {
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.forks = forks;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String id) {
        for (Profile profile : values()) {
            if (profile.id().equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; use smoke, quick or full");
    }

    /**
     * Warm-up iterations for a mechanism that needs {@code minWarmupMillis}: the profile's, or enough to reach that
     * minimum. The smoke profile proves the pipeline and keeps its own.
     */
    public int warmupIterationsFor(int minWarmupMillis) {
        if (this == SMOKE) {
            return warmupIterations;
        }
        return Math.max(warmupIterations, (minWarmupMillis + warmupMillis - 1) / warmupMillis);
    }

    public String warmup() {
        return warmupIterations + " x " + warmupMillis + " ms";
    }

    public String measurement() {
        return measurementIterations + " x " + measurementMillis + " ms";
    }
}
