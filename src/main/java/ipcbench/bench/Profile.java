package ipcbench.bench;

import java.util.Locale;

/**
 * How long each benchmark runs. JMH's own default (5 forks × 10 × 10 s) would take hours over the suite; every
 * profile states warm-up, measurement and forks instead. The benchmarks' annotations carry {@link #QUICK}.
 */
public enum Profile {
    /** Proves the pipeline (CI, tests): seconds per benchmark, one fork, rough numbers. */
    SMOKE(1, 300, 3, 300, 1),
    /**
     * The default, sized so the default suite finishes in about ten minutes on a 2-vCPU machine: one fork (each costs a
     * JVM start and an echo child), six short measurement iterations so that the within-fork interval of the median
     * reaches 95% coverage. One fork cannot show run-to-run noise; the run says so.
     */
    QUICK(2, 500, 6, 400, 1),
    /** For the CI gate: seven forks (a 95% interval of the median over forks), two short iterations each. */
    CI(2, 300, 2, 300, 7),
    /** Publication quality: five forks of ten 2 s iterations. */
    FULL(5, 2000, 10, 2000, 5);

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
        throw new IllegalArgumentException("unknown profile '" + id + "'; use smoke, quick, ci or full");
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
