package ipcbench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni adjusted p-values: the i-th smallest of m p-values is multiplied by (m − i + 1), made monotone
 * (never below the adjusted value of a smaller p) and capped at 1. Rejecting every row whose adjusted p is below α
 * keeps the chance of even one false alarm among all m rows at most α, whatever the dependence between rows, and
 * rejects at least what plain Bonferroni would.
 */
public final class Holm {
    private Holm() {
    }

    /** Adjusted p-values in the order given; NaN entries (untested rows) stay NaN and do not count towards m. */
    public static double[] adjust(double[] pValues) {
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        Integer[] tested = IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i])).toArray(Integer[]::new);
        int m = tested.length;
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = tested[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
            adjusted[index] = running;
        }
        return adjusted;
    }
}
