package ipcbench.report;

import ipcbench.results.RunInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The sentences that keep a figure tied to where it came from: host, kernel, JDK, placement, what is missing. */
final class Captions {
    private Captions() {
    }

    /** Host, kernel, CPU, JDK, placement and run id in one line. */
    static String environment(RunData run, String placement) {
        RunInfo info = run.info();
        RunInfo.Environment env = info.environment();
        List<String> parts = new ArrayList<>();
        if (env != null) {
            parts.add("host " + text(env.host()));
            parts.add(text(env.os()) + " kernel " + text(env.kernel()) + " (" + text(env.arch()) + ")");
            parts.add(text(env.cpuModel()) + ", " + env.onlineCpus() + " CPUs online");
            parts.add("JDK " + text(env.jdkVendor()) + " " + text(env.jdkVersion()));
        }
        parts.add("placement " + placement + cpus(run, placement));
        parts.add("run " + run.label() + (info.options() == null ? "" : ", profile " + text(info.options().profile())));
        return String.join(" · ", parts);
    }

    /**
     * The CPUs of the run's pinned threads, when they belong to this placement: run.json records one pair, so a
     * run that measured several placements cannot say which pair went with which.
     */
    private static String cpus(RunData run, String placement) {
        RunInfo.Cpus cpus = run.info().cpus();
        if (cpus == null || run.placements().size() != 1) {
            return "";
        }
        return " (client CPU " + cpu(cpus.clientCpu()) + ", echo CPU " + cpu(cpus.serverCpu()) + ")";
    }

    /** A pinned CPU's number, or "not pinned" for -1. */
    static String cpu(int cpu) {
        return cpu < 0 ? "not pinned" : Integer.toString(cpu);
    }

    /**
     * The skipped mechanisms that concern {@code payloadBytes} (null: any size), with their reasons; a skipped CPU at
     * load is the CPU section's, not a chart's ({@link CpuAtLoadSection}).
     */
    static List<String> skipped(RunData run, Integer payloadBytes) {
        List<String> lines = new ArrayList<>();
        for (RunInfo.Skipped skipped : run.skipped()) {
            if (skipped.atLoadOnly()) {
                continue;
            }
            if (payloadBytes == null || skipped.payloadBytes() == null
                    || Objects.equals(skipped.payloadBytes(), payloadBytes)) {
                String size = skipped.payloadBytes() == null ? "" : " at " + Numbers.bytes(skipped.payloadBytes());
                lines.add(skipped.mechanism() + size + " (" + text(skipped.reason()) + ")");
            }
        }
        return lines;
    }

    /**
     * The "not measured" and "failed" sentences for a chart, and what its peers view leaves out
     * ({@link PeersViews#leftOut}); empty parts left out.
     */
    static List<String> missing(RunData run, Integer payloadBytes) {
        List<String> lines = new ArrayList<>(PeersViews.leftOut(run));
        lines.addAll(notMeasured(run, payloadBytes));
        return lines;
    }

    /** The "not measured" and "failed" sentences for a chart, empty parts left out. */
    static List<String> notMeasured(RunData run, Integer payloadBytes) {
        List<String> lines = new ArrayList<>();
        List<String> skipped = skipped(run, payloadBytes);
        if (!skipped.isEmpty()) {
            lines.add("Skipped: " + String.join("; ", skipped) + ".");
        }
        if (!run.failed().isEmpty()) {
            lines.add("Failed, no result (see logs/): " + String.join(", ", run.failed()) + ".");
        }
        return lines;
    }

    static String text(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
