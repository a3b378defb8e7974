package ipcbench.gate;

import ipcbench.results.ResultKey;
import ipcbench.sides.GateSchedule;
import ipcbench.stats.Holm;
import ipcbench.stats.MannWhitney;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paired gate against a hostile machine, simulated with fixed seeds: a drift shared by every row that wanders
 * with correlation times of 30 s and 600 s, a bimodal row, a heavy-tailed row, forks 3 s apart in the gate's own
 * schedule ({@link GateSchedule}). The false-alarm rate is checked over 1000 A/A gates against alpha + 3 standard
 * errors; the old design (all base forks, then all head forks, Mann–Whitney over the pooled forks) fails the same
 * check, which is why it was retired.
 */
class PairedGateTest {
    private static final double ALPHA = 0.05;
    private static final int GATES = 1000;
    /** alpha + 3 standard errors of a rate measured over GATES gates. */
    private static final double LIMIT = ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / GATES);
    private static final List<ResultKey> BENCHMARKS = List.of(ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm"),
            ResultKey.of("tcp", 64, "cross", "block", "jvm-jvm"), ResultKey.of("shm", 64, "cross", "spin", "jvm-jvm"));

    @Test
    void aaFalseAlarmsStayAtAlphaWhateverTheDrift() {
        SplittableRandom seeds = new SplittableRandom(1);
        int alarms = 0;
        for (int g = 0; g < GATES; g++) {
            Machine machine = new Machine(seeds.nextLong());
            alarms += PairedGate.judge(machine.gate(seeds.nextLong(), 10, Map.of()), PairedOptions.DEFAULT)
                    .exitCode();
        }
        double rate = (double) alarms / GATES;
        assertTrue(rate <= LIMIT, "A/A false alarms " + alarms + " of " + GATES);
    }

    @Test
    void theOldPooledDesignFailsTheSameCheck() {
        SplittableRandom seeds = new SplittableRandom(2);
        int alarms = 0;
        for (int g = 0; g < GATES; g++) {
            alarms += new Machine(seeds.nextLong()).pooledRunsAlarm(7, 0.10) ? 1 : 0;
        }
        double rate = (double) alarms / GATES;
        assertTrue(rate > 3 * LIMIT, "pooled forks of separate runs read drift as change: " + alarms + " of "
                + GATES + " A/A comparisons fail");
    }

    @Test
    void aQuarterSlowerOnOneRowIsCaught() {
        SplittableRandom seeds = new SplittableRandom(3);
        int caught = 0;
        int gates = 200;
        ResultKey pipe = BENCHMARKS.get(0);
        for (int g = 0; g < gates; g++) {
            PairedVerdict verdict = PairedGate.judge(new Machine(seeds.nextLong()).gate(seeds.nextLong(), 10,
                    Map.of(pipe, 1.25)), PairedOptions.DEFAULT);
            caught += verdict.rows().stream().anyMatch(r -> r.key().equals(pipe) && r.metric() == Metric.P50
                    && r.outcome() == PairedOutcome.REGRESSION) ? 1 : 0;
        }
        assertTrue(caught >= 0.9 * gates, "a 25% p50 slowdown caught in " + caught + " of " + gates);
    }

    @Test
    void aFixedBaseFirstOrderUnderLinearDriftIsBiasedTheRandomOrderIsNot() {
        PairedOptions anyEffect = new PairedOptions(ALPHA, 0, false);
        int fixed = 0;
        int random = 0;
        SplittableRandom seeds = new SplittableRandom(4);
        for (int g = 0; g < GATES; g++) {
            long seed = seeds.nextLong();
            fixed += PairedGate.judge(linearDrift(seed, false), anyEffect).exitCode();
            random += PairedGate.judge(linearDrift(seed, true), anyEffect).exitCode();
        }
        assertTrue(fixed > 0.5 * GATES, "base first, always: " + fixed + " of " + GATES + " flagged");
        assertTrue((double) random / GATES <= LIMIT, "coin-flip order: " + random + " of " + GATES + " flagged");
    }

    @Test
    void throughputIsOrientedAndImprovementsNeverFail() {
        List<PairRow> pairs = new ArrayList<>();
        ResultKey pipe = BENCHMARKS.get(0);
        for (int round = 1; round <= 10; round++) {
            double wobble = 1 + round * 0.001;
            pairs.add(pair(round, pipe, Metric.THROUGHPUT, 100e6 * wobble, 50e6));
            pairs.add(pair(round, pipe, Metric.P50, 50_000, 40_000 * wobble));
        }
        PairedVerdict verdict = PairedGate.judge(pairs, PairedOptions.DEFAULT);
        PairedRow throughput = row(verdict, Metric.THROUGHPUT);
        assertEquals(PairedOutcome.REGRESSION, throughput.outcome(), throughput.reason());
        assertTrue(throughput.ratio() < 0.51 && throughput.ratio() > 0.49, "head/base " + throughput.ratio());
        assertEquals(PairedOutcome.IMPROVEMENT, row(verdict, Metric.P50).outcome());
        // Holm over the two gated rows: the smallest raw p, 1/1024, doubled
        assertEquals(2.0 / 1024, throughput.pAdjusted(), 1e-12);
        assertEquals(1, verdict.exitCode());

        List<PairRow> better = pairs.stream().filter(p -> p.metric() == Metric.P50).toList();
        assertEquals(0, PairedGate.judge(better, PairedOptions.DEFAULT).exitCode());
    }

    @Test
    void tooFewPairsAreInconclusiveAndNeverFail() {
        List<PairRow> pairs = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            for (ResultKey key : BENCHMARKS) {
                pairs.add(pair(round, key, Metric.P50, 1000, 3000 + round));
            }
        }
        // 4 pairs: smallest p 1/16 = 0.0625 >= 0.05 even before Holm
        PairedVerdict verdict = PairedGate.judge(pairs, PairedOptions.DEFAULT);
        assertTrue(verdict.rows().stream().allMatch(r -> r.outcome() == PairedOutcome.INCONCLUSIVE));
        assertEquals(0, verdict.exitCode());
    }

    @Test
    void p99IsShownNotGatedUnlessAsked() {
        List<PairRow> pairs = new ArrayList<>();
        for (int round = 1; round <= 10; round++) {
            pairs.add(pair(round, BENCHMARKS.get(0), Metric.P99, 1000, 2000 + round));
        }
        assertEquals(PairedOutcome.REPORT_ONLY, PairedGate.judge(pairs, PairedOptions.DEFAULT).rows().get(0)
                .outcome());
        assertEquals(1, PairedGate.judge(pairs, new PairedOptions(ALPHA, 0.05, true)).exitCode());
    }

    @Test
    void aReportOnlyMechanismIsShownNeverFailsAndLeavesHolmToTheOthers() throws GateException {
        List<PairRow> pairs = new ArrayList<>();
        for (int round = 1; round <= 10; round++) {
            pairs.add(pair(round, BENCHMARKS.get(1), Metric.P50, 1000, 2000 + round));
            pairs.add(pair(round, BENCHMARKS.get(2), Metric.P50, 1000, 3000 + round));
        }
        PairedOptions shmShown = PairedOptions.of(ALPHA, 0.05, false, java.util.Set.of("shm"));
        PairedVerdict verdict = PairedGate.judge(pairs, shmShown);
        PairedRow shm = verdict.rows().stream().filter(r -> r.key().mechanism().equals("shm")).findFirst().orElseThrow();
        PairedRow tcp = verdict.rows().stream().filter(r -> r.key().mechanism().equals("tcp")).findFirst().orElseThrow();
        assertEquals(PairedOutcome.REPORT_ONLY, shm.outcome());
        assertTrue(shm.reason().contains("--report-only"), shm.reason());
        assertEquals(PairedOutcome.REGRESSION, tcp.outcome());
        assertEquals(1.0 / 1024, tcp.pAdjusted(), 1e-12, "Holm over one gated row: p unchanged");
        assertEquals(2.0 / 1024, row(PairedGate.judge(pairs, PairedOptions.DEFAULT), Metric.P50).pAdjusted(), 1e-12,
                "both gated: Holm doubles the smallest p");
        assertThrows(GateException.class, () -> PairedOptions.of(ALPHA, 0.05, false, java.util.Set.of("shm;rm")));
    }

    private static PairedRow row(PairedVerdict verdict, Metric metric) {
        return verdict.rows().stream().filter(r -> r.metric() == metric).findFirst().orElseThrow();
    }

    private static PairRow pair(int round, ResultKey key, Metric metric, double base, double head) {
        return new PairRow(round, "base-first", key, metric, base, head, "t", "t");
    }

    /** Ten pairs of one row under a steep linear drift, forks 3 s apart, either always base first or coin flips. */
    private static List<PairRow> linearDrift(long seed, boolean randomOrder) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PairRow> pairs = new ArrayList<>();
        double timeS = 0;
        for (int round = 1; round <= 10; round++) {
            boolean headFirst = randomOrder && random.nextBoolean();
            double first = Math.exp(0.005 * timeS + 0.002 * random.nextGaussian());
            double second = Math.exp(0.005 * (timeS + 3) + 0.002 * random.nextGaussian());
            timeS += 6;
            pairs.add(new PairRow(round, headFirst ? "head-first" : "base-first", BENCHMARKS.get(0), Metric.P50,
                    (headFirst ? second : first) * 1000, (headFirst ? first : second) * 1000, "t", "t"));
        }
        return pairs;
    }

    /**
     * A hostile host: log values = the row's level + a drift shared by all rows (two Ornstein–Uhlenbeck processes,
     * 30 s and 600 s, 5% and 15%) + per-fork noise 3%; shm is bimodal (×3 in half its forks), tcp heavy-tailed (×3 in
     * 5% of its forks). Throughput moves against latency.
     */
    private static final class Machine {
        private final SplittableRandom random;
        private double fast;
        private double slow;
        private double timeS;

        Machine(long seed) {
            random = new SplittableRandom(seed);
            fast = 0.05 * random.nextGaussian();
            slow = 0.15 * random.nextGaussian();
        }

        /** A gate in the real schedule; {@code slower} multiplies the head's latency of a benchmark. */
        List<PairRow> gate(long scheduleSeed, int rounds, Map<ResultKey, Double> slower) {
            List<PairRow> pairs = new ArrayList<>();
            for (GateSchedule.Step step : GateSchedule.of(scheduleSeed, rounds, BENCHMARKS).steps()) {
                double factor = slower.getOrDefault(step.benchmark(), 1.0);
                Map<Metric, Double> first = fork(step.benchmark(), step.headFirst() ? factor : 1);
                Map<Metric, Double> second = fork(step.benchmark(), step.headFirst() ? 1 : factor);
                Map<Metric, Double> base = step.headFirst() ? second : first;
                Map<Metric, Double> head = step.headFirst() ? first : second;
                for (Metric metric : List.of(Metric.P50, Metric.THROUGHPUT)) {
                    pairs.add(new PairRow(step.round(), step.order(), step.benchmark(), metric, base.get(metric),
                            head.get(metric), "t", "t"));
                }
            }
            return pairs;
        }

        /**
         * The old design: one run of all base forks, a run of all head forks right after, each row's forks pooled
         * and tested two-sided with Mann–Whitney, Holm over the rows, a threshold on the Hodges–Lehmann ratio.
         */
        boolean pooledRunsAlarm(int forks, double threshold) {
            Map<String, double[][]> values = new HashMap<>();
            for (int side = 0; side < 2; side++) {
                for (ResultKey key : BENCHMARKS) {
                    for (int f = 0; f < forks; f++) {
                        Map<Metric, Double> fork = fork(key, 1);
                        for (Metric metric : List.of(Metric.P50, Metric.THROUGHPUT)) {
                            values.computeIfAbsent(key + " " + metric, k -> new double[2][forks])[side][f] =
                                    fork.get(metric);
                        }
                    }
                }
            }
            List<double[][]> rows = new ArrayList<>(values.values());
            double[] p = rows.stream().mapToDouble(r -> MannWhitney.test(r[0], r[1]).pValue()).toArray();
            double[] adjusted = Holm.adjust(p);
            for (int i = 0; i < rows.size(); i++) {
                double ratio = ipcbench.stats.HodgesLehmann.of(rows.get(i)[0], rows.get(i)[1]).ratio();
                if (adjusted[i] < ALPHA && Math.abs(Math.log(ratio)) > Math.log(1 + threshold)) {
                    return true;
                }
            }
            return false;
        }

        /** One fork 3 s after the last, of one benchmark, with the head's factor on its latency. */
        private Map<Metric, Double> fork(ResultKey key, double factor) {
            advance(3);
            double log = fast + slow + 0.03 * random.nextGaussian();
            if (key.mechanism().equals("shm") && random.nextBoolean()) {
                log += Math.log(3);
            }
            if (key.mechanism().equals("tcp") && random.nextDouble() < 0.05) {
                log += Math.log(3);
            }
            return Map.of(Metric.P50, 1000 * Math.exp(log) * factor, Metric.THROUGHPUT, 1e8 * Math.exp(-log) / factor);
        }

        /** Both drifts move on: exact Ornstein–Uhlenbeck steps. */
        private void advance(double seconds) {
            timeS += seconds;
            fast = step(fast, seconds, 30, 0.05);
            slow = step(slow, seconds, 600, 0.15);
        }

        private double step(double x, double seconds, double tauS, double sigma) {
            double decay = Math.exp(-seconds / tauS);
            return x * decay + sigma * Math.sqrt(1 - decay * decay) * random.nextGaussian();
        }
    }
}
