package ipcbench.process;

import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.PlantedStall;
import ipcbench.mechanism.Trial;
import ipcbench.os.TaskCounters;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The parent's handle on one echo-server child: a second JVM with the same java binary and class path (or the native
 * peer's {@code serve}, see {@link NativePeer}), started for one trial, ready when it says so on a control socket, stopped and reaped on {@link #close()}.
 *
 * <p>The control socket ({@code control.sock} in the trial's private directory, reachable only by this user) carries,
 * first, the parent's {@code TOKEN <hex>} line (the trial's {@link ipcbench.mechanism.PeerToken}, kept off the
 * command line that other users can read), then the child's readiness line, and the cost queries; the child takes
 * its end-of-file as its parent's death (see {@link EchoServerMain}), which covers a SIGKILLed parent because the
 * kernel closes a dead process's sockets. Data never travels on it, and the child's stderr (and stdout, unless the
 * mechanism uses stdio) goes to a log file that every error message names.
 * Every wait has a deadline.
 *
 * <p>A child across a link ({@link #startLaunched}) runs through its launcher (ssh, nsenter) and speaks the same lines
 * on the launcher's stdin and stdout ({@link ControlLine}): the end of its stdin is its parent's death, which a
 * killed parent, a killed launcher or a dropped ssh connection all cause.
 */
public final class EchoServerProcess implements AutoCloseable {
    static final String CONTROL_SOCKET = "control.sock";
    static final String TOKEN = "TOKEN ";
    static final String READY = "READY ";
    static final String FAILED = "FAILED ";
    /** Between the members' addresses on a fan-in child's READY line. */
    static final String MEMBER_SEPARATOR = "\t";
    static final String COST_QUERY = "COST?";
    static final String COST_REPLY = "COST ";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final long QUERY_POLL_NS = 50_000;

    private static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    /** Begins every failure, as the row's reason: the mechanism's id. */
    private final String mechanismId;
    private final Process process;
    private final ControlLine control;
    private final String address;
    private final Path logFile;

    private EchoServerProcess(String mechanismId, Process process, ControlLine control, String address,
                              Path logFile) {
        this.mechanismId = mechanismId;
        this.process = process;
        this.control = control;
        this.address = address;
        this.logFile = logFile;
    }

    /** Starts the child for {@code trial} and waits until it reports its address, or fails with its reason. */
    public static EchoServerProcess start(Mechanism mechanism, Trial trial, Path logFile, Duration readyTimeout)
            throws IOException {
        return start(mechanism, trial, List.of(), logFile, readyTimeout);
    }

    /**
     * As {@link #start(Mechanism, Trial, Path, Duration)}, the child told more than the trial: {@code roleArgs} such
     * as a fan-out subscriber's {@code subscriber=I} ({@link EchoServerMain}).
     */
    static EchoServerProcess start(Mechanism mechanism, Trial trial, List<String> roleArgs, Path logFile,
                                   Duration readyTimeout) throws IOException {
        List<String> command = JvmFlags.childCommand(EchoServerMain.class.getName());
        String stall = System.getProperty(PlantedStall.PROPERTY);
        if (stall != null) {
            // test-only (see PlantedStall): before the main class, where JVM options go
            command.add(command.size() - 1, "-D" + PlantedStall.PROPERTY + "=" + stall);
        }
        command.addAll(trial.toArgs());
        command.addAll(roleArgs);
        return start(command, mechanism, trial, logFile, readyTimeout);
    }

    /**
     * As {@link #start(Mechanism, Trial, Path, Duration)}, with the native peer's {@code serve} command as the child
     * instead of a JVM: same arguments, control socket, log file and stopping.
     */
    public static EchoServerProcess startNative(Path nativePeer, Mechanism mechanism, Trial trial, Path logFile,
                                                Duration readyTimeout) throws IOException {
        List<String> command = new ArrayList<>(List.of(nativePeer.toString(), "serve"));
        command.addAll(trial.toArgs());
        return start(command, mechanism, trial, logFile, readyTimeout);
    }

    /**
     * As {@link #start(Mechanism, Trial, Path, Duration)}, on the far side of {@code link}: the child JVM's command
     * runs through the link's launcher ({@link Link#command}), and its control lines travel on the launcher's stdin
     * and stdout; its stderr (and the launcher's own complaints) go to the log file.
     */
    public static EchoServerProcess startLaunched(Link link, Mechanism mechanism, Trial trial, Path logFile,
                                                  Duration readyTimeout) throws IOException {
        List<String> local = JvmFlags.childCommand(EchoServerMain.class.getName());
        local.addAll(trial.toArgs());
        local.add(EchoServerMain.STDIO_CONTROL);
        if (link.java() != null) {
            local.add(EchoServerMain.OWN_DIRECTORY);
        }
        long deadlineNs = System.nanoTime() + readyTimeout.toNanos();
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(link.command(local))
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ControlLine control = new ControlLine.Stdio(process);
        return handshake(process, control, trial, deadlineNs, mechanism, logFile);
    }

    private static EchoServerProcess start(List<String> command, Mechanism mechanism, Trial trial, Path logFile,
                                           Duration readyTimeout) throws IOException {
        long deadlineNs = System.nanoTime() + readyTimeout.toNanos();
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (!mechanism.usesChildStdio()) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        }
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(trial.file(CONTROL_SOCKET)), 1);
            listener.configureBlocking(false);
            Process process = builder.start();
            ControlLine control;
            try {
                control = new ControlLine.Socket(awaitControl(listener, process, deadlineNs, mechanism, logFile));
            } catch (IOException | RuntimeException e) {
                kill(process);
                throw e;
            }
            return handshake(process, control, trial, deadlineNs, mechanism, logFile);
        } finally {
            Files.deleteIfExists(trial.file(CONTROL_SOCKET));
        }
    }

    /** Sends the token and waits for the child's readiness line; on any failure the child is killed. */
    private static EchoServerProcess handshake(Process process, ControlLine control, Trial trial, long deadlineNs,
                                               Mechanism mechanism, Path logFile) throws IOException {
        try {
            control.send(TOKEN + trial.token().hex());
            String line = readLine(control, process, deadlineNs, mechanism, logFile);
            if (line.startsWith(FAILED)) {
                throw new IOException(mechanism.id() + ": the echo server could not start: "
                        + line.substring(FAILED.length()) + " (log: " + logFile + ")");
            }
            if (!line.startsWith(READY)) {
                throw new IOException(mechanism.id() + ": the echo server sent '" + line + "' instead of "
                        + READY.trim() + " (log: " + logFile + ")");
            }
            return new EchoServerProcess(mechanism.id(), process, control, line.substring(READY.length()), logFile);
        } catch (IOException | RuntimeException e) {
            control.close();
            kill(process);
            throw e;
        }
    }

    private static SocketChannel awaitControl(ServerSocketChannel listener, Process process, long deadlineNs,
                                              Mechanism mechanism, Path logFile) throws IOException {
        while (true) {
            SocketChannel control = listener.accept();
            if (control != null) {
                return control;
            }
            checkAlive(process, deadlineNs, mechanism, logFile);
            pause();
        }
    }

    private static String readLine(ControlLine control, Process process, long deadlineNs, Mechanism mechanism,
                                   Path logFile) throws IOException {
        ByteBuffer line = ByteBuffer.allocate(4096);
        while (true) {
            if (control.readNow(line) < 0) {
                checkAlive(process, deadlineNs, mechanism, logFile);
                throw new IOException(mechanism.id() + ": the echo server closed its control channel before it was "
                        + "ready (log: " + logFile + ")");
            }
            String complete = ControlLine.firstLine(line);
            if (complete != null) {
                return complete;
            }
            if (!line.hasRemaining()) {
                throw new IOException(mechanism.id() + ": the echo server's readiness line is too long");
            }
            checkAlive(process, deadlineNs, mechanism, logFile);
            pause();
        }
    }

    private static void checkAlive(Process process, long deadlineNs, Mechanism mechanism, Path logFile)
            throws IOException {
        if (!process.isAlive()) {
            throw new IOException(mechanism.id() + ": the echo server exited with code " + process.exitValue()
                    + " before it was ready: " + lastLine(logFile) + " (log: " + logFile + ")");
        }
        if (System.nanoTime() - deadlineNs > 0) {
            throw new IOException(mechanism.id() + ": the echo server was not ready in time (log: " + logFile + ")");
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the echo server", e);
        }
    }

    /** The last non-blank line of the child's log, the usual place of its error. */
    static String lastLine(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException unreadable) {
            // the path is in the message anyway
        }
        return "(no output)";
    }

    /**
     * Asks the child for its echo thread's and its process's kernel counters: one line out, one line of twelve
     * numbers back (thread then process, see {@link TaskCounters#toLine}), within five seconds.
     */
    public synchronized TaskCounters[] queryCost() throws IOException {
        control.send(COST_QUERY);
        long deadlineNs = System.nanoTime() + QUERY_TIMEOUT.toNanos();
        ByteBuffer line = ByteBuffer.allocate(512);
        while (true) {
            if (control.readNow(line) < 0) {
                throw new IOException(mechanismId + ": the echo server closed its control channel (log: " + logFile
                        + ")");
            }
            String reply = ControlLine.firstLine(line);
            if (reply != null) {
                if (!reply.startsWith(COST_REPLY)) {
                    throw new IOException(mechanismId + ": the echo server answered '" + reply + "' to " + COST_QUERY);
                }
                String[] numbers = reply.substring(COST_REPLY.length()).trim().split(" ");
                return new TaskCounters[] {TaskCounters.parse(numbers, 0), TaskCounters.parse(numbers, 6)};
            }
            if (!line.hasRemaining() || System.nanoTime() - deadlineNs > 0) {
                throw new IOException(mechanismId + ": the echo server did not answer " + COST_QUERY + " (log: "
                        + logFile + ")");
            }
            LockSupport.parkNanos(QUERY_POLL_NS);
        }
    }

    /** What the child reported: a port, a path, or empty. */
    public String address() {
        return address;
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the child: after the client has closed its end the child ends its loop and exits by itself; if it
     * has not within two seconds, closing the control socket tells it to halt, then SIGTERM, then SIGKILL.
     * Returns the exit code, or -1 when it had to be killed.
     */
    public int stop() throws IOException {
        try {
            if (process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            control.close();
            if (process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return -1;
            }
            kill(process);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new IOException("interrupted while stopping the echo server", e);
        } finally {
            control.close();
            closeStreams(process);
        }
    }

    /**
     * What the exit code {@link #stop()} returned says: null when the child ended well (its log, when empty, is then
     * deleted), else a failure, {@code "<who> exited with code N: <its log's last line> (log: …)"}.
     */
    IOException exitFailure(int exitCode, String who) throws IOException {
        if (exitCode > 0) {
            return new IOException(who + " exited with code " + exitCode + ": " + lastLine(logFile) + " (log: "
                    + logFile + ")");
        }
        if (Files.exists(logFile) && Files.size(logFile) == 0) {
            Files.delete(logFile);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static void kill(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        closeStreams(process);
    }

    private static void closeStreams(Process process) {
        try {
            process.getOutputStream().close();
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // a pipe that fails to close is already gone
        }
    }
}
