package ipcbench.report;

import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Mechanisms;
import ipcbench.preflight.Preflight;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The tables that describe one run, shared by its report and the comparison of several runs. */
final class RunTables {
    private static final boolean[] TWO_TEXT_COLUMNS = {false, false};

    private RunTables() {
    }

    /** Host and JVM, one field a row, in the order a reader checks them. */
    static Map<String, String> environment(RunData run) {
        RunInfo info = run.info();
        RunInfo.Environment env = info.environment();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("run", run.label());
        fields.put("started / finished", Captions.text(info.startedAt()) + " / " + Captions.text(info.finishedAt()));
        fields.put("ipcbench commit", Captions.text(info.gitCommit()));
        if (env != null) {
            fields.put("host", Captions.text(env.host()));
            fields.put("OS / kernel", Captions.text(env.os()) + " " + Captions.text(env.kernel()));
            fields.put("arch", Captions.text(env.arch()));
            fields.put("CPU", Captions.text(env.cpuModel()));
            fields.put("online CPUs / allowed", env.onlineCpus() + " / " + list(env.allowedCpus()));
            fields.put("JDK", Captions.text(env.jdkVendor()) + " " + Captions.text(env.jdkVersion()) + " ("
                    + Captions.text(env.jvmName()) + ")");
            fields.put("java home", Captions.text(env.javaHome()));
            fields.put("JMH fork JVM flags", list(env.forkJvmFlags()));
            fields.put("echo child JVM flags", list(env.childJvmFlags()));
        }
        RunInfo.Cpus cpus = info.cpus();
        if (cpus != null) {
            fields.put("client CPU / echo CPU", cpu(cpus.clientCpu()) + " / " + cpu(cpus.serverCpu()));
        }
        return fields;
    }

    /** What the preflight found on the host before measuring: each fact, then its warnings. */
    static void preflight(ReportDocument doc, RunData run) {
        Preflight preflight = run.info().preflight();
        doc.heading(3, "Preflight checks");
        if (preflight == null) {
            doc.paragraph("Not recorded: this run was made before ipcbench checked the host.");
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        preflight.findings().forEach(finding -> facts.put(finding.id(), finding.value()));
        keyValues(doc, facts);
        List<String> warnings = preflight.warnings();
        doc.paragraph(warnings.isEmpty() ? "No warnings: nothing seen that distorts the numbers."
                : "Warnings (conditions that can distort these numbers):");
        if (!warnings.isEmpty()) {
            doc.bullets(warnings);
        }
    }

    /** What was asked for, after defaults. */
    static Map<String, String> options(RunData run) {
        RunInfo.Options options = run.info().options();
        Map<String, String> fields = new LinkedHashMap<>();
        if (options == null) {
            return fields;
        }
        fields.put("mechanisms", list(options.mechanisms()) + (options.mechanismsExplicit() ? " (named)"
                : " (all that can run here)"));
        fields.put("payload sizes (bytes)", list(options.payloadBytes()));
        fields.put("mode", Captions.text(options.mode()));
        fields.put("profile", Captions.text(options.profile()));
        fields.put("warmup", Captions.text(options.warmup()));
        fields.put("measurement", Captions.text(options.measurement()));
        fields.put("forks", Integer.toString(options.forks()));
        fields.put("placement", Captions.text(options.placement()));
        fields.put("verify", Boolean.toString(options.verify()));
        fields.put("extra JMH arguments", list(options.jmhArgs()));
        return fields;
    }

    static void keyValues(ReportDocument doc, Map<String, String> fields) {
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((key, value) -> rows.add(List.of(key, value)));
        doc.plainTable(List.of("field", "value"), TWO_TEXT_COLUMNS, rows);
    }

    /** The one-line summary of a mechanism; an id this build does not know shows as itself. */
    static String howMeasured(String id) {
        return Mechanisms.byId(id).map(Mechanism::summary).orElse("(no description: not a mechanism of this build)");
    }

    /** One ranked table per placement and payload size, fastest p50 first. */
    static void latency(ReportDocument doc, RunData run) {
        for (String placement : run.placements()) {
            for (int size : sizes(run.latency().stream().filter(r -> r.placement().equals(placement))
                    .map(LatencyRow::payloadBytes).toList())) {
                List<LatencyRow> rows = run.latency().stream()
                        .filter(r -> r.placement().equals(placement) && r.payloadBytes() == size)
                        .sorted(Comparator.comparingLong(LatencyRow::p50Ns).thenComparing(LatencyRow::mechanism))
                        .toList();
                doc.heading(3, "Payload " + Numbers.bytes(size) + ", placement " + placement);
                List<List<String>> cells = new ArrayList<>();
                int rank = 1;
                for (LatencyRow row : rows) {
                    cells.add(List.of(Integer.toString(rank++), row.mechanism(), Long.toString(row.samples()),
                            Numbers.micros(row.minNs()), Numbers.micros(row.p50Ns()), Numbers.micros(row.p90Ns()),
                            Numbers.micros(row.p99Ns()), Numbers.micros(row.p99_9Ns()),
                            Numbers.micros(row.p99_99Ns()), Numbers.micros(row.maxNs()), Numbers.micros(row.meanNs())));
                }
                doc.plainTable(List.of("#", "mechanism", "round trips", "min", "p50", "p90", "p99", "p99.9", "p99.99",
                        "max", "mean"), new boolean[] {true, false, true, true, true, true, true, true, true, true,
                                true}, cells);
            }
        }
    }

    /** One ranked table per placement and payload size, most bytes per second first. */
    static void throughput(ReportDocument doc, RunData run) {
        for (String placement : run.placements()) {
            for (int size : sizes(run.throughput().stream().filter(r -> r.placement().equals(placement))
                    .map(ThroughputRow::payloadBytes).toList())) {
                List<ThroughputRow> rows = run.throughput().stream()
                        .filter(r -> r.placement().equals(placement) && r.payloadBytes() == size)
                        .sorted(Comparator.comparingDouble(ThroughputRow::bytesPerS).reversed()
                                .thenComparing(ThroughputRow::mechanism))
                        .toList();
                doc.heading(3, "Payload " + Numbers.bytes(size) + ", placement " + placement);
                List<List<String>> cells = new ArrayList<>();
                int rank = 1;
                for (ThroughputRow row : rows) {
                    cells.add(List.of(Integer.toString(rank++), row.mechanism(), Numbers.megabytesPerS(row.bytesPerS()),
                            Numbers.megabytesPerS(row.bytesPerSError()), Numbers.whole(row.messagesPerS())));
                }
                doc.plainTable(List.of("#", "mechanism", "MB/s", "± MB/s (99.9%)", "messages/s"),
                        new boolean[] {true, false, true, true, true}, cells);
            }
        }
    }

    static void skipped(ReportDocument doc, RunData run) {
        if (run.skipped().isEmpty()) {
            doc.paragraph("None.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunInfo.Skipped skipped : run.skipped()) {
            rows.add(List.of(skipped.mechanism(), skipped.payloadBytes() == null ? "all"
                    : Numbers.bytes(skipped.payloadBytes()), Captions.text(skipped.reason())));
        }
        doc.plainTable(List.of("mechanism", "payload", "reason"), new boolean[] {false, false, false}, rows);
    }

    static void failed(ReportDocument doc, RunData run) {
        if (run.failed().isEmpty()) {
            doc.paragraph("None.");
        } else {
            doc.paragraph("These benchmarks ran but left no result; their echo-server logs are in logs/.");
            doc.bullets(run.failed());
        }
    }

    private static TreeSet<Integer> sizes(List<Integer> sizes) {
        return new TreeSet<>(sizes);
    }

    private static String list(List<?> values) {
        if (values == null || values.isEmpty()) {
            return "none";
        }
        return String.join(" ", values.stream().map(String::valueOf).toList());
    }

    private static String cpu(int cpu) {
        return cpu < 0 ? "not pinned" : Integer.toString(cpu);
    }
}
