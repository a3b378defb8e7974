package ipcbench.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command with a deadline: its output goes to a log file (or is returned, bounded in bytes and in time), and a
 * command still running at its deadline, or when this JVM is stopped, is ended with its descendants. Nothing here
 * runs through a shell. Invariant: no call waits past its deadline, however the command behaves (a command that
 * never writes, never exits, or leaves a descendant holding its output open).
 */
public final class Subprocess {
    /** What a finished command left: its exit code and (for {@link #output}) its first bytes of output. */
    public record Result(int exitCode, String output) {
    }

    private static final int OUTPUT_LIMIT_BYTES = 64 * 1024;
    /** The commands running now; the shutdown hook ends them. Guarded by itself, as are the two flags. */
    private static final java.util.Set<Process> LIVE = new java.util.HashSet<>();
    private static boolean stopping;
    private static boolean hooked;

    private Subprocess() {
    }

    /** Runs {@code command} in {@code dir}, output into {@code log}; fails if the deadline passes. */
    public static int toLog(List<String> command, Path dir, Map<String, String> environment, Path log,
                            Duration deadline) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        return await(start(builder), command, deadline);
    }

    /**
     * Runs {@code command} and returns its output (stderr joined), at most 64 KiB of it. The output is read on a
     * thread of its own, so a command that stops writing but keeps its output open still ends at the deadline.
     */
    public static Result output(List<String> command, Path dir, Duration deadline) throws IOException {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())
                .redirectErrorStream(true);
        Process process = start(builder);
        FutureTask<byte[]> read = new FutureTask<>(() -> {
            try (InputStream stream = process.getInputStream()) {
                byte[] out = stream.readNBytes(OUTPUT_LIMIT_BYTES);
                stream.transferTo(OutputStream.nullOutputStream());
                return out;
            }
        });
        Thread reader = new Thread(read, "ipcbench-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        int code = await(process, command, deadline);
        try {
            byte[] out = read.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Result(code, new String(out, StandardCharsets.UTF_8).strip());
        } catch (TimeoutException e) {
            // the command ended but something it started still holds the output open: not waited for
            throw new IOException(name(command) + " left its output open past " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(name(command) + ": its output could not be read: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + command.get(0), e);
        }
    }

    private static String name(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(3, command.size())));
    }

    private static int await(Process process, List<String> command, Duration deadline) throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                end(process);
                throw new IOException(name(command) + " did not finish within " + deadline.toSeconds()
                        + " s and was stopped");
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
