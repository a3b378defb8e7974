package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.MechanismLimits;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.os.ScratchDirectory;
import ipcbench.results.HistogramFiles;
import org.HdrHistogram.Histogram;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One native-native fork: the native peer's {@code pair} command (a C client and its C echo-server child, see
 * {@code ipcpeer.h}) measuring round-trip latency with the given warm-up and measurement iterations. The trial's
 * apparatus is the one a JVM trial gets — a private directory, the mechanism's named objects created through the
 * Mechanism SPI with their ledger, all removed afterwards — and the pair's stdin is a pipe from this JVM, whose
 * end-of-file (this JVM gone) makes the pair kill its child and exit. A pair that does not finish within its
 * iterations' time plus {@link #DEADLINE_MARGIN_MS} is killed and reported as failed.
 */
public final class NativePair {
    /** Startup, connection and teardown allowance beyond the iterations' own time. */
    static final long DEADLINE_MARGIN_MS = 15_000;
    static final byte[] SAMPLES_MAGIC = "IPCPEER1".getBytes(StandardCharsets.US_ASCII);
    private static final String SAMPLES_FILE = "samples.bin";
    private static final long PRESIZED_MAX_NS = 10_000_000L;

    /** The pair's measured iterations (one histogram each, start and end stamped in epoch ms) and its pid. */
    public record Result(List<Histogram> intervals, long pid) {
    }

    /** The iterations a pair runs, as the profile (and JMH's options) give them. */
    public record Iterations(int warmupIterations, long warmupMillis, int measurementIterations,
                             long measurementMillis) {
        long totalMillis() {
            return warmupIterations * warmupMillis + measurementIterations * measurementMillis;
        }
    }

    private NativePair() {
    }

    /**
     * Runs one pair for {@code mechanism} at {@code payloadBytes} and returns its measured iterations, or throws with
     * the reason (the pair's last log line and the log's path). The log ({@code logDir}) is deleted when empty.
     */
    public static Result run(Path binary, Mechanism mechanism, int payloadBytes, boolean verify, Placement placement,
                             WaitStrategy wait, Iterations iterations, Path logDir) throws IOException {
        MechanismLimits.require(mechanism, payloadBytes);
        Placement.Cpus cpus = placement.cpus();
        Apparatus apparatus = new Apparatus(ScratchDirectory.create());
        OpenSessions.add(apparatus);
        IOException failure = null;
        Result result = null;
        Path log = logDir.resolve("pair-" + mechanism.id() + "-" + payloadBytes + "B-" + placement.id() + "-"
                + wait.id() + "-" + apparatus.scratch.path().getFileName() + ".log");
        try {
            Trial trial = new Trial(mechanism.id(), Exchange.LATENCY, payloadBytes, Trial.batchMessagesFor(payloadBytes),
                    verify, ThreadLocalRandom.current().nextLong(), apparatus.scratch.path(), cpus.serverCpu(), wait);
            mechanism.createResources(trial);
            Files.createDirectories(logDir);
            result = runPair(binary, trial, cpus.clientCpu(), iterations, log, apparatus);
        } catch (IOException e) {
            failure = e;
        } finally {
            try {
                apparatus.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            OpenSessions.remove(apparatus);
        }
        if (failure != null) {
            throw failure;
        }
        if (Files.exists(log) && Files.size(log) == 0) {
            Files.delete(log);
        }
        return result;
    }

    /**
     * One pair's private directory, named objects and process: closed once, by the run or by the shutdown hook
     * ({@link OpenSessions}) when this JVM is stopped meanwhile, which kills the pair before removing its objects.
     */
    private static final class Apparatus implements AutoCloseable {
        final ScratchDirectory scratch;
        private Process pair;
        private boolean closed;

        Apparatus(ScratchDirectory scratch) {
            this.scratch = scratch;
        }

        /** Records the started pair; false when the apparatus was already closed (the pair is then killed). */
        synchronized boolean started(Process process) {
            pair = process;
            if (closed) {
                kill(process);
            }
            return !closed;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (pair != null && pair.isAlive()) {
                kill(pair);
            }
            EchoSession.removeObjects(scratch);
        }
    }

    private static Result runPair(Path binary, Trial trial, int clientCpu, Iterations iterations, Path log,
                                  Apparatus apparatus) throws IOException {
        Path samples = trial.file(SAMPLES_FILE);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "pair"));
        command.addAll(trial.toArgs());
        command.add("clientCpu=" + clientCpu);
        command.add("warmupIterations=" + iterations.warmupIterations());
        command.add("warmupMillis=" + iterations.warmupMillis());
        command.add("iterations=" + iterations.measurementIterations());
        command.add("iterationMillis=" + iterations.measurementMillis());
        command.add("samples=" + samples);
        Process pair = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!apparatus.started(pair)) {
            throw new IOException(trial.mechanismId() + " (native-native): stopped while the pair started");
        }
        // stdin stays open: its end-of-file (this JVM gone, or the close below) tells the pair its parent is gone
        try {
            long deadlineMs = iterations.totalMillis() + DEADLINE_MARGIN_MS;
            if (!pair.waitFor(deadlineMs, TimeUnit.MILLISECONDS)) {
                kill(pair);
                throw new IOException(trial.mechanismId() + " (native-native): the pair did not finish within "
                        + deadlineMs + " ms and was killed (log: " + log + ")");
            }
            if (pair.exitValue() != 0) {
                throw new IOException(trial.mechanismId() + " (native-native): the pair exited with code "
                        + pair.exitValue() + ": " + EchoServerProcess.lastLine(log) + " (log: " + log + ")");
            }
            List<Histogram> intervals = readSamples(samples, trial);
            if (intervals.size() != iterations.measurementIterations()) {
                throw new IOException(trial.mechanismId() + " (native-native): the samples file holds "
                        + intervals.size() + " iterations, not " + iterations.measurementIterations());
            }
            return new Result(intervals, pair.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(pair);
            throw new IOException("interrupted while the native pair measured", e);
        } finally {
            pair.getOutputStream().close();
        }
    }

    private static void kill(Process pair) {
        pair.destroyForcibly();
        try {
            pair.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The samples file (format in ipcpeer.h) as one histogram per measurement iteration, tagged with nothing. */
    public static List<Histogram> readSamples(Path file, Trial trial) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = new byte[SAMPLES_MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, SAMPLES_MAGIC)) {
                throw new IOException(file + ": not an ipcpeer samples file");
            }
            while (true) {
                long startMs;
                try {
                    startMs = Long.reverseBytes(in.readLong());
                } catch (EOFException end) {
                    break;
                }
                long endMs = Long.reverseBytes(in.readLong());
                long count = Long.reverseBytes(in.readLong());
                if (count < 0 || endMs < startMs) {
                    throw new IOException(file + ": a damaged iteration header (count " + count + ")");
                }
                Histogram interval = new Histogram(PRESIZED_MAX_NS, HistogramFiles.SIGNIFICANT_DIGITS);
                interval.setAutoResize(true);
                for (long i = 0; i < count; i++) {
                    long ns = Long.reverseBytes(in.readLong());
                    if (ns < 0) {
                        throw new IOException(file + ": a negative latency in iteration " + (intervals.size() + 1));
                    }
                    interval.recordValue(ns);
                }
                interval.setStartTimeStamp(startMs);
                interval.setEndTimeStamp(endMs);
                intervals.add(interval);
            }
        } catch (EOFException truncated) {
            throw new IOException(file + ": truncated (" + trial.mechanismId() + ", "
                    + trial.payloadBytes() + " B)", truncated);
        }
        return intervals;
    }
}
