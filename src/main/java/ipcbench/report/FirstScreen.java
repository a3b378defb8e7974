package ipcbench.report;

import ipcbench.results.HostFloor;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report's first lines, for someone who reads no further: the host they describe, then per placement what
 * decides there: how much of a blocking round trip is the host's floor, the fastest blocking and spinning mechanisms
 * at the smallest size with those tied with them (the rank groups of the rankings, {@link RunTables#ranks}), whether
 * the JDK's own io path is what separates Java from C ({@link JvmShare#firstScreen}), how many times their loopback
 * time round trips take over a far link ({@link AcrossLinks#firstScreen}), the fewest cores at the lowest
 * offered rate ({@link CpuAtLoadSection}) and the highest throughput at the need table's size. Everything comes from
 * the run's files.
 */
final class FirstScreen {
    private FirstScreen() {
    }

    static List<String> lines(RunData run) {
        List<String> lines = new ArrayList<>();
        lines.add(stamp(run));
        for (String placement : run.placements()) {
            String at = run.placements().size() > 1 ? " (placement " + placement + ")" : "";
            HostFloors.verdict(run, placement).ifPresent(lines::add);
            List<LatencyRow> latency = run.latency().stream().filter(r -> r.placement().equals(placement)).toList();
            if (!latency.isEmpty()) {
                int smallest = latency.stream().mapToInt(LatencyRow::payloadBytes).min().getAsInt();
                for (String wait : AtAGlance.waits(latency, LatencyRow::waitStrategy)) {
                    fastest(latency.stream().filter(r -> r.payloadBytes() == smallest
                            && r.waitStrategy().equals(wait)).toList(), wait, smallest, at, lines);
                }
            }
            JvmShare.firstScreen(run, placement, at).ifPresent(lines::add);
            AcrossLinks.firstScreen(run, placement, at).ifPresent(lines::add);
            CpuAtLoadSection.glance(run, placement, at).ifPresent(lines::add);
            highestThroughput(run, placement, at, lines);
        }
        return lines;
    }

    /** Where the numbers come from: host, CPU, VM or not, kernel, JDK, date, placement. */
    private static String stamp(RunData run) {
        RunInfo info = run.info();
        RunInfo.Environment env = info.environment();
        StringBuilder text = new StringBuilder("Measured on ");
        if (env == null) {
            text.append("an unrecorded host");
        } else {
            text.append(env.host()).append(" (").append(env.cpuModel()).append(", ").append(env.onlineCpus())
                    .append(" CPUs").append(virtual(info) ? ", a virtual machine" : "").append("), ")
                    .append(env.os()).append(' ').append(env.kernel()).append(", JDK ").append(env.jdkVersion());
        }
        if (info.startedAt() != null && info.startedAt().length() >= 10) {
            text.append(", on ").append(info.startedAt(), 0, 10);
        }
        if (info.cpus() != null && info.options() != null) {
            text.append(", placement ").append(info.options().placement()).append(" (client CPU ")
                    .append(Captions.cpu(info.cpus().clientCpu())).append(", echo CPU ")
                    .append(Captions.cpu(info.cpus().serverCpu())).append(')');
        }
        return text.append('.').toString();
    }

    private static boolean virtual(RunInfo info) {
        return info.preflight() != null && info.preflight().findings().stream()
                .anyMatch(f -> f.id().equals("hypervisor") && f.value() != null && f.value().startsWith("virtual"));
    }

    private static void fastest(List<LatencyRow> rows, String wait, int size, String at, List<String> lines) {
        if (rows.isEmpty()) {
            return;
        }
        List<LatencyRow> ranked = RunTables.rankedByP50(rows);
        List<String> ranks = RunTables.ranks(ranked.stream().map(LatencyRow::p50NsCi).toList());
        LatencyRow best = ranked.get(0);
        List<String> tied = new ArrayList<>();
        for (int i = 1; i < ranked.size() && ranks.get(i).equals(ranks.get(0)) && ranks.get(0).startsWith(
                RunTables.TIE_MARK); i++) {
            tied.add(RunTables.withWait(ranked.get(i).mechanism(), ranked.get(i).waitStrategy()));
        }
        String mark = RunTables.unstableMark(best.repeats());
        lines.add("Fastest " + AtAGlance.waitWord(wait)
                + " round trip at " + Numbers.bytes(size) + at + ": " + RunTables.withWait(best.mechanism(), wait) + " "
                + Numbers.micros(best.p50Ns()) + mark + " µs p50" + (tied.isEmpty() ? "" : ", tied with "
                + String.join(", ", tied)) + (!wait.equals("spin") ? "." : best.placement().equals("same")
                ? ", both ends spinning on one CPU, so they take turns by time slice." : ", keeping two cores busy at any load."));
    }

    private static void highestThroughput(RunData run, String placement, String at, List<String> lines) {
        List<ThroughputRow> rows = run.throughput().stream().filter(r -> r.placement().equals(placement)).toList();
        if (rows.isEmpty()) {
            return;
        }
        int size = rows.stream().anyMatch(r -> r.payloadBytes() == AtAGlance.THROUGHPUT_PAYLOAD_BYTES)
                ? AtAGlance.THROUGHPUT_PAYLOAD_BYTES : rows.stream().mapToInt(ThroughputRow::payloadBytes).max()
                .getAsInt();
        ThroughputRow best = rows.stream().filter(r -> r.payloadBytes() == size)
                .max(Comparator.comparingDouble(ThroughputRow::bytesPerS)).orElseThrow();
        lines.add("Highest throughput at " + Numbers.bytes(size) + at + ": "
                + RunTables.withWait(best.mechanism(), best.waitStrategy()) + " "
                + Numbers.megabytesPerS(best.bytesPerS()) + RunTables.unstableMark(best.repeats())
                + " MB/s (the need table below names what is tied with it).");
    }
}
