package ipcbench.results;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a benchmark's hot threads outnumber the CPUs its placement gives them. The hot threads are those of the
 * measured loop that can be runnable at the same moment: one per client–server pair when both ends block (each end
 * waits while the other works), both ends when they spin; a fan-out's subscribers count as its pairs (they all wake
 * for one message while the publisher writes on). Pinned placements give each side its CPU: {@code same}
 * puts every hot thread on one CPU, {@code cross} the clients on one and the echo threads on the other, so either is
 * oversubscribed as soon as two hot threads can share a CPU; unpinned ({@code none}) they share every CPU the run may
 * use. The JVM's own threads (JIT, GC) are not counted: they run beside every benchmark alike.
 */
public final class Oversubscription {
    private Oversubscription() {
    }

    /** The clients of a key: its fan in a fan-in, its subscribers in a fan-out, else 1. */
    public static int clients(ResultKey key) {
        return key.get(Dimension.TOPOLOGY).equals(Dimension.TOPOLOGY.defaultValue()) ? 1
                : Integer.parseInt(key.get(Dimension.FAN));
    }

    /** Hot threads of the key's measured loop that can be runnable at once. */
    public static int hotThreads(ResultKey key) {
        return clients(key) * (key.waitStrategy().equals("spin") ? 2 : 1);
    }

    /**
     * The most hot threads that can be runnable at once on one CPU, against one: {@code same} holds them all,
     * {@code cross} one side's (the clients, or the echo threads), {@code none} spreads them over {@code cpus}.
     */
    public static boolean of(ResultKey key, int cpus) {
        return switch (key.placement()) {
            case "same" -> hotThreads(key) > 1;
            case "cross" -> clients(key) > 1;
            default -> hotThreads(key) > Math.max(1, cpus);
        };
    }

    /** Why a key is (or is not) oversubscribed: {@code 4 clients, block, cross: 4 hot threads on each of 2 CPUs}. */
    public static String why(ResultKey key, int cpus) {
        String on = switch (key.placement()) {
            case "same" -> hotThreads(key) + " hot threads on 1 CPU";
            case "cross" -> clients(key) + (key.get(Dimension.TOPOLOGY).equals(Dimension.Topology.FAN_OUT)
                    ? " hot threads on the subscribers' CPU" : " hot threads on each of 2 CPUs");
            default -> hotThreads(key) + " hot threads on " + Math.max(1, cpus) + " CPUs";
        };
        String noun = key.get(Dimension.TOPOLOGY).equals(Dimension.Topology.FAN_OUT) ? " subscriber" : " client";
        return clients(key) + noun + (clients(key) == 1 ? ", " : "s, ") + key.waitStrategy() + ", "
                + key.placement() + ": " + on;
    }

    /** The keys among {@code keys} that are oversubscribed on {@code cpus} CPUs, each with {@link #why}. */
    public static List<String> among(List<ResultKey> keys, int cpus) {
        List<String> lines = new ArrayList<>();
        for (ResultKey key : keys) {
            if (of(key, cpus)) {
                lines.add(key.fileName() + " (" + why(key, cpus) + ")");
            }
        }
        return lines;
    }
}
