package ipcbench.cli;

import ipcbench.report.ReportException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The command line behind {@code ./run-bench.sh}. Bad input prints one line and exits 2, before anything is
 * created; a failure during a run prints one line (a stack trace only with IPCBENCH_DEBUG=1) and exits 1.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        try {
            String command = args.isEmpty() ? "run" : args.get(0);
            List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
            switch (command) {
                case "list":
                    return ListCommand.run(System.out);
                case "run":
                    return runBenchmarks(rest);
                case "plot":
                    return FileCommands.plot(rest, home(), System.out);
                case "report":
                    return FileCommands.report(rest, home(), System.out);
                case "compare":
                    return FileCommands.compare(rest, System.out);
                case "doctor":
                    return DoctorCommand.run(rest, System.out);
                default:
                    return runBenchmarks(args);
            }
        } catch (UsageException | ReportException e) {
            System.err.println("ipcbench: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("ipcbench: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("IPCBENCH_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static int runBenchmarks(List<String> args) throws UsageException, IOException {
        RunOptions options = RunOptions.parse(args);
        if (options.help) {
            System.out.println(RunOptions.USAGE);
            System.out.println();
            System.out.println(FileCommands.USAGE);
            System.out.println(DoctorCommand.USAGE);
            return 0;
        }
        if (options.list) {
            return ListCommand.run(System.out);
        }
        return RunCommand.run(options, home(), System.out);
    }

    /** The ipcbench checkout: results/ and plots/ live there. run-bench.sh sets IPCBENCH_HOME. */
    private static Path home() {
        String home = System.getenv("IPCBENCH_HOME");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }
}
