package ipcbench.cli;

import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.registry.Mechanisms;
import ipcbench.os.CpuAffinity;
import ipcbench.mechanism.MechanismLimits;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.mechanism.Availability;
import ipcbench.process.NativePeer;
import ipcbench.process.Subscribers;
import ipcbench.process.Peers;
import ipcbench.results.Dimension;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run will measure, decided before anything is created. Mechanisms the user named must run here, at one size
 * asked for at least, else the run is refused (bad input); by default every mechanism is tried. What cannot run — a
 * missing kernel feature, a size beyond a mechanism's limit (udp at 64 KiB beside 64 B) — is skipped with its reason,
 * shown in the plan and the summary, never dropped silently.
 *
 * <p>JMH runs the cross product of its parameters, so mechanisms are grouped by the sizes they can take (and the
 * warm-up they need, see {@link Mechanism#minWarmupMillis}) and each group is one JMH run.
 */
final class RunPlan {
    /**
     * What mechanisms must share to run in one JMH run: the sizes they can take, the warm-up they need, the wait
     * strategies, the io paths and the links (ids) they run with.
     */
    record GroupKey(List<Integer> sizes, int warmupIterations, List<String> waits, List<String> ios,
                    List<String> links) {
        GroupKey {
            sizes = List.copyOf(sizes);
            waits = List.copyOf(waits);
            ios = List.copyOf(ios);
            links = List.copyOf(links);
        }

        GroupKey(List<Integer> sizes, int warmupIterations, List<String> waits, List<String> ios) {
            this(sizes, warmupIterations, waits, ios, LOOPBACK_ONLY);
        }

        GroupKey(List<Integer> sizes, int warmupIterations) {
            this(sizes, warmupIterations, List.of(WaitStrategy.BLOCK.id()), List.of(Io.JDK.id()));
        }
    }

    /** Mechanisms JMH can run together: the same sizes, warm-up iterations, wait strategies, io paths and links. */
    record Group(List<String> mechanisms, List<Integer> sizes, int warmupIterations, List<String> waits,
                 List<String> ios, List<String> links) {
        /** A group over loopback alone. */
        Group(List<String> mechanisms, List<Integer> sizes, int warmupIterations, List<String> waits,
              List<String> ios) {
            this(mechanisms, sizes, warmupIterations, waits, ios, LOOPBACK_ONLY);
        }

        Group(List<String> mechanisms, List<Integer> sizes, int warmupIterations) {
            this(mechanisms, sizes, warmupIterations, List.of(WaitStrategy.BLOCK.id()), List.of(Io.JDK.id()));
        }
    }

    private static final List<String> LOOPBACK_ONLY = List.of(Dimension.LINK.defaultValue());

    /**
     * One fork of one benchmark in an interleaved run (more than one peers value, or native-native): a JMH
     * invocation with one fork (latency and throughput as the mode asks), or one native pair (latency only).
     */
    record Step(String mechanism, int payloadBytes, String waitStrategy, String io, int warmupIterations,
                Peers peers, int fork, List<String> links) {
        Group group() {
            return new Group(List.of(mechanism), List.of(payloadBytes), warmupIterations, List.of(waitStrategy),
                    List.of(io), links);
        }
    }

    final List<Group> groups;
    final List<RunInfo.Skipped> skipped;
    final Placement placement;
    final List<Integer> allowedCpus;
    /** The peers asked, in order. */
    final List<Peers> peers;
    /** For each peers value other than jvm-jvm, the mechanisms the native peer has (all others were skipped). */
    final Map<Peers, List<String>> nativeMechanisms;
    /** The built native peer when a peers value needs it and it is available, else null. */
    final Path nativeBinary;

    private RunPlan(List<Group> groups, List<RunInfo.Skipped> skipped, Placement placement, List<Integer> allowedCpus,
                    List<Peers> peers, Map<Peers, List<String>> nativeMechanisms, Path nativeBinary) {
        this.groups = groups;
        this.skipped = skipped;
        this.placement = placement;
        this.allowedCpus = allowedCpus;
        this.peers = peers;
        this.nativeMechanisms = nativeMechanisms;
        this.nativeBinary = nativeBinary;
    }

    /** Whether {@code mechanism} runs with {@code peers} in this plan. */
    boolean runs(Peers peers, String mechanism) {
        return runs(this.peers, nativeMechanisms, peers, mechanism);
    }

    private static boolean runs(List<Peers> asked, Map<Peers, List<String>> nativeMechanisms, Peers peers,
                                String mechanism) {
        return peers == Peers.JVM_JVM ? asked.contains(Peers.JVM_JVM)
                : nativeMechanisms.getOrDefault(peers, List.of()).contains(mechanism);
    }

    /** True when the run measures fork by fork, alternating peers ({@link #interleaved}), not group by group. */
    boolean interleaves() {
        return peers.size() > 1 || peers.contains(Peers.NATIVE_NATIVE);
    }

    /**
     * Every benchmark's forks, alternating the peers fork by fork (jvm-jvm fork 1, native-native fork 1, jvm-jvm
     * fork 2, ...) so that drift of the host hits them alike; benchmark after benchmark (mechanism × size × wait)
     * in the groups' order. native-native steps exist only when latency is measured.
     */
    List<Step> interleaved(int forks, boolean latency) {
        return interleave(groups, peers, nativeMechanisms, forks, latency);
    }

    static List<Step> interleave(List<Group> groups, List<Peers> peers, Map<Peers, List<String>> nativeMechanisms,
                                 int forks, boolean latency) {
        List<Step> steps = new ArrayList<>();
        for (Group group : groups) {
            for (String mechanism : group.mechanisms()) {
                for (int size : group.sizes()) {
                    for (String wait : group.waits()) {
                        for (int fork = 1; fork <= forks; fork++) {
                            for (Peers p : peers) {
                                if (!runs(peers, nativeMechanisms, p, mechanism) || (!latency && p.nativeClient())) {
                                    continue;
                                }
                                // a C client makes its own calls: its rows have the default io
                                for (String io : p.nativeClient() ? List.of(Io.JDK.id()) : group.ios()) {
                                    steps.add(new Step(mechanism, size, wait, io, group.warmupIterations(), p,
                                            fork, p.nativeServer() ? LOOPBACK_ONLY : group.links()));
                                }
                            }
                        }
                    }
                }
            }
        }
        return steps;
    }

    /**
     * Each result dimension's values for {@code group}'s benchmarks with {@code peers}: the group's mechanisms that
     * run with those peers, its sizes and waits, this plan's placement, {@code peers}, and for any other dimension the
     * values the run asked for ({@link RunConfig#values}).
     */
    Map<Dimension, List<String>> values(Group group, Peers peers, RunConfig config) {
        Map<Dimension, List<String>> planned = Map.of(
                Dimension.MECHANISM, group.mechanisms().stream().filter(m -> runs(peers, m)).toList(),
                Dimension.PAYLOAD_BYTES, group.sizes().stream().map(String::valueOf).toList(),
                Dimension.PLACEMENT, List.of(placement.id()),
                Dimension.WAIT, group.waits(),
                Dimension.PEERS, List.of(peers.id()),
                Dimension.IO, peers.nativeClient() ? List.of(Io.JDK.id()) : group.ios(),
                Dimension.LINK, peers.nativeServer() ? LOOPBACK_ONLY : group.links());
        Map<Dimension, List<String>> values = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.all()) {
            values.put(dimension, planned.containsKey(dimension) ? planned.get(dimension) : config.values(dimension));
        }
        return values;
    }

    /** The result keys of {@code group}'s benchmarks with {@code peers}: every combination of {@link #values}. */
    List<ResultKey> keys(Group group, Peers peers, RunConfig config) {
        List<Map<Dimension, String>> combinations = List.of(Map.of());
        for (Map.Entry<Dimension, List<String>> dimension : values(group, peers, config).entrySet()) {
            List<Map<Dimension, String>> longer = new ArrayList<>();
            for (Map<Dimension, String> combination : combinations) {
                for (String value : dimension.getValue()) {
                    Map<Dimension, String> next = new LinkedHashMap<>(combination);
                    next.put(dimension.getKey(), value);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        return combinations.stream().map(combination -> ResultKey.of(combination::get)).toList();
    }

    /** The wait strategies the run's benchmarks use, in {@link WaitStrategy} order. */
    List<WaitStrategy> waitsUsed() {
        List<WaitStrategy> used = new ArrayList<>();
        for (WaitStrategy wait : WaitStrategy.values()) {
            if (groups.stream().anyMatch(group -> group.waits().contains(wait.id()))) {
                used.add(wait);
            }
        }
        return used;
    }

    static RunPlan of(RunConfig config) throws UsageException, IOException {
        List<Integer> cpus = CpuAffinity.allowedCpus();
        Placement placement = config.placement() != null ? config.placement() : Placement.defaultFor(cpus.size());
        if (placement == Placement.CROSS && cpus.size() < 2) {
            throw new UsageException("--pin cross needs two CPUs, but this process may use only CPU " + cpus.get(0)
                    + "; use --pin same");
        }
        List<RunInfo.Skipped> skipped = new ArrayList<>();
        Map<String, GroupKey> keys = new LinkedHashMap<>();
        List<Mechanism> mechanisms = new ArrayList<>();
        if (config.mechanismsExplicit()) {
            for (String id : config.mechanisms()) {
                try {
                    mechanisms.add(Mechanisms.require(id));
                } catch (IllegalArgumentException unknown) {
                    throw new UsageException(unknown.getMessage());
                }
            }
        } else {
            mechanisms.addAll(Mechanisms.all());
        }
        for (Mechanism mechanism : mechanisms) {
            if (!mechanism.availability().available()) {
                String why = mechanism.id() + ": not available here: " + mechanism.availability().reason();
                if (config.mechanismsExplicit()) {
                    throw new UsageException(why);
                }
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, mechanism.availability().reason()));
                continue;
            }
            List<String> waits = waitsFor(mechanism, config.waits(), skipped);
            if (waits.isEmpty()) {
                String why = mechanism.id() + " cannot " + config.waitOption() + "; it offers only "
                        + WaitStrategy.ids(mechanism.waits());
                if (config.mechanismsExplicit()) {
                    throw new UsageException(why);
                }
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, why));
                continue;
            }
            List<String> ios = iosFor(mechanism, config.values(Dimension.IO), skipped);
            if (ios.isEmpty()) {
                String why = mechanism.id() + " has no " + String.join(" or ", config.values(Dimension.IO))
                        + " path; it offers only " + Io.ids(mechanism.ios());
                if (config.mechanismsExplicit()) {
                    throw new UsageException(why);
                }
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, why));
                continue;
            }
            List<String> links = linksFor(mechanism, config.values(Dimension.LINK), skipped);
            if (config.mechanismsExplicit() && links.size() < config.values(Dimension.LINK).size()) {
                throw new UsageException(mechanism.id() + " cannot cross to " + config.far().label() + ": "
                        + mechanism.whyHostLocal());
            }
            if (config.fanIn() && mechanism.whyNoFanIn() != null) {
                if (config.mechanismsExplicit()) {
                    throw new UsageException(mechanism.id() + ": cannot serve several clients: "
                            + mechanism.whyNoFanIn());
                }
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, "no fan-in: " + mechanism.whyNoFanIn()));
                continue;
            }
            if (config.fanOut() && mechanism.whyNoFanOut() != null) {
                if (config.mechanismsExplicit()) {
                    throw new UsageException(mechanism.id() + ": no fan-out here: " + mechanism.whyNoFanOut());
                }
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, "no fan-out: " + mechanism.whyNoFanOut()));
                continue;
            }
            if (config.mode() == RunConfig.Mode.LOAD && mechanism.whyNoLoad() != null) {
                if (config.mechanismsExplicit()) {
                    throw new UsageException(mechanism.id() + ": cannot run under load: " + mechanism.whyNoLoad());
                }
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, "no load mode: " + mechanism.whyNoLoad()));
                continue;
            }
            List<Integer> sizes = new ArrayList<>();
            String firstWhy = null;
            for (int size : config.sizes()) {
                String why = MechanismLimits.whyNot(mechanism, size);
                if (why == null && config.fanOut() && !(mechanism instanceof BroadcastFanOut)
                        && size > Subscribers.MAX_PAYLOAD_BYTES) {
                    why = mechanism.id() + " fans out at most " + Sizes.format(Subscribers.MAX_PAYLOAD_BYTES)
                            + ": every echo waits in its channel while the publisher writes to the other subscribers";
                }
                if (why == null && config.mode() == RunConfig.Mode.LOAD && mechanism instanceof OpenLoad load
                        && load.whyNoLoad(size) != null) {
                    why = mechanism.id() + " cannot run under load at " + size + " B: " + load.whyNoLoad(size);
                }
                if (why == null) {
                    sizes.add(size);
                } else {
                    firstWhy = firstWhy == null ? why : firstWhy;
                    skipped.add(new RunInfo.Skipped(mechanism.id(), size, why));
                }
            }
            if (sizes.isEmpty() && config.mechanismsExplicit()) {
                throw new UsageException(firstWhy);
            }
            if (!sizes.isEmpty()) {
                keys.put(mechanism.id(),
                        new GroupKey(sizes, config.profile().warmupIterationsFor(mechanism.minWarmupMillis()), waits,
                                ios, links));
            }
        }
        if (keys.isEmpty()) {
            throw new UsageException("nothing can be measured here with these options: " + skipped.size()
                    + " combinations skipped (see list)");
        }
        List<Group> groups = group(keys);
        Map<Peers, List<String>> nativeMechanisms = new LinkedHashMap<>();
        Path nativeBinary = null;
        if (config.peers().stream().anyMatch(p -> p != Peers.JVM_JVM)) {
            NativePeer peer = NativePeer.here();
            nativeBinary = peer.availability().available() ? peer.binary() : null;
            for (Peers p : config.peers()) {
                if (p != Peers.JVM_JVM) {
                    nativeMechanisms.put(p, nativeFor(p, peer, config, keys.keySet(), skipped));
                    if (config.far() != null) {
                        skipped.add(new RunInfo.Skipped(p.id(), null, "not over " + config.far().label()
                                + ": the C peer runs on this host only"));
                    }
                }
            }
        }
        return new RunPlan(groups, skipped, placement, cpus, config.peers(), nativeMechanisms, nativeBinary);
    }

    /**
     * The mechanisms {@code peers} runs with: those the native peer has; the others (and native-native throughput,
     * which the C client does not measure) are skipped with the reason, named mechanisms too, since their jvm-jvm
     * rows still run.
     */
    static List<String> nativeFor(Peers peers, NativePeer peer, RunConfig config, Iterable<String> mechanisms,
                                  List<RunInfo.Skipped> skipped) {
        List<String> runnable = new ArrayList<>();
        for (String id : mechanisms) {
            Availability availability = peer.availability(id);
            if (!availability.available()) {
                skipped.add(new RunInfo.Skipped(id, null, peers.id() + ": " + availability.reason()));
                continue;
            }
            if (!peers.nativeClient() || config.mode().latency()) {
                runnable.add(id);
            }
            if (peers.nativeClient() && config.mode().throughput()) {
                skipped.add(new RunInfo.Skipped(id, null, peers.id() + " throughput: " + NATIVE_LATENCY_ONLY));
            }
        }
        return runnable;
    }

    /** Why native-native has no throughput rows. */
    static final String NATIVE_LATENCY_ONLY = "the native client measures latency only";

    /** One group per distinct key, in the order keys first appear; mechanisms keep their order within a group. */
    static List<Group> group(Map<String, GroupKey> keyByMechanism) {
        Map<GroupKey, List<String>> byKey = new LinkedHashMap<>();
        keyByMechanism.forEach((id, key) -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id));
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, ids) -> groups.add(new Group(List.copyOf(ids), key.sizes(), key.warmupIterations(),
                key.waits(), key.ios(), key.links())));
        return groups;
    }

    /**
     * The io paths (ids) a mechanism runs with: those asked for that it offers; one asked for that it lacks, while it
     * runs another, is skipped with the reason.
     */
    static List<String> iosFor(Mechanism mechanism, List<String> asked, List<RunInfo.Skipped> skipped) {
        List<String> offered = mechanism.ios().stream().map(Io::id).toList();
        List<String> ios = asked.stream().filter(offered::contains).toList();
        if (!ios.isEmpty()) {
            asked.stream().filter(io -> !offered.contains(io)).forEach(io -> skipped.add(new RunInfo.Skipped(
                    mechanism.id(), null, "no " + io + " io path: it offers only " + Io.ids(mechanism.ios()))));
        }
        return ios;
    }

    /**
     * The links (ids) a mechanism runs over: loopback always, a far link only when it crosses hosts; a far link it
     * cannot cross is skipped with the reason ({@link Mechanism#whyHostLocal}).
     */
    static List<String> linksFor(Mechanism mechanism, List<String> asked, List<RunInfo.Skipped> skipped) {
        List<String> links = new ArrayList<>();
        for (String link : asked) {
            if (link.equals(Dimension.LINK.defaultValue()) || mechanism.whyHostLocal() == null) {
                links.add(link);
            } else {
                skipped.add(new RunInfo.Skipped(mechanism.id(), null, "not over " + link + ": "
                        + mechanism.whyHostLocal()));
            }
        }
        return links;
    }

    /**
     * The strategies (ids) a mechanism runs with: those asked for that it offers. A mechanism with a single
     * strategy that was not asked for still runs it when block was asked (shm has no blocking variant: block means
     * "as it waits today"); a strategy asked for that it lacks, while it runs another, is skipped with the reason.
     */
    static List<String> waitsFor(Mechanism mechanism, List<WaitStrategy> asked, List<RunInfo.Skipped> skipped) {
        List<String> waits = new ArrayList<>();
        for (WaitStrategy wait : asked) {
            if (mechanism.waits().contains(wait)) {
                waits.add(wait.id());
            }
        }
        if (waits.isEmpty() && mechanism.waits().size() == 1 && asked.contains(WaitStrategy.BLOCK)) {
            waits.add(mechanism.waits().get(0).id());
        } else if (!waits.isEmpty()) {
            for (WaitStrategy wait : asked) {
                if (!mechanism.waits().contains(wait)) {
                    skipped.add(new RunInfo.Skipped(mechanism.id(), null, "no " + wait.id() + " wait: it offers only "
                            + WaitStrategy.ids(mechanism.waits())));
                }
            }
        }
        return waits;
    }

    /** The measured mechanisms in the registry's order (groups follow sizes, not that order). */
    List<String> mechanisms() {
        List<String> ids = new ArrayList<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            for (Group group : groups) {
                if (group.mechanisms().contains(mechanism.id())) {
                    ids.add(mechanism.id());
                }
            }
        }
        return ids;
    }
}
