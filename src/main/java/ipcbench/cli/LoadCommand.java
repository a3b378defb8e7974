package ipcbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ipcbench.bench.LoadMain;
import ipcbench.bench.LoadRates;
import ipcbench.bench.OpenLoop;
import ipcbench.bench.Profile;
import ipcbench.mechanism.OpenLoad;
import ipcbench.process.EchoSession;
import ipcbench.process.JvmFlags;
import ipcbench.registry.Mechanisms;
import ipcbench.report.LoadReport;
import ipcbench.report.ReportException;
import ipcbench.results.Dimension;
import ipcbench.results.LoadRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunInfo;
import ipcbench.results.RunLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code --mode load}: measures and finishes a run whose run.json {@link RunCommand} has written. Each mechanism ×
 * payload is one {@link LoadMain} JVM (the flags and heap of a JMH fork), one after the other; their part files become
 * load.csv, run.json gains a {@code load} object (rates, capacity method, sender and receiver CPUs, wait), and
 * {@link LoadReport} draws the hockey-stick charts and writes the report.
 */
final class LoadCommand {
    /** How run.json's failed list names a load trial: {@code LatencyUnderLoad tcp 64 B}. */
    static final String BENCHMARK = "LatencyUnderLoad";
    /** Back-to-back echoes for the capacity: at least this long, or one measurement iteration. */
    private static final long MIN_CAPACITY_MS = 300;

    private LoadCommand() {
    }

    static int run(RunInfo info, RunLayout layout, RunPlan plan, RunConfig config, Path home,
                   PrintStream out) throws IOException {
        LoadRates rates = config.loadRates();
        long capacityMs = Math.max(MIN_CAPACITY_MS, config.profile().measurementMillis);
        if (!config.jmhArgs().isEmpty()) {
            out.println("  note        JMH options (after --) do not apply to --mode load and are ignored");
        }
        out.println("  rates       " + rates.text() + (rates.needsCapacity() ? " (percentages of the echo capacity, "
                + "measured first in each trial: " + capacityMs + " ms of back-to-back echoes)" : ""));
        List<String> failed = new ArrayList<>();
        for (String mechanism : plan.mechanisms()) {
            for (RunPlan.Group group : plan.groups) {
                if (!group.mechanisms().contains(mechanism)) {
                    continue;
                }
                for (int size : group.sizes()) {
                    int warmupMs = group.warmupIterations() * config.profile().warmupMillis;
                    int exit = launch(layout, ResultKey.of(mechanism, size, plan.placement.id(),
                            Dimension.WAIT.defaultValue(), Dimension.PEERS.defaultValue()), new Trial("load",
                            rates.text(), warmupMs, config.profile(), capacityMs, config.verify()));
                    if (exit != 0) {
                        failed.add(BENCHMARK + " " + mechanism + " " + size + " B");
                        out.println("ipcbench: FAILED " + BENCHMARK + " " + mechanism + " " + size + " B (exit " + exit
                                + "; see the line above and logs/)");
                    }
                }
            }
        }
        List<LoadRow> rows = collect(layout.load(), plan);
        RunCommand.deleteIfEmpty(layout.logsDir());
        if (!rows.isEmpty()) {
            LoadRow.write(layout.load().csv(), rows);
        }
        RunInfo finished = info.finished(Instant.now().toString(), failed);
        finished.write(layout.runJson());
        describe(layout.runJson(), rates, capacityMs, info.cpus(), plan);
        if (config.results() == null) {
            FileCommands.pointLatest(home.resolve("results"), info.runId());
        }
        printSummary(out, rows, plan, failed);
        if (rows.isEmpty()) {
            out.println("ipcbench: no load point produced a result, so there is no report");
            return 1;
        }
        boolean reported;
        Path plotsDir = FileCommands.plotsDir(home, layout.dir(), null);
        try {
            Path report = LoadReport.write(layout.dir(), plotsDir);
            out.println("load.csv        " + layout.load().csv());
            out.println("plots           " + plotsDir + " (PNG and SVG)");
            out.println("report          " + report);
            reported = true;
        } catch (ReportException e) {
            out.println("ipcbench: the results are written, but the report could not be: " + e.getMessage());
            reported = false;
        }
        if (config.results() == null && reported) {
            FileCommands.pointLatest(home.resolve("plots"), info.runId());
        }
        return failed.isEmpty() && reported ? 0 : 1;
    }

    /**
     * How one trial's JVM ({@link LoadMain}) runs: where it writes ({@code load} or {@code cpu-at-load}), its rates,
     * the warm-up of each point, the profile's measurement iterations, the capacity measurement's length.
     */
    record Trial(String into, String rates, int warmupMs, Profile profile, long capacityMs, boolean verify) {
    }

    /** Runs one trial's JVM for {@code key} to its end; its output goes to ours. */
    static int launch(RunLayout layout, ResultKey key, Trial trial) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JmhRun.FORK_HEAP);
        command.addAll(JvmFlags.REQUIRED);
        command.add("-D" + EchoSession.OWNER_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(JvmFlags.absoluteClassPath());
        command.add(LoadMain.class.getName());
        command.add("mechanism=" + key.mechanism());
        command.add("payloadBytes=" + key.payloadBytes());
        command.add("placement=" + key.placement());
        command.add("rates=" + trial.rates());
        command.add("warmupMs=" + trial.warmupMs());
        command.add("iterations=" + trial.profile().measurementIterations);
        command.add("iterationMs=" + trial.profile().measurementMillis);
        command.add("capacityMs=" + trial.capacityMs());
        command.add("results=" + layout.dir());
        command.add("verify=" + trial.verify());
        command.add("into=" + trial.into());
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + key.mechanism() + " ran under load", e);
        }
    }

    /** The part files' rows in the registry's mechanism order, then payload and offered rate; the parts are removed. */
    static List<LoadRow> collect(RunLayout.LoadFiles files, RunPlan plan) throws IOException {
        List<LoadRow> rows = new ArrayList<>();
        List<String> order = plan.mechanisms();
        for (String mechanism : order) {
            for (RunPlan.Group group : plan.groups) {
                if (!group.mechanisms().contains(mechanism)) {
                    continue;
                }
                for (int size : group.sizes()) {
                    Path part = files.part(ResultKey.of(mechanism, size, plan.placement.id(),
                            Mechanisms.require(mechanism).waits().get(0).id(), Dimension.PEERS.defaultValue()));
                    if (Files.exists(part)) {
                        rows.addAll(LoadRow.read(part));
                        Files.delete(part);
                    }
                }
            }
        }
        rows.sort(Comparator.comparingInt((LoadRow r) -> order.indexOf(r.mechanism()))
                .thenComparingInt(LoadRow::payloadBytes).thenComparingDouble(LoadRow::offeredPerS));
        return rows;
    }

    /** Adds run.json's {@code load} object: what a reader needs to interpret load.csv. */
    private static void describe(Path runJson, LoadRates rates, long capacityMs, RunInfo.Cpus cpus, RunPlan plan)
            throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(runJson, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject load = new JsonObject();
        load.addProperty("rates", rates.text());
        load.addProperty("capacity", "echo capacity, measured in each trial's JVM with the same echo session before "
                + "the rate points: " + capacityMs + " ms of requests sent back to back while the echoes are taken "
                + "(after a 2000-message probe); load.csv's capacity_per_s");
        load.addProperty("senderCpu", cpus.clientCpu());
        load.addProperty("receiverCpu", cpus.clientCpu());
        load.addProperty("receiver", "a mechanism whose receive spins (shm, mmap-file, aeron-ipc): the sending thread "
                + "itself polls for the echoes between sends (same-thread); the others: a second client thread that "
                + "blocks in its receive, pinned to the client CPU with the sender (-1: not pinned); the echo thread "
                + "keeps its own CPU. load.csv's receiver column and receivers below say which, per mechanism");
        JsonObject receivers = new JsonObject();
        for (String id : plan.mechanisms()) {
            boolean polls = Mechanisms.require(id) instanceof OpenLoad openLoad && openLoad.pollsUnderLoad();
            receivers.addProperty(id, OpenLoop.Link.receiverPlacement(polls, cpus.clientCpu()));
        }
        load.add("receivers", receivers);
        load.addProperty("senderWait", "a separate receiver: the sender spins with Thread.yield until due, "
                + "LockSupport.parkNanos only through gaps over " + OpenLoop.PARK_ABOVE_NS / 1_000_000 + " ms, waking "
                + OpenLoop.PARK_MARGIN_NS / 1_000_000 + " ms early; same-thread: spins, polling for echoes, never "
                + "sleeps");
        load.addProperty("wait", "each mechanism's first wait strategy (load.csv's wait column)");
        load.addProperty("lost", "udp only: a sequence gap counts the messages in it as lost; after the last message "
                + "a probe per " + OpenLoop.PROBE_AFTER_NS / 1_000_000 + " ms of silence shows which are still missing");
        load.addProperty("order", "echoes must come back in send order, except grpc and grpc-uds (independent calls): "
                + "matched to their requests by sequence number within the in-flight window");
        load.addProperty("stuckAfterS", OpenLoop.STUCK_NS / 1_000_000_000);
        root.add("load", load);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        Files.writeString(runJson, gson.toJson(root) + "\n", StandardCharsets.UTF_8);
    }

    private static void printSummary(PrintStream out, List<LoadRow> rows, RunPlan plan, List<String> failed) {
        out.println();
        out.println("Latency under load (open loop; latency from the intended send time)");
        out.printf(Locale.ROOT, "%-10s %8s %8s %12s %12s %10s %10s %10s %8s  %s%n", "mechanism", "payload", "rate",
                "offered/s", "achieved/s", "p50 µs", "p99 µs", "max µs", "lost", "receiver");
        for (LoadRow row : rows) {
            out.printf(Locale.ROOT, "%-10s %8d %8s %12.0f %12.0f %10.1f %10.1f %10.1f %8d  %s%n", row.mechanism(),
                    row.payloadBytes(), row.rate(), row.offeredPerS(), row.achievedPerS(), row.p50Ns() / 1e3,
                    row.p99Ns() / 1e3, row.maxNs() / 1e3, row.lost(), row.receiver());
        }
        for (RunInfo.Skipped s : plan.skipped) {
            out.println("skipped   " + s.mechanism() + (s.payloadBytes() == null ? "" : " " + s.payloadBytes() + " B")
                    + ": " + s.reason());
        }
        for (String f : failed) {
            out.println("FAILED    " + f);
        }
    }
}
