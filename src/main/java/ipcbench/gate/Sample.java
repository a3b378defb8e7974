package ipcbench.gate;

import ipcbench.stats.MedianInterval;

import java.util.Arrays;

/**
 * The values of one side that a row compares, one per run, and whether the row was tested on them.
 */
public record Sample(double[] values, Noise basis) {
    public Sample {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int n() {
        return values.length;
    }

    public double median() {
        return MedianInterval.median(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sample s && s.basis == basis && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + basis.hashCode();
    }

    @Override
    public String toString() {
        return basis.id() + Arrays.toString(values);
    }
}
