package ipcbench.gate;

import ipcbench.results.ResultKey;
import ipcbench.stats.ClopperPearson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay over a simulated A/A pool (fixed seed): blocks, resampled gates, planted slowdowns. */
class GateReplayTest {
    private static final ResultKey PIPE = ResultKey.of("pipe", 64, "cross", "block", "jvm-jvm");

    /** 30 A/A rounds of pipe p50, 5% log-normal noise per fork. */
    private static List<List<PairRow>> pool() {
        SplittableRandom random = new SplittableRandom(7);
        List<PairRow> pairs = new ArrayList<>();
        for (int round = 1; round <= 30; round++) {
            pairs.add(new PairRow(round, "base-first", PIPE, Metric.P50, 1000 * Math.exp(0.05 * random.nextGaussian()),
                    1000 * Math.exp(0.05 * random.nextGaussian()), "t", "t"));
        }
        return GateReplay.rounds(List.of(pairs));
    }

    @Test
    void consecutiveBlocksAreGates() {
        ClopperPearson blocks = GateReplay.blocks(pool(), 10, PairedOptions.DEFAULT);
        assertEquals(3, blocks.trials());
        assertThrows(IllegalArgumentException.class, () -> GateReplay.blocks(pool(), 31, PairedOptions.DEFAULT));
    }

    @Test
    void resampledAaStaysNearAlphaAndALargeSlowdownIsAlwaysCaught() {
        ClopperPearson aa = GateReplay.resampled(pool(), 10, 1000, 1, PairedOptions.DEFAULT, (k, m) -> false, 1);
        assertTrue(aa.proportion() <= 0.05 + 3 * Math.sqrt(0.05 * 0.95 / 1000), "A/A " + aa.successes());
        ClopperPearson doubled = GateReplay.resampled(pool(), 10, 200, 1, PairedOptions.DEFAULT,
                (k, m) -> k.equals(PIPE) && m == Metric.P50, 2);
        assertEquals(200, doubled.successes());
        var smallest = GateReplay.smallestCaught(pool(), 10, 200, 1, PairedOptions.DEFAULT,
                java.util.Set.of(new GateReplay.Row(PIPE, Metric.P50)));
        var entry = smallest.get(new GateReplay.Row(PIPE, Metric.P50));
        assertTrue(entry != null && entry.getKey() <= 1.25, "5% noise per fork: caught by x1.25, got " + entry);
        assertNull(GateReplay.smallestCaught(pool(), 3, 50, 1, PairedOptions.DEFAULT,
                java.util.Set.of(new GateReplay.Row(PIPE, Metric.P50))).get(new GateReplay.Row(PIPE, Metric.P50)),
                "gates of 3 pairs are inconclusive: nothing is caught at any factor");
    }
}
