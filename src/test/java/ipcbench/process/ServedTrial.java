package ipcbench.process;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.ScratchDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A started echo child (Java or the native peer) whose client is not yet connected, so a test can let a stranger
 * reach the server first; {@link #close()} stops it and removes the trial's objects. Returns the child's exit code
 * through {@link #stop()}.
 */
public final class ServedTrial implements AutoCloseable {
    private final Mechanism mechanism;
    private final Trial trial;
    private final ScratchDirectory scratch;
    private final EchoServerProcess server;
    private boolean stopped;

    private ServedTrial(Mechanism mechanism, Trial trial, ScratchDirectory scratch, EchoServerProcess server) {
        this.mechanism = mechanism;
        this.trial = trial;
        this.scratch = scratch;
        this.server = server;
    }

    /** Starts the child for a verifying {@code mode} trial of {@code payloadBytes}; {@code nativeServer}: ipcpeer. */
    public static ServedTrial start(Mechanism mechanism, Exchange mode, int payloadBytes, boolean nativeServer,
                                    Path logDir) throws IOException {
        ScratchDirectory scratch = ScratchDirectory.create();
        Trial trial = new Trial(mechanism.id(), mode, payloadBytes, Trial.batchMessagesFor(payloadBytes), true, 42L,
                scratch.path(), -1, WaitStrategy.BLOCK);
        try {
            mechanism.createResources(trial);
            Path log = logDir.resolve("echo-" + mechanism.id() + (nativeServer ? "-native" : "") + ".log");
            EchoServerProcess server = nativeServer
                    ? EchoServerProcess.startNative(NativePeer.here().binary(), mechanism, trial, log,
                    Duration.ofSeconds(60))
                    : EchoServerProcess.start(mechanism, trial, log, Duration.ofSeconds(60));
            return new ServedTrial(mechanism, trial, scratch, server);
        } catch (IOException | RuntimeException e) {
            EchoSession.removeObjects(scratch);
            throw e;
        }
    }

    public Trial trial() {
        return trial;
    }

    /** What the child reported: a port, a path, a stub. */
    public String address() {
        return server.address();
    }

    public Process process() {
        return server.process();
    }

    /** The child's log, where it names the strangers it dropped. */
    public Path logFile() {
        return server.logFile();
    }

    /** The real client, connected as the benchmarks connect it. */
    public EchoClient connect() throws IOException {
        return mechanism.connect(trial, server.address(), server.process());
    }

    /** Stops the child (after the client closed) and returns its exit code (-1: it had to be killed). */
    public int stop() throws IOException {
        stopped = true;
        return server.stop();
    }

    @Override
    public void close() throws IOException {
        try {
            if (!stopped) {
                server.stop();
            }
        } finally {
            EchoSession.removeObjects(scratch);
        }
    }
}
