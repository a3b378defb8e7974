package ipcbench.stats;

import java.util.Arrays;

/**
 * The exact one-sided Wilcoxon signed-rank test of paired differences d, as a sign-flip (permutation) test: under
 * "no change" each pair's two values are exchangeable, so each d is as likely to be +|d| as −|d|, independently.
 * <ul>
 * <li>The statistic is T+, the sum of the ranks of |d| over the positive d.</li>
 * <li>Ties among |d| get midranks (HdrHistogram values are quantized, so ties are common); |d| are tied when they
 *     differ by less than a relative 1e-9, since equal ratios of different integers need not give equal doubles.</li>
 * <li>Zero differences are ranked with the rest but never signed (Pratt's method): they keep the ranks of the others
 *     honest without counting for either side, so a row of many equal values cannot look significant.</li>
 * <li>The null distribution of T+ is computed exactly for the ranks at hand (ties included) by dynamic programming
 *     over twice the ranks, which are whole numbers: 2^n sign patterns in O(n · n²) steps. No normal approximation.</li>
 * </ul>
 * {@link #pGreater} is P(T+ ≥ observed): small when the d are mostly positive. The smallest p a test of n nonzero
 * differences can give is 2^−n ({@link #smallestP}).
 */
public final class SignedRank {
    private static final double TIE = 1e-9;

    private final int[] doubledRanks;
    private final boolean[] positive;
    private final int nonzero;

    private SignedRank(int[] doubledRanks, boolean[] positive, int nonzero) {
        this.doubledRanks = doubledRanks;
        this.positive = positive;
        this.nonzero = nonzero;
    }

    /** Ranks the differences; NaN is refused. */
    public static SignedRank of(double[] differences) {
        int n = differences.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(differences[i])) {
                throw new IllegalArgumentException("a difference is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(differences[a]), Math.abs(differences[b])));
        int[] doubledRanks = new int[n];
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && tied(Math.abs(differences[order[start]]), Math.abs(differences[order[end]]))) {
                end++;
            }
            // ranks start+1 .. end share their mean: twice it is start + 1 + end
            for (int i = start; i < end; i++) {
                doubledRanks[order[i]] = start + 1 + end;
            }
            start = end;
        }
        boolean[] positive = new boolean[n];
        int nonzero = 0;
        double scale = Arrays.stream(differences).map(Math::abs).max().orElse(0);
        for (int i = 0; i < n; i++) {
            boolean zero = Math.abs(differences[i]) <= TIE * scale || differences[i] == 0;
            positive[i] = !zero && differences[i] > 0;
            nonzero += zero ? 0 : 1;
            if (zero) {
                doubledRanks[i] = -doubledRanks[i];
            }
        }
        return new SignedRank(doubledRanks, positive, nonzero);
    }

    private static boolean tied(double a, double b) {
        return Math.abs(a - b) <= TIE * Math.max(a, b);
    }

    /** Differences that are not zero: only they are signed. */
    public int nonzero() {
        return nonzero;
    }

    /** T+ as twice the sum of the positive differences' ranks (a whole number). */
    public int doubledTPlus() {
        int sum = 0;
        for (int i = 0; i < positive.length; i++) {
            sum += positive[i] ? doubledRanks[i] : 0;
        }
        return sum;
    }

    /** P(T+ ≥ observed) under the sign-flip null: the one-sided p of "the differences tend to be positive". */
    public double pGreater() {
        double[] distribution = nullDistribution();
        double p = 0;
        for (int s = doubledTPlus(); s < distribution.length; s++) {
            p += distribution[s];
        }
        return Math.min(1, p);
    }

    /** P(T− ≥ observed): the one-sided p of "the differences tend to be negative". */
    public double pLess() {
        double[] distribution = nullDistribution();
        int total = 0;
        for (int rank : doubledRanks) {
            total += Math.max(rank, 0);
        }
        int tMinus = total - doubledTPlus();
        double p = 0;
        for (int s = tMinus; s < distribution.length; s++) {
            p += distribution[s];
        }
        return Math.min(1, p);
    }

    /** 2^−n for n nonzero differences: the p of all of them positive, the smallest this test can give. */
    public static double smallestP(int nonzero) {
        return Math.pow(0.5, nonzero);
    }

    /** P(doubled T+ = s) for every s: each nonzero difference adds its doubled rank with probability 1/2. */
    private double[] nullDistribution() {
        int total = 0;
        for (int rank : doubledRanks) {
            total += Math.max(rank, 0);
        }
        double[] p = new double[total + 1];
        p[0] = 1;
        int reach = 0;
        for (int rank : doubledRanks) {
            if (rank <= 0) {
                continue;
            }
            reach += rank;
            for (int s = reach; s >= 0; s--) {
                p[s] = 0.5 * p[s] + (s >= rank ? 0.5 * p[s - rank] : 0);
            }
        }
        return p;
    }
}
