package ipcbench.gate;

import ipcbench.results.ResultKey;
import ipcbench.stats.ClopperPearson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

/**
 * A gate's error rates from measured A/A pairs (both sides the same build), each judged by {@link PairedGate}, the
 * verdict's only code path. Rounds are the unit: a round's pairs of all rows were measured together and stay
 * together, so any dependence between rows within a round is kept.
 * <ul>
 * <li>{@link #blocks}: consecutive blocks of K rounds, each an independent A/A gate (the pairs of an A/A gate are
 *     exchangeable, so blocks of one long interleaved run are as good as separate invocations);</li>
 * <li>{@link #resampled}: gates of K distinct rounds drawn at random from the pool, each round's base and head
 *     swapped with probability 1/2, as-is (A/A) or with the head made worse by a factor on some rows — latency × f,
 *     throughput ÷ f — to estimate detection against effect size on real noise. The swap is what the gate's coin flip
 *     licenses: under A/A a round's two sides are exchangeable. Without it every resampled gate would inherit the
 *     chance tilt of the one finite pool (a row whose pooled pairs lean one way by luck would be "found" again and
 *     again), which overstates the false-alarm rate and biases detection.</li>
 * </ul>
 * Every rate comes as a count with its Clopper–Pearson 95% interval.
 */
public final class GateReplay {
    /** The factors {@link #smallestCaught} tries, in increasing order. */
    public static final double[] FACTORS = {1.02, 1.05, 1.10, 1.15, 1.20, 1.25, 1.50, 2.0, 3.0};
    private static final double LEVEL = 0.95;

    private GateReplay() {
    }

    /** One (row, metric) of a gate. */
    public record Row(ResultKey key, Metric metric) {
    }

    /** The pooled pairs as rounds, in the order given: each source's rounds in round order, one list per round. */
    public static List<List<PairRow>> rounds(List<List<PairRow>> sources) {
        List<List<PairRow>> rounds = new ArrayList<>();
        for (List<PairRow> source : sources) {
            Map<Integer, List<PairRow>> byRound = new java.util.TreeMap<>();
            source.forEach(pair -> byRound.computeIfAbsent(pair.round(), r -> new ArrayList<>()).add(pair));
            rounds.addAll(byRound.values());
        }
        return rounds;
    }

    /** Gates whose verdict exits 1, among the consecutive blocks of {@code block} rounds (a last short one dropped). */
    public static ClopperPearson blocks(List<List<PairRow>> rounds, int block, PairedOptions options) {
        int gates = rounds.size() / block;
        requireGates(gates, rounds.size(), block);
        int alarms = 0;
        for (int g = 0; g < gates; g++) {
            alarms += PairedGate.judge(gate(rounds.subList(g * block, (g + 1) * block), new boolean[block],
                    row -> 1), options).exitCode() == 1 ? 1 : 0;
        }
        return ClopperPearson.of(alarms, gates, LEVEL);
    }

    /**
     * Of {@code resamples} gates of {@code block} distinct rounds drawn from the pool with the head made worse by
     * {@code factor} on the rows {@code planted} selects: how many flag a planted row as a regression (with no row
     * planted, or a factor of 1: how many exit 1 — the A/A false-alarm rate).
     */
    public static ClopperPearson resampled(List<List<PairRow>> rounds, int block, int resamples, long seed,
                                           PairedOptions options, BiPredicate<ResultKey, Metric> planted, double factor) {
        requireGates(rounds.size() >= block ? 1 : 0, rounds.size(), block);
        SplittableRandom random = new SplittableRandom(seed);
        boolean aa = factor == 1;
        int hits = 0;
        for (int s = 0; s < resamples; s++) {
            List<List<PairRow>> drawn = draw(rounds, block, random);
            boolean[] swapped = new boolean[block];
            for (int r = 0; r < block; r++) {
                swapped[r] = random.nextBoolean();
            }
            List<PairRow> pairs = gate(drawn, swapped, pair -> planted.test(pair.key(), pair.metric()) ? factor : 1);
            PairedVerdict verdict = PairedGate.judge(pairs, options);
            boolean hit = aa ? verdict.exitCode() == 1 : verdict.rows().stream().anyMatch(row ->
                    row.outcome() == PairedOutcome.REGRESSION && planted.test(row.key(), row.metric()));
            hits += hit ? 1 : 0;
        }
        return ClopperPearson.of(hits, resamples, LEVEL);
    }

    /**
     * For each gated row alone: the smallest factor of {@link #FACTORS} whose planted slowdown the resampled gates
     * catch at least 90% of the time, with that rate; a row caught at none of them maps to null.
     */
    public static Map<Row, Map.Entry<Double, ClopperPearson>> smallestCaught(List<List<PairRow>> rounds, int block,
                                                                            int resamples, long seed,
                                                                            PairedOptions options, Set<Row> rows) {
        Map<Row, Map.Entry<Double, ClopperPearson>> smallest = new LinkedHashMap<>();
        for (Row row : rows) {
            smallest.put(row, null);
            for (double factor : FACTORS) {
                ClopperPearson caught = resampled(rounds, block, resamples, seed, options,
                        (key, metric) -> key.equals(row.key()) && metric == row.metric(), factor);
                if (caught.proportion() >= 0.9) {
                    smallest.put(row, Map.entry(factor, caught));
                    break;
                }
            }
        }
        return smallest;
    }

    /** K distinct rounds of the pool, in random order (a partial Fisher–Yates shuffle of the indices). */
    private static List<List<PairRow>> draw(List<List<PairRow>> rounds, int block, SplittableRandom random) {
        int[] index = new int[rounds.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        List<List<PairRow>> drawn = new ArrayList<>(block);
        for (int i = 0; i < block; i++) {
            int j = i + random.nextInt(index.length - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
            drawn.add(rounds.get(index[i]));
        }
        return drawn;
    }

    /**
     * The rounds renumbered 1..K as one gate's pairs, base and head exchanged in the rounds {@code swapped} marks, then
     * each head value made worse by the factor for its pair.
     */
    private static List<PairRow> gate(List<List<PairRow>> rounds, boolean[] swapped,
                                      java.util.function.ToDoubleFunction<PairRow> factor) {
        List<PairRow> pairs = new ArrayList<>();
        for (int r = 0; r < rounds.size(); r++) {
            for (PairRow pair : rounds.get(r)) {
                double f = factor.applyAsDouble(pair);
                double base = swapped[r] ? pair.headValue() : pair.baseValue();
                double head = swapped[r] ? pair.baseValue() : pair.headValue();
                head = pair.metric().lowerIsBetter() ? head * f : head / f;
                pairs.add(new PairRow(r + 1, pair.order(), pair.key(), pair.metric(), base, head,
                        pair.baseStartedAt(), pair.headStartedAt()));
            }
        }
        return pairs;
    }

    private static void requireGates(int gates, int rounds, int block) {
        if (gates < 1) {
            throw new IllegalArgumentException(rounds + " rounds hold no gate of " + block + " rounds");
        }
    }
}
