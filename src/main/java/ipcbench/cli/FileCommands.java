package ipcbench.cli;

import ipcbench.gate.GateException;
import ipcbench.gate.GateOptions;
import ipcbench.report.CompareReport;
import ipcbench.report.LoadReport;
import ipcbench.report.SideBySideReport;
import ipcbench.report.Plots;
import ipcbench.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The steps over files — {@code plot}, {@code report}, {@code compare} — which read result directories only and
 * never run a benchmark. Where charts go: see {@link #plotsDir}.
 */
final class FileCommands {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private FileCommands() {
    }

    @Command(name = "plot", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Redraw the charts of a run (PNG and SVG).")
    static final class PlotCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory")
        Path run;

        @Option(names = "--plots", paramLabel = "DIR", description = "where the charts go (default: plots/<run-id> for"
                + " a run under results/, else RUN_DIR/plots)")
        String plots;

        private final Main.Context context;

        PlotCommand(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws UsageException, ReportException {
            Path dir = plots == null ? null : OutputPaths.directory("--plots", plots);
            Path runDir = run.toAbsolutePath().normalize();
            Path to = plotsDir(context.home(), runDir, dir);
            for (Plots.Plot plot : LoadReport.isLoadRun(runDir) ? LoadReport.draw(runDir, to) : Plots.draw(runDir, to)) {
                context.out().println(plot.png() + "  " + plot.svg());
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"report.md and report.html of one run (a --mode load run: report.md with the load charts);"
                    + " with several runs, their comparison, the first as reference (side-by-side.md and"
                    + " side-by-side.html)."})
    static final class ReportCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "one run directory, or several to compare")
        List<Path> runs = new ArrayList<>();

        @Option(names = "--plots", paramLabel = "DIR", description = "one run: where its charts go (as plot)")
        String plots;

        @Option(names = "--out", paramLabel = "DIR", description = "where the report goes; one run: report.md and"
                + " report.html, charts in DIR/plots unless --plots (default: into RUN_DIR); several runs: the"
                + " comparison (default: results/comparison-<time>)")
        String out;

        private final Main.Context context;

        ReportCommand(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws UsageException, ReportException {
            List<Path> dirs = runs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
            ipcbench.report.Report.Written written;
            if (dirs.size() == 1) {
                Path plotsGiven = plots == null ? null : OutputPaths.directory("--plots", plots);
                Path outDir = out == null ? dirs.get(0) : OutputPaths.directory("--out", out);
                Path to = plotsGiven == null && out != null ? outDir.resolve("plots")
                        : plotsDir(context.home(), dirs.get(0), plotsGiven);
                if (LoadReport.isLoadRun(dirs.get(0))) {
                    context.out().println("report  " + LoadReport.write(dirs.get(0), to, outDir));
                    return 0;
                }
                written = ipcbench.report.Report.write(dirs.get(0), to, outDir);
            } else {
                if (plots != null) {
                    throw new UsageException("--plots belongs to the report of one run; for several use --out");
                }
                Path outDir = out != null ? OutputPaths.directory("--out", out)
                        : context.home().resolve("results").resolve("comparison-" + STAMP.format(Instant.now()));
                written = SideBySideReport.write(dirs, outDir);
            }
            context.out().println("report  " + written.markdown());
            context.out().println("report  " + written.html());
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"CURRENT against BASELINE, each a run directory or a pool (a directory of runs) measured"
                    + " separately. The run is the unit: one value per run (the median of its forks).",
                "Where each side has enough runs, a row regresses when the Holm-adjusted exact one-sided rank-sum p <"
                        + " alpha AND the Hodges-Lehmann ratio is worse than the threshold; with too few runs the"
                        + " ratios are shown 'not tested'. To gate a change, use gate (both sides in one invocation).",
                "compare.md and compare.csv go to CURRENT unless --out."},
            footer = {"", "Exit codes: 0 no regression, 1 a regression, 2 bad input."})
    static final class CompareCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "BASELINE", description = "a run or a pool of runs")
        Path baseline;

        @Parameters(index = "1", paramLabel = "CURRENT", description = "a run or a pool of runs")
        Path current;

        @Option(names = "--threshold", paramLabel = "T", description = "the smallest change that matters, in (0, 1)"
                + " (default: 10%%)")
        String threshold;

        @Option(names = "--alpha", paramLabel = "A", description = "family-wise false-alarm rate, in (0, 0.5]"
                + " (default: 0.05)")
        String alpha;

        @Option(names = "--out", paramLabel = "DIR", description = "where compare.md and compare.csv go")
        String out;

        private final Main.Context context;

        CompareCommand(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws UsageException, ReportException {
            GateOptions options;
            try {
                options = GateOptions.of(
                        threshold == null ? GateOptions.DEFAULT_THRESHOLD
                                : GateOptions.parseFraction("threshold", threshold),
                        alpha == null ? GateOptions.DEFAULT_ALPHA : GateOptions.parseFraction("alpha", alpha));
            } catch (GateException e) {
                throw new UsageException(e.getMessage());
            }
            Path base = baseline.toAbsolutePath().normalize();
            Path cur = current.toAbsolutePath().normalize();
            Path outDir = out != null ? OutputPaths.directory("--out", out) : cur;
            return CompareReport.run(base, cur, options, outDir, context.out()).exitCode();
        }
    }

    /**
     * The directory given; else for a run under the checkout's results/ its plots/&lt;run-id&gt;, and for a run
     * anywhere else a plots folder inside it, so such a run stays self-contained.
     */
    static Path plotsDir(Path home, Path runDir, Path given) {
        if (given != null) {
            return given;
        }
        Path run = runDir.toAbsolutePath().normalize();
        if (home.resolve("results").equals(run.getParent())) {
            return home.resolve("plots").resolve(run.getFileName().toString());
        }
        return run.resolve("plots");
    }

    /** After a run in the default location: {@code <root>/latest} (results/ or plots/) points at its run id. */
    static void pointLatest(Path root, String runId) throws IOException {
        Path latest = root.resolve("latest");
        Files.deleteIfExists(latest);
        Files.createSymbolicLink(latest, Path.of(runId));
    }
}
