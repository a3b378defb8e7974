package ipcbench.cli;

import ipcbench.os.Subprocess;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what a run's numbers depend on from the host: CPU, kernel, JDK, and the ipcbench commit. */
final class HostFacts {
    /** How long a git command may take (it may run hooks, or wait on a lock). */
    static final Duration GIT_DEADLINE = Duration.ofSeconds(10);

    private HostFacts() {
    }

    static RunInfo.Environment environment(List<Integer> allowedCpus, List<String> forkJvmFlags,
                                           List<String> childJvmFlags) {
        return new RunInfo.Environment(hostName(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), cpuModel(), Runtime.getRuntime().availableProcessors(), allowedCpus,
                System.getProperty("java.vendor"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.home"), forkJvmFlags,
                childJvmFlags, LibraryVersions.read());
    }

    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException unreadable) {
            // fall through
        }
        return System.getenv().getOrDefault("HOSTNAME", "unknown");
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException unreadable) {
            // fall through
        }
        return "unknown";
    }

    /**
     * The commit of the checkout at {@code home}, with "-dirty" when it has uncommitted changes and "-unchecked" when
     * git could not say (it failed or missed its deadline); "unknown" without a commit.
     */
    static String gitCommit(Path home) {
        return gitCommit(home, GIT_DEADLINE);
    }

    /** {@link #gitCommit(Path)} with each git command given {@code deadline}. */
    static String gitCommit(Path home, Duration deadline) {
        String commit = git(home, deadline, "rev-parse", "HEAD");
        if (commit == null || commit.isEmpty()) {
            return "unknown";
        }
        String changes = git(home, deadline, "status", "--porcelain", "--untracked-files=no");
        return changes == null ? commit + "-unchecked" : changes.isEmpty() ? commit : commit + "-dirty";
    }

    /** Git's answer, trimmed, or null when git fails or does not answer within {@code deadline}. */
    private static String git(Path home, Duration deadline, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
        command.addAll(List.of(args));
        try {
            Subprocess.Result result = Subprocess.output(command, null, deadline);
            return result.exitCode() == 0 ? result.output() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
