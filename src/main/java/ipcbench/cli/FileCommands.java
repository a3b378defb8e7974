package ipcbench.cli;

import ipcbench.gate.GateException;
import ipcbench.gate.GateOptions;
import ipcbench.report.CompareReport;
import ipcbench.report.ComparisonReport;
import ipcbench.report.Plots;
import ipcbench.report.Report;
import ipcbench.report.ReportException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps over files — {@code plot}, {@code report}, {@code compare} — which read result directories only and
 * never run a benchmark. Where charts go: see {@link #plotsDir}.
 */
final class FileCommands {
    static final String USAGE = """
            Usage: ./run-bench.sh plot RUN_DIR [--plots DIR]
                   ./run-bench.sh report RUN_DIR [--plots DIR]          report.md and report.html of one run
                   ./run-bench.sh report RUN_DIR RUN_DIR... [--out DIR]  comparison of several runs, the first as reference
                   ./run-bench.sh compare BASELINE CURRENT [--threshold 10%] [--alpha 0.05] [--out DIR]
                                                   BASELINE, CURRENT: a run directory, or a pool (a directory of runs)
                                                   regression: Holm-adjusted Mann-Whitney p < alpha AND the
                                                   Hodges-Lehmann ratio worse than the threshold
                                                   exit 0: no regression, 1: a regression, 2: bad input
                                                   (compare.md and compare.csv go to CURRENT unless --out)""";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private FileCommands() {
    }

    /** Positional directories and the named options of one command. */
    private record Args(List<Path> dirs, Path plots, Path out, String threshold, String alpha) {
        static Args parse(List<String> args, boolean gateOptionsAllowed) throws UsageException {
            List<Path> dirs = new ArrayList<>();
            Path plots = null;
            Path out = null;
            String threshold = null;
            String alpha = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--plots" -> plots = Path.of(value(args, ++i, arg));
                    case "--out" -> out = Path.of(value(args, ++i, arg));
                    case "--threshold", "--alpha" -> {
                        if (!gateOptionsAllowed) {
                            throw new UsageException(arg + " belongs to compare (see --help)");
                        }
                        if (arg.equals("--threshold")) {
                            threshold = value(args, ++i, arg);
                        } else {
                            alpha = value(args, ++i, arg);
                        }
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new UsageException("unknown option '" + arg + "' (see --help)");
                        }
                        dirs.add(Path.of(arg).toAbsolutePath().normalize());
                    }
                }
            }
            return new Args(dirs, plots, out, threshold, alpha);
        }

        private static String value(List<String> args, int i, String name) throws UsageException {
            if (i >= args.size()) {
                throw new UsageException("option " + name + " needs a value (see --help)");
            }
            return args.get(i);
        }
    }

    static int plot(List<String> argList, Path home, PrintStream out) throws UsageException, ReportException {
        Args args = Args.parse(argList, false);
        Path run = single(args, "plot");
        Path plots = plotsDir(home, run, args.plots());
        for (Plots.Plot plot : Plots.draw(run, plots)) {
            out.println(plot.png() + "  " + plot.svg());
        }
        return 0;
    }

    static int report(List<String> argList, Path home, PrintStream out) throws UsageException, ReportException {
        Args args = Args.parse(argList, false);
        if (args.dirs().isEmpty()) {
            throw new UsageException("report needs a run directory (see --help)");
        }
        Report.Written written;
        if (args.dirs().size() == 1) {
            written = Report.write(args.dirs().get(0), plotsDir(home, args.dirs().get(0), args.plots()));
        } else {
            Path outDir = args.out() != null ? args.out()
                    : home.resolve("results").resolve("comparison-" + STAMP.format(Instant.now()));
            written = ComparisonReport.write(args.dirs(), outDir);
        }
        out.println("report  " + written.markdown());
        out.println("report  " + written.html());
        return 0;
    }

    static int compare(List<String> argList, PrintStream out) throws UsageException, ReportException {
        Args args = Args.parse(argList, true);
        if (args.dirs().size() != 2) {
            throw new UsageException("compare needs BASELINE and CURRENT, each a run or a pool of runs (see --help)");
        }
        GateOptions options;
        try {
            options = GateOptions.of(
                    args.threshold() == null ? GateOptions.DEFAULT_THRESHOLD
                            : GateOptions.parseFraction("threshold", args.threshold()),
                    args.alpha() == null ? GateOptions.DEFAULT_ALPHA
                            : GateOptions.parseFraction("alpha", args.alpha()));
        } catch (GateException e) {
            throw new UsageException(e.getMessage());
        }
        Path outDir = args.out() != null ? args.out() : args.dirs().get(1);
        return CompareReport.run(args.dirs().get(0), args.dirs().get(1), options, outDir, out).exitCode();
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

    private static Path single(Args args, String command) throws UsageException {
        if (args.dirs().size() != 1) {
            throw new UsageException(command + " needs exactly one run directory (see --help)");
        }
        return args.dirs().get(0);
    }
}
