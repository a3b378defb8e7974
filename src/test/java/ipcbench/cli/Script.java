package ipcbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./run-bench.sh} of this checkout (the jar is built by {@code package} before the ITs). */
final class Script {
    record Outcome(int exitCode, String stdout, String stderr) {
    }

    static final Path HOME = Path.of("").toAbsolutePath();

    private Script() {
    }

    static Outcome run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(timeoutSeconds, java.util.Map.of(), args);
    }

    /** As above, with {@code environment} overriding variables of this JVM's environment (e.g. PATH). */
    static Outcome run(long timeoutSeconds, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("run-bench.sh").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("run-bench", ".out");
        Path err = Files.createTempFile("run-bench", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new AssertionError("run-bench.sh " + String.join(" ", args) + " did not end in "
                            + timeoutSeconds + " s");
                }
            } finally {
                // also when the test's own timeout interrupted the wait: no run outlives its test
                if (process.isAlive()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
