package ipcbench.gate;

import java.util.Arrays;

/**
 * Everything one side measured of one metric of one benchmark, by level of repetition: fork values, iteration
 * values, and one summary value per run (latency.csv / throughput.csv). {@link Gate} picks the level both sides can
 * be compared at.
 */
public record Repeats(double[] forks, double[] iterations, double[] summaries) {
    public Repeats {
        forks = forks.clone();
        iterations = iterations.clone();
        summaries = summaries.clone();
    }

    /** The fork values if two or more, else the iteration values if two or more: {@link Sample}s that can be tested. */
    Sample best() {
        if (forks.length >= 2) {
            return new Sample(forks, Noise.FORKS);
        }
        if (iterations.length >= 2) {
            return new Sample(iterations, Noise.ITERATIONS);
        }
        return new Sample(forks.length > 0 ? forks : iterations.length > 0 ? iterations : summaries, Noise.UNKNOWN);
    }

    boolean isEmpty() {
        return forks.length == 0 && iterations.length == 0 && summaries.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Repeats r && Arrays.equals(r.forks, forks) && Arrays.equals(r.iterations, iterations)
                && Arrays.equals(r.summaries, summaries);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(forks) + Arrays.hashCode(iterations)) + Arrays.hashCode(summaries);
    }

    @Override
    public String toString() {
        return "forks" + Arrays.toString(forks) + " iterations" + Arrays.toString(iterations) + " summaries"
                + Arrays.toString(summaries);
    }
}
