package ipcbench.sides;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command with a deadline: its output goes to a log file (or is returned, bounded), and a command still running at
 * its deadline, or when this JVM is stopped, is ended with its descendants. Nothing here runs through a shell.
 */
final class Subprocess {
    /** What a finished command left: its exit code and (for {@link #output}) its first bytes of output. */
    record Result(int exitCode, String output) {
    }

    private static final int OUTPUT_LIMIT_BYTES = 64 * 1024;
    /** The commands running now; the shutdown hook ends them. Guarded by itself, as are the two flags. */
    private static final java.util.Set<Process> LIVE = new java.util.HashSet<>();
    private static boolean stopping;
    private static boolean hooked;

    private Subprocess() {
    }

    /** Runs {@code command} in {@code dir}, output into {@code log}; fails if the deadline passes. */
    static int toLog(List<String> command, Path dir, Map<String, String> environment, Path log, Duration deadline)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        return await(start(builder), command, deadline);
    }

    /** Runs {@code command} and returns its output (stderr joined), at most 64 KiB of it. */
    static Result output(List<String> command, Path dir, Duration deadline) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())
                .redirectErrorStream(true);
        Process process = start(builder);
        process.getOutputStream().close();
        byte[] out;
        try (var stream = process.getInputStream()) {
            out = stream.readNBytes(OUTPUT_LIMIT_BYTES);
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        }
        int code = await(process, command, deadline);
        return new Result(code, new String(out, StandardCharsets.UTF_8).strip());
    }

    private static int await(Process process, List<String> command, Duration deadline) throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                end(process);
                throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " did not finish within " + deadline.toSeconds() + " s and was stopped");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(process);
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        } finally {
            synchronized (LIVE) {
                LIVE.remove(process);
            }
        }
    }

    /**
     * Starts a command unless this JVM is stopping: once the shutdown hook has run, a loop that saw its command end
     * must not start the next one, which the halting JVM would leave behind.
     */
    private static Process start(ProcessBuilder builder) throws IOException {
        synchronized (LIVE) {
            if (stopping) {
                throw new IOException("stopping: no new command is started");
            }
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(Subprocess::endAll, "ipcbench-subprocesses"));
                hooked = true;
            }
            Process process = builder.start();
            LIVE.add(process);
            return process;
        }
    }

    private static void endAll() {
        List<Process> live;
        synchronized (LIVE) {
            stopping = true;
            live = List.copyOf(LIVE);
        }
        live.forEach(Subprocess::end);
    }

    /**
     * SIGTERM to the command and everything it started, as Ctrl-C reaches a whole process group, so that each can
     * remove its own IPC objects in its shutdown hook; SIGKILL for whatever is still there 10 s later.
     */
    private static void end(Process process) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle handle : tree) {
            long leftNanos = deadline - System.nanoTime();
            try {
                if (leftNanos > 0) {
                    handle.onExit().get(leftNanos, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                break;
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
