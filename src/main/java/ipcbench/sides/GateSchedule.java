package ipcbench.sides;

import ipcbench.results.ResultKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The order in which a gate measures, fixed by its seed: K rounds; each round shuffles the benchmarks, and for each
 * benchmark a coin flip decides whether the base fork or the head fork runs first, the other right after it. Under
 * "no change" the two forks of a pair are then exchangeable whatever the machine's drift, which is what makes the
 * signed-rank test's false-alarm rate hold; a fixed base-first order would turn a steady drift into a difference.
 */
public record GateSchedule(long seed, int rounds, List<Step> steps) {
    /** One pair to measure: round (from 1), benchmark, and which side goes first. */
    public record Step(int round, ResultKey benchmark, boolean headFirst) {
        public String order() {
            return headFirst ? "head-first" : "base-first";
        }
    }

    public GateSchedule {
        steps = List.copyOf(steps);
    }

    public static GateSchedule of(long seed, int rounds, List<ResultKey> benchmarks) {
        if (rounds < 1 || benchmarks.isEmpty()) {
            throw new IllegalArgumentException("a gate needs at least one round and one benchmark");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Step> steps = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<ResultKey> order = new ArrayList<>(benchmarks);
            Collections.shuffle(order, new Random(random.nextLong()));
            for (ResultKey benchmark : order) {
                steps.add(new Step(round, benchmark, random.nextBoolean()));
            }
        }
        return new GateSchedule(seed, rounds, steps);
    }
}
