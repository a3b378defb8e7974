package ipcbench.bench;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.PlantedStall;
import ipcbench.os.CpuAffinity;
import ipcbench.os.Placement;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.registry.Mechanisms;
import ipcbench.results.Dimension;
import ipcbench.results.HistogramFiles;
import ipcbench.results.LoadRow;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load benchmark's JVM: one mechanism × payload × placement, started by the run for {@code --mode load} with the
 * same flags a JMH fork gets (a fixed-rate schedule with a second receiving thread does not fit JMH's operation
 * model). It opens an echo session (latency mode, the mechanism's first wait strategy), pins the sending thread to the
 * client CPU and a receiving thread there too, or polls for the echoes on the sending thread when the mechanism spins
 * ({@link OpenLoop}; the client keeps to its CPU, the echo thread has its own), measures the echo capacity
 * with the same session when a rate is a percentage, then runs each rate point ({@link OpenLoop}): warm-up, then the
 * profile's measurement iterations as histogram intervals, all on one schedule. Each point appends its row to
 * {@code latency/load/KEY.csv.part} and writes {@code latency/load/KEY_R.hlog}, so the points finished before a failure
 * stand ({@code into=cpu-at-load}: the same under {@code latency/cpu-at-load/}, {@link RunLayout#cpuAtLoad}, after a
 * burst of back-to-back echoes that gets the loops compiled, with a sending thread that sleeps until each message is
 * due). Each point also measures the cores its threads and both processes keep busy ({@link CoresMeter}).
 * Exits 0, or 1 with one line on stderr.
 *
 * <p>Arguments, {@code key=value}: mechanism, payloadBytes, placement, rates, warmupMs, iterations, iterationMs,
 * capacityMs, results, verify, into ({@code load} or {@code cpu-at-load}).
 */
public final class LoadMain {
    /** Messages of the capacity probe that sizes the capacity measurement (and warms the path up). */
    private static final long PROBE_MESSAGES = 2_000;
    private static final long MAX_CAPACITY_MESSAGES = 50_000_000;
    /**
     * Back-to-back echoes before the points of a CPU-at-load trial, so that the client's loops run compiled: a point
     * at a low rate alone makes too few calls for the JIT, and interpreted code would count as the mechanism's CPU.
     */
    private static final long COMPILE_WARM_MESSAGES = 20_000;

    private LoadMain() {
    }

    public static void main(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            values.put(arg.substring(0, Math.max(eq, 0)), arg.substring(eq + 1));
        }
        String key = values.get("mechanism") + "_" + values.get("payloadBytes") + "_" + values.get("placement");
        try {
            run(values);
            System.exit(0);
        } catch (IOException | RuntimeException e) {
            System.err.println("ipcbench: load " + key + " failed: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(1);
        }
    }

    private static void run(Map<String, String> v) throws IOException {
        if (System.getProperty(PlantedStall.PROPERTY) != null) {
            throw new IllegalStateException(PlantedStall.PROPERTY + " is for tests only");
        }
        Mechanism mechanism = Mechanisms.require(v.get("mechanism"));
        if (mechanism.whyNoLoad() != null) {
            throw new IllegalArgumentException(mechanism.id() + " cannot run under load: " + mechanism.whyNoLoad());
        }
        int payloadBytes = Integer.parseInt(v.get("payloadBytes"));
        Placement placement = Placement.parse(v.get("placement"));
        LoadRates rates = LoadRates.parse(v.get("rates"));
        long warmupNs = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(v.get("warmupMs")));
        int iterations = Integer.parseInt(v.get("iterations"));
        long iterationNs = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(v.get("iterationMs")));
        long capacityNs = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(v.get("capacityMs")));
        boolean verify = Boolean.parseBoolean(v.get("verify"));
        RunLayout layout = new RunLayout(java.nio.file.Path.of(v.get("results")));
        RunLayout.LoadFiles files = switch (v.get("into")) {
            case "load" -> layout.load();
            case "cpu-at-load" -> layout.cpuAtLoad();
            default -> throw new IllegalArgumentException("into=" + v.get("into") + ": load or cpu-at-load");
        };
        ResultKey key = ResultKey.of(mechanism.id(), payloadBytes, placement.id(), mechanism.waits().get(0).id(),
                Dimension.PEERS.defaultValue());

        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, payloadBytes)
                .verified(verify).placed(placement), layout.logsDir())) {
            if (session.clientCpu() >= 0) {
                CpuAffinity.pinCurrentThread(session.clientCpu());
            }
            Process child = session.serverProcess();
            ByteBuffer request = Payload.allocate(payloadBytes, session.trial().seed());
            ByteBuffer expected = verify ? Payload.allocate(payloadBytes, session.trial().seed()) : null;
            OpenLoop.Link link = OpenLoop.Link.of(mechanism, session.client(), request,
                    ByteBuffer.allocateDirect(payloadBytes), expected, session.clientCpu(), child::destroyForcibly);
            long sequence = 0;
            double capacityPerS = Double.NaN;
            if (files.equals(layout.cpuAtLoad())) {
                sequence += OpenLoop.capacity(link, COMPILE_WARM_MESSAGES, sequence).sequencesUsed();
            }
            if (rates.needsCapacity()) {
                OpenLoop.Capacity probe = OpenLoop.capacity(link, PROBE_MESSAGES, sequence);
                sequence += probe.sequencesUsed();
                long messages = Math.max(PROBE_MESSAGES,
                        Math.min(MAX_CAPACITY_MESSAGES, Math.round(probe.perS() * capacityNs / 1e9)));
                OpenLoop.Capacity capacity = OpenLoop.capacity(link, messages, sequence);
                sequence += capacity.sequencesUsed();
                capacityPerS = capacity.perS();
                System.out.printf("load %s: echo capacity %.0f messages/s (%d back to back%s), receiver %s%n", key,
                        capacityPerS, messages, capacity.lost() == 0 ? "" : ", " + capacity.lost() + " lost",
                        link.receiverPlacement());
            }
            for (LoadRates.Rate rate : rates.rates()) {
                double perS = rate.perS(capacityPerS);
                OpenLoop.Schedule paced = OpenLoop.Schedule.of(perS, warmupNs, iterationNs, iterations);
                OpenLoop.Schedule schedule = files.equals(layout.cpuAtLoad()) ? paced.sleeping() : paced;
                Histogram[] intervals = histograms(iterations, key);
                long wallStartMs = System.currentTimeMillis();
                CoresMeter meter = new CoresMeter(session, iterations);
                OpenLoop.Result result = OpenLoop.run(link, schedule, intervals, sequence, meter);
                sequence += result.sequencesUsed();
                LoadRow row = row(key, rate, capacityPerS, result, intervals, link.receiverPlacement(), meter.cores());
                writeLog(files, key, Math.round(perS), intervals, wallStartMs + warmupNs / 1_000_000, iterationNs);
                row.appendTo(files.part(key));
                System.out.printf("load %s: %s offered %.0f/s achieved %.0f/s p50 %.1f µs p99 %.1f µs, %.3f cores%s%n",
                        key, rate.text(), result.offeredPerS(), result.achievedPerS(), row.p50Ns() / 1e3,
                        row.p99Ns() / 1e3, row.cores().total(), result.lost() == 0 ? "" : " lost " + result.lost());
            }
        }
    }

    private static Histogram[] histograms(int count, ResultKey key) {
        Histogram[] intervals = new Histogram[count];
        for (int i = 0; i < count; i++) {
            intervals[i] = new Histogram(OpenLoop.PRESIZED_MAX_NS, HistogramFiles.SIGNIFICANT_DIGITS);
            intervals[i].setAutoResize(true);
            intervals[i].setTag(key.fileName());
        }
        return intervals;
    }

    static LoadRow row(ResultKey key, LoadRates.Rate rate, double capacityPerS, OpenLoop.Result result,
                       Histogram[] intervals, String receiver, LoadRow.Cores cores) {
        Histogram total = HistogramFiles.total(java.util.List.of(intervals));
        long p99Min = Long.MAX_VALUE;
        long p99Max = 0;
        for (Histogram interval : intervals) {
            long p99 = interval.getValueAtPercentile(99);
            p99Min = Math.min(p99Min, p99);
            p99Max = Math.max(p99Max, p99);
        }
        return new LoadRow(key, result.offeredPerS(), result.achievedPerS(),
                total.getTotalCount(), total.getValueAtPercentile(50), total.getValueAtPercentile(90),
                total.getValueAtPercentile(99), total.getValueAtPercentile(99.9), total.getMaxValue(), result.lost(),
                rate.text(), capacityPerS, p99Min, p99Max, receiver, cores);
    }

    private static void writeLog(RunLayout.LoadFiles files, ResultKey key, long offeredPerS, Histogram[] intervals,
                                 long firstStartMs, long iterationNs) throws IOException {
        long iterationMs = TimeUnit.NANOSECONDS.toMillis(iterationNs);
        for (int i = 0; i < intervals.length; i++) {
            intervals[i].setStartTimeStamp(firstStartMs + i * iterationMs);
            intervals[i].setEndTimeStamp(firstStartMs + (i + 1) * iterationMs);
        }
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(files.histogramLog(key, offeredPerS),
                "ipcbench latency under load " + key + " at " + offeredPerS + " messages/s offered, nanoseconds from "
                        + "intended send to receive, one interval per measurement iteration", firstStartMs)) {
            for (Histogram interval : intervals) {
                log.append(interval);
            }
        }
    }
}
