package ipcbench.cli;

import ipcbench.bench.LoadRates;
import ipcbench.bench.Profile;
import ipcbench.mechanism.PlantedStall;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.process.Peers;
import ipcbench.results.Dimension;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's settings, fixed once the command line is read ({@link RunOptions#config}): what the plan, JMH's launcher,
 * the load runner and run.json read, and nothing changes after.
 *
 * <p>Invariants: the lists hold no repeats and are never empty (mechanisms is empty only when none were named);
 * {@code placement} is null when not asked for, and the plan picks it for the CPUs here; {@code rates} is null unless
 * asked for, and only with {@link Mode#LOAD}; {@code cpuAt} holds the fixed rates (messages/s) at which a latency run
 * measures each mechanism's CPU ({@link CpuAtLoad}), null for none. {@code dimensions} holds the values asked for a result dimension that
 * has no setting of its own above; JMH gets each as the dimension's parameter ({@link JmhRun}), so a new run-wide
 * dimension needs its {@link Dimension}, its {@code @Param} and its option, and nothing here. {@code far} is the far
 * end of the run's second link ({@code --netns}, {@code --server-host}), null when the run stays on loopback; its
 * label is then the second value of {@link Dimension#LINK}.
 */
record RunConfig(List<String> mechanisms, boolean mechanismsExplicit, List<Integer> sizes, Mode mode,
                 Profile profile, Placement placement, Path results, List<WaitStrategy> waits, List<Peers> peers,
                 LoadRates rates, LoadRates cpuAt, boolean verify, boolean noWait, boolean verbose,
                 List<String> jmhArgs, Map<Dimension, List<String>> dimensions, FarEnd far) {
    /** What a run measures: the --mode option. */
    enum Mode {
        LATENCY, THROUGHPUT, BOTH,
        /** Open-loop latency at offered rates (--rates): its own runner, not JMH. */
        LOAD;

        boolean latency() {
            return this == LATENCY || this == BOTH;
        }

        boolean throughput() {
            return this == THROUGHPUT || this == BOTH;
        }
    }

    RunConfig {
        mechanisms = List.copyOf(mechanisms);
        sizes = List.copyOf(sizes);
        waits = List.copyOf(waits);
        peers = List.copyOf(peers);
        jmhArgs = List.copyOf(jmhArgs);
        Map<Dimension, List<String>> copied = new LinkedHashMap<>();
        dimensions.forEach((dimension, values) -> copied.put(dimension, List.copyOf(values)));
        dimensions = java.util.Collections.unmodifiableMap(copied);
    }

    /** The topology of several clients and one echo child ({@code --topology fanin}). */
    static final String FAN_IN = Dimension.Topology.FAN_IN;
    /** The topology of one publisher and several subscriber children ({@code --topology fanout}). */
    static final String FAN_OUT = Dimension.Topology.FAN_OUT;
    /** The numbers of clients or subscribers when --clients or --subscribers is not given. */
    static final List<String> DEFAULT_FANS = List.of("1", "2", "4");

    /** True when the run measures fan-ins ({@code --topology fanin}). */
    boolean fanIn() {
        return values(Dimension.TOPOLOGY).contains(FAN_IN);
    }

    /** True when the run measures fan-outs ({@code --topology fanout}). */
    boolean fanOut() {
        return values(Dimension.TOPOLOGY).contains(FAN_OUT);
    }

    /**
     * Checks that hold across options: --rates only with --mode load, --wait and --peers not with it; the test-only
     * stall never in a run. {@code list}: only the list is asked for, and nothing is measured.
     */
    void validate(boolean list) throws UsageException {
        if (rates != null && mode != Mode.LOAD && !list) {
            throw new UsageException("--rates needs --mode load");
        }
        if (mode == Mode.LOAD && !peers.equals(List.of(Peers.DEFAULT))) {
            throw new UsageException("--mode load runs jvm-jvm only; --peers takes latency, throughput or both");
        }
        if (mode == Mode.LOAD && !waits.equals(List.of(WaitStrategy.BLOCK))) {
            throw new UsageException("--mode load runs each mechanism with its own wait (block, or spin for those that "
                    + "only spin); --wait does not apply to it");
        }
        if (mode == Mode.LOAD && !values(Dimension.IO).equals(List.of(Dimension.IO.defaultValue()))) {
            throw new UsageException("--mode load runs the JDK's io path only; --io takes latency, throughput or both");
        }
        if (mode == Mode.LOAD && far != null) {
            throw new UsageException("--mode load runs over loopback only; --netns and --server-host take latency,"
                    + " throughput or both");
        }
        String topology = values(Dimension.TOPOLOGY).get(0);
        boolean fans = fanIn() || fanOut();
        if (fans && mode == Mode.LOAD) {
            throw new UsageException("--topology " + topology + " runs latency and throughput benchmarks; --mode load"
                    + " runs pairs only");
        }
        if (fanOut() && mode != Mode.LATENCY) {
            throw new UsageException("--topology fanout measures latency only (--mode latency): a streamed batch has"
                    + " one subscriber's acknowledgement, not every one's");
        }
        if (fans && !peers.equals(List.of(Peers.DEFAULT))) {
            throw new UsageException("--topology " + topology + " runs jvm-jvm only: the C echo server serves one"
                    + " client");
        }
        if (fans && far != null) {
            throw new UsageException("--topology " + topology + " runs over loopback only; --netns and --server-host"
                    + " take pairs");
        }
        if (cpuAt != null && cpuAt.needsCapacity()) {
            throw new UsageException("--cpu-at takes messages/s (1000,10k), not percentages of a capacity");
        }
        if (System.getProperty(PlantedStall.PROPERTY) != null
                || jmhArgs.stream().anyMatch(arg -> arg.contains(PlantedStall.PROPERTY))) {
            throw new UsageException(PlantedStall.PROPERTY + " is a test-only fault and cannot be set for a run");
        }
    }

    /** The peers' ids, for run.json. */
    List<String> peerIds() {
        return peers.stream().map(Peers::id).toList();
    }

    /** {@code block}, {@code spin} or {@code both}: the asked strategies as --wait takes them. */
    String waitOption() {
        return waits.size() > 1 ? "both" : waits.get(0).id();
    }

    /** The load run's rates: --rates, or the default percentages. */
    LoadRates loadRates() {
        return rates != null ? rates : LoadRates.defaults();
    }

    /** The mode as run.json names it. */
    String modeId() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** The values asked for {@code dimension} in {@link #dimensions}, or its default alone. */
    List<String> values(Dimension dimension) {
        return dimensions.getOrDefault(dimension, List.of(dimension.defaultValue()));
    }
}
