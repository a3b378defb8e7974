package ipcbench.stats;

import java.util.Arrays;

/**
 * The exact one-sided Wilcoxon rank-sum (Mann–Whitney) test of two independent samples as a permutation test: under
 * "no difference" every split of the pooled values into a group of n and one of m is equally likely. Ties get
 * midranks, and the null distribution of the second group's rank sum is counted exactly for those ranks (ties
 * included) by dynamic programming over twice the ranks, which are whole numbers. No normal approximation.
 * {@link #pGreater} is small when the second sample's values tend to be the larger. The smallest p any data can
 * give is 1 / C(n + m, m) ({@link #smallestP}).
 */
public final class RankSum {
    private RankSum() {
    }

    /** P(rank sum of {@code second} ≥ observed) over all equally likely splits; each sample needs one value or more. */
    public static double pGreater(double[] first, double[] second) {
        int n = first.length;
        int m = second.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("each sample needs one value or more");
        }
        double[] all = new double[n + m];
        System.arraycopy(first, 0, all, 0, n);
        System.arraycopy(second, 0, all, n, m);
        int[] doubledRanks = doubledMidranks(all);
        int observed = 0;
        for (int i = n; i < n + m; i++) {
            observed += doubledRanks[i];
        }
        int total = Arrays.stream(doubledRanks).sum();
        // ways[k][s]: subsets of k of the items seen so far whose doubled ranks sum to s, as a fraction of C(seen, k)
        // would lose precision; counts fit a double exactly up to 2^53, far beyond C(n + m, m) at our sizes.
        double[][] ways = new double[m + 1][total + 1];
        ways[0][0] = 1;
        for (int rank : doubledRanks) {
            for (int k = m; k >= 1; k--) {
                for (int s = total; s >= rank; s--) {
                    ways[k][s] += ways[k - 1][s - rank];
                }
            }
        }
        double all2 = 0;
        double atLeast = 0;
        for (int s = 0; s <= total; s++) {
            all2 += ways[m][s];
            atLeast += s >= observed ? ways[m][s] : 0;
        }
        return Math.min(1, atLeast / all2);
    }

    /** 1 / C(n + m, m): the p of complete separation, the smallest the test can give. */
    public static double smallestP(int n, int m) {
        double inverse = 1;
        for (int i = 1; i <= Math.min(n, m); i++) {
            inverse = inverse * i / (Math.max(n, m) + i);
        }
        return inverse;
    }

    private static int[] doubledMidranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        int[] ranks = new int[values.length];
        for (int start = 0; start < values.length; ) {
            int end = start + 1;
            while (end < values.length && values[order[end]] == values[order[start]]) {
                end++;
            }
            for (int i = start; i < end; i++) {
                ranks[order[i]] = start + 1 + end;
            }
            start = end;
        }
        return ranks;
    }
}
