package ipcbench.cli;

import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.CpuAffinity;
import ipcbench.os.Placement;
import ipcbench.preflight.Finding;
import ipcbench.preflight.Pins;
import ipcbench.preflight.Preflight;
import ipcbench.process.FloorMeter;
import ipcbench.process.NativePeer;
import ipcbench.results.HostFloor;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.List;

/**
 * {@code ./run-bench.sh doctor}: the preflight checks of a run, alone, for the default placement, and whether charts
 * can be drawn (fonts): one line per fact, one per warning; exit 0 when clean, 1 with warnings (so CI can refuse a
 * noisy runner).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check this host before measuring (default placement): one line per fact, one per warning."},
        footer = {"", "Exit codes: 0 clean, 1 warnings."})
final class DoctorCommand implements Callable<Integer> {
    private final Main.Context context;

    DoctorCommand(Main.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        return run(context.out());
    }

    static int run(PrintStream out) throws IOException {
        List<Integer> allowed = CpuAffinity.allowedCpus();
        Placement placement = Placement.defaultFor(allowed.size());
        Placement.Cpus cpus = placement.cpus();
        out.printf("ipcbench doctor: placement %s (client CPU %d, echo CPU %d), sampling the machine for %d ms%n",
                placement.id(), cpus.clientCpu(), cpus.serverCpu(), Preflight.SAMPLE_MILLIS);
        Preflight preflight = Preflight.check(new Pins(cpus.clientCpu(), cpus.serverCpu()), allowed.size());
        for (Finding finding : preflight.findings()) {
            out.printf("  %-16s %s%n", finding.id(), finding.value());
        }
        List<String> warnings = new java.util.ArrayList<>(preflight.warnings());
        List<WaitStrategy> waits = placement == Placement.SAME ? List.of(WaitStrategy.BLOCK)
                : List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN);
        for (HostFloor floor : FloorMeter.measure(NativePeer.here(), HostFloor.BEFORE, placement.id(),
                cpus.clientCpu(), cpus.serverCpu(), waits, FloorMeter.BLOCK_ROUND_TRIPS)) {
            out.printf("  %-16s %s%n", "floor-" + floor.waitStrategy(), floor.summary());
            if (floor.warning() != null) {
                warnings.add(floor.warning());
            }
        }
        java.util.Optional<String> fonts = ipcbench.report.Plots.fontProblem();
        out.printf("  %-16s %s%n", "fonts", fonts.isEmpty() ? "found: charts can be drawn" : "none usable");
        fonts.ifPresent(problem -> warnings.add("charts cannot be drawn: " + problem));
        for (String warning : warnings) {
            out.println("warning: " + warning);
        }
        out.println(warnings.isEmpty() ? "ipcbench doctor: clean" : "ipcbench doctor: " + warnings.size()
                + " warning(s)");
        return warnings.isEmpty() ? 0 : 1;
    }
}
