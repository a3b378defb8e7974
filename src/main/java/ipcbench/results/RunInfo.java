package ipcbench.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import ipcbench.preflight.Preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * run.json: everything that produced the numbers of one run, so that no figure leaves the program without its
 * machine, kernel, JDK, placement and options.
 *
 * @param runId       sortable timestamp, also the directory name under results/
 * @param startedAt   ISO-8601 UTC
 * @param finishedAt  ISO-8601 UTC, null while the run is going
 * @param gitCommit   the ipcbench commit, "unknown" outside a git checkout
 * @param environment the host and JVM
 * @param options     what was asked for, after defaults were applied
 * @param cpus        the CPUs of the client's measuring thread and the echo thread (-1: not pinned)
 * @param skipped     mechanisms or sizes not measured, with the reason
 * @param failed      benchmarks that ran but produced no result (see logs/)
 * @param harness     what the measuring harness itself costs; null in runs made before it was measured
 * @param mechanisms  what each measured or skipped mechanism is, so that reports need no mechanism class; null in
 *                    runs made before it was recorded
 * @param preflight   what the host checks found before measuring; null in runs made before they existed
 * @param floors      the host's floor at the run's placement for each wait strategy it used, before and after its
 *                    benchmarks ({@link HostFloor}); null in runs made before it was measured
 * @param links       the run's links besides loopback ({@code --netns}, {@code --server-host}), with the far end's
 *                    machine; null or empty when it stayed on loopback
 */
public record RunInfo(String runId, String startedAt, String finishedAt, String gitCommit, Environment environment,
                      Options options, Cpus cpus, List<Skipped> skipped, List<String> failed, Harness harness,
                      List<MechanismInfo> mechanisms, Preflight preflight, List<HostFloor> floors,
                      List<LinkInfo> links) {

    /** A run.json without links, as loopback runs (and runs made before links) have it. */
    public RunInfo(String runId, String startedAt, String finishedAt, String gitCommit, Environment environment,
                   Options options, Cpus cpus, List<Skipped> skipped, List<String> failed, Harness harness,
                   List<MechanismInfo> mechanisms, Preflight preflight, List<HostFloor> floors) {
        this(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, skipped, failed, harness,
                mechanisms, preflight, floors, null);
    }

    /**
     * One link of a run besides loopback: what joins the two ends and the far end's machine.
     *
     * @param id        the results' link value: netns-veth, or the label given
     * @param address   the far end's data address, as the client dials it
     * @param ports     the data ports allowed ({@code A-B}), or null for any
     * @param launcher  how the echo child was started over there (the launcher's words)
     * @param shaping   tc's qdiscs on the link, or why one asked for is missing; empty when none was asked
     * @param far       the far end's machine, as it described itself (a namespace here: this machine)
     */
    public record LinkInfo(String id, String address, String ports, List<String> launcher, List<String> shaping,
                           Environment far) {
    }

    public RunInfo withLinks(List<LinkInfo> described) {
        return new RunInfo(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, skipped, failed,
                harness, mechanisms, preflight, floors, List.copyOf(described));
    }

    /** A run.json without harness cost and mechanism descriptions, as older runs wrote it. */
    public RunInfo(String runId, String startedAt, String finishedAt, String gitCommit, Environment environment,
                   Options options, Cpus cpus, List<Skipped> skipped, List<String> failed) {
        this(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, skipped, failed, null, null, null,
                null);
    }

    /**
     * @param clockReadAndRecordNs mean cost of one {@code System.nanoTime()} plus one {@code Histogram.recordValue}
     *                             on the client CPU: inside every timed round trip once
     */
    public record Harness(double clockReadAndRecordNs) {
    }

    /**
     * @param libraryVersions version of each library the numbers depend on (JMH, HdrHistogram, Agrona, gRPC, Aeron,
     *                        jnr-ffi), by name; null in runs made before it was recorded
     */
    public record Environment(String host, String os, String kernel, String arch, String cpuModel, int onlineCpus,
                              List<Integer> allowedCpus, String jdkVendor, String jdkVersion, String jvmName,
                              String javaHome, List<String> forkJvmFlags, List<String> childJvmFlags,
                              java.util.Map<String, String> libraryVersions) {
        /** The {@link #libraryVersions} entry naming what bound the direct io path's calls: FFM or jnr-ffi. */
        public static final String DIRECT_IO_BINDING = "direct io";

        /** An environment without library versions, as older runs recorded it. */
        public Environment(String host, String os, String kernel, String arch, String cpuModel, int onlineCpus,
                           List<Integer> allowedCpus, String jdkVendor, String jdkVersion, String jvmName,
                           String javaHome, List<String> forkJvmFlags, List<String> childJvmFlags) {
            this(host, os, kernel, arch, cpuModel, onlineCpus, allowedCpus, jdkVendor, jdkVersion, jvmName, javaHome,
                    forkJvmFlags, childJvmFlags, null);
        }
    }

    /**
     * @param mechanismsExplicit whether the user named the mechanisms (else: all that can run here)
     * @param warmup             e.g. "2 x 1 s"
     * @param measurement        e.g. "3 x 1 s"
     */
    /**
     * @param waitStrategy block, spin or both, as asked ({@code --wait}); null in runs made before it existed
     * @param peers        the peers asked ({@code --peers}), e.g. [jvm-jvm, native-native]; null in runs made before
     *                     the dimension existed (read: jvm-jvm)
     */
    public record Options(List<String> mechanisms, boolean mechanismsExplicit, List<Integer> payloadBytes, String mode,
                          String profile, String warmup, String measurement, int forks, String placement,
                          boolean verify, List<String> jmhArgs, String waitStrategy, List<String> peers) {
        /** Options of a jvm-jvm run. */
        public Options(List<String> mechanisms, boolean mechanismsExplicit, List<Integer> payloadBytes, String mode,
                       String profile, String warmup, String measurement, int forks, String placement,
                       boolean verify, List<String> jmhArgs, String waitStrategy) {
            this(mechanisms, mechanismsExplicit, payloadBytes, mode, profile, warmup, measurement, forks, placement,
                    verify, jmhArgs, waitStrategy, List.of(Dimension.PEERS.defaultValue()));
        }

        /** Options of a run that asked for the blocking wait. */
        public Options(List<String> mechanisms, boolean mechanismsExplicit, List<Integer> payloadBytes, String mode,
                       String profile, String warmup, String measurement, int forks, String placement,
                       boolean verify, List<String> jmhArgs) {
            this(mechanisms, mechanismsExplicit, payloadBytes, mode, profile, warmup, measurement, forks, placement,
                    verify, jmhArgs, Dimension.WAIT.defaultValue());
        }
    }

    public record Cpus(int clientCpu, int serverCpu) {
    }

    /**
     * @param payloadBytes null when the whole mechanism was skipped
     * @param reason       why; starting {@link #AT_LOAD} when only its CPU at a given load was skipped
     */
    public record Skipped(String mechanism, Integer payloadBytes, String reason) {
        public static final String AT_LOAD = "CPU at load: ";

        /** Whether only the CPU-at-load trial was skipped: its benchmarks ran. */
        public boolean atLoadOnly() {
            return reason != null && reason.startsWith(AT_LOAD);
        }
    }

    /**
     * @param family       the code family: stream, datagram, memory or rpc
     * @param summary      one line: what one round trip is
     * @param displayOrder the mechanism's place in lists, tables and chart styles (0 first)
     */
    public record MechanismInfo(String id, String family, String summary, int displayOrder) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .serializeSpecialFloatingPointValues().create();

    public RunInfo finished(String finishedAt, List<String> failed) {
        return new RunInfo(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, skipped, failed,
                harness, mechanisms, preflight, floors, links);
    }

    public RunInfo withMechanisms(List<MechanismInfo> described) {
        return new RunInfo(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, skipped, failed,
                harness, List.copyOf(described), preflight, floors, links);
    }

    /**
     * The floor measured in {@code phase} ({@link HostFloor#BEFORE} or {@link HostFloor#AFTER}) at {@code placement}
     * for {@code wait}, or null (not measured, or a run made before floors were).
     */
    public HostFloor.Measured floor(String phase, String placement, String wait) {
        if (floors == null) {
            return null;
        }
        return floors.stream().filter(f -> f.phase().equals(phase) && f.placement().equals(placement)
                && f.waitStrategy().equals(wait) && f.isMeasured()).map(HostFloor::measured).findFirst()
                .orElse(null);
    }

    public RunInfo withSkipped(List<Skipped> all) {
        return new RunInfo(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, List.copyOf(all),
                failed, harness, mechanisms, preflight, floors, links);
    }

    public RunInfo withFloors(List<HostFloor> measured) {
        return new RunInfo(runId, startedAt, finishedAt, gitCommit, environment, options, cpus, skipped, failed,
                harness, mechanisms, preflight, List.copyOf(measured), links);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    public static RunInfo read(Path file) throws IOException {
        try {
            RunInfo info = GSON.fromJson(ResultFile.text(file, ResultFile.MAX_JSON_BYTES), RunInfo.class);
            if (info == null || info.runId() == null) {
                throw new IOException(file + ": not an ipcbench run.json");
            }
            return info;
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            throw new IOException(file + ": not JSON" + (at.find() ? " at line " + at.group(1) : "")
                    + " (not an ipcbench run.json)", e);
        }
    }
}
