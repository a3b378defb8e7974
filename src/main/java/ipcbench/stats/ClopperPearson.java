package ipcbench.stats;

/**
 * The Clopper–Pearson interval of a binomial proportion: the exact interval, found by inverting the two one-sided
 * binomial tests (each at (1 − level) / 2), so its coverage is at least {@code level} for every true proportion. It is
 * how an error rate measured as "x alarms in n gates" is reported: 0 of 10 is [0, 0.31] at 95%, not "zero".
 */
public record ClopperPearson(int successes, int trials, double level, double low, double high) {
    private static final int BISECTIONS = 100;

    public static ClopperPearson of(int successes, int trials, double level) {
        if (trials < 1 || successes < 0 || successes > trials || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, trials >= 1, level in (0, 1): "
                    + successes + " of " + trials + " at " + level);
        }
        double tail = (1 - level) / 2;
        // low: the p at which P(X >= x) = tail; high: the p at which P(X <= x) = tail. Both tails are monotone in p.
        double low = successes == 0 ? 0 : bisect(p -> 1 - cdf(successes - 1, trials, p) - tail, true);
        double high = successes == trials ? 1 : bisect(p -> cdf(successes, trials, p) - tail, false);
        return new ClopperPearson(successes, trials, level, low, high);
    }

    public double proportion() {
        return (double) successes / trials;
    }

    /** P(X <= k) for X ~ Binomial(n, p), summed in log space so that n in the thousands stays exact enough. */
    static double cdf(int k, int n, double p) {
        if (p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return k >= n ? 1 : 0;
        }
        double sum = 0;
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logChoose(n, i) + i * logP + (n - i) * logQ);
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        double log = 0;
        for (int i = 1; i <= k; i++) {
            log += Math.log(n - k + i) - Math.log(i);
        }
        return log;
    }

    /** The root in (0, 1) of a function increasing ({@code increasing}) or decreasing in p. */
    private static double bisect(java.util.function.DoubleUnaryOperator f, boolean increasing) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = (lo + hi) / 2;
            if ((f.applyAsDouble(mid) < 0) == increasing) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
