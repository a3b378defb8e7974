package ipcbench.process;

import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.PeerToken;
import ipcbench.mechanism.Trial;
import ipcbench.os.Placement;
import ipcbench.os.ScratchDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One fan-out trial of a mechanism with a fan-out of its own ({@link BroadcastFanOut}): one private directory, one
 * set of shared objects and what the parent keeps running for them, one echo child per subscriber (each told
 * {@code subscriber=I}, pinned where the placement puts the server), and the publisher. {@link #close()} ends the
 * publisher, so every subscriber returns, stops and reaps each child, names a subscriber that failed, then closes
 * what ran for them and removes every object and the directory; so do a JVM shutdown and the death of the owning
 * run ({@link OpenSessions}).
 */
final class BroadcastSession implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Mechanism mechanism;
    private final Trial trial;
    private final ScratchDirectory scratch;
    private final Placement.Cpus cpus;
    private final List<EchoServerProcess> children = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();
    /** What the parent keeps running for the subscribers (a media driver), closed after they end; or null. */
    private Closeable shared;
    private EchoClient publisher;
    private boolean closed;

    private BroadcastSession(Mechanism mechanism, Trial trial, ScratchDirectory scratch, Placement.Cpus cpus) {
        this.mechanism = mechanism;
        this.trial = trial;
        this.scratch = scratch;
        this.cpus = cpus;
    }

    /** Creates the shared objects, starts {@code count} subscribers and connects the publisher to them. */
    static BroadcastSession open(SessionSpec spec, int count, Path logDir) throws IOException {
        Mechanism mechanism = spec.mechanism();
        if (!mechanism.waits().contains(spec.waitStrategy())) {
            throw new IllegalArgumentException(mechanism.id() + " cannot " + spec.waitStrategy().id());
        }
        Placement.Cpus cpus = spec.placement().cpus();
        ScratchDirectory scratch = ScratchDirectory.create();
        Trial trial = new Trial(mechanism.id(), spec.exchange(), spec.payloadBytes(), 1, spec.verify(),
                ThreadLocalRandom.current().nextLong(), scratch.path(), cpus.serverCpu(), spec.waitStrategy(),
                PeerToken.random(), spec.io(), spec.link().address()).servingClients(count);
        BroadcastSession session = new BroadcastSession(mechanism, trial, scratch, cpus);
        OpenSessions.add(session);
        try {
            session.shared = ((BroadcastFanOut) mechanism).createFanOutResources(trial);
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path logFile = logDir.resolve("echo-" + mechanism.id() + "-" + spec.payloadBytes() + "B-fanout"
                        + count + "-subscriber" + i + "-" + scratch.path().getFileName() + ".log");
                EchoServerProcess child = EchoServerProcess.start(mechanism, trial.member(i),
                        List.of(EchoServerMain.SUBSCRIBER + i), logFile, READY_TIMEOUT);
                session.children.add(child);
                processes.add(child.process());
            }
            session.publisher = ((BroadcastFanOut) mechanism).connectPublisher(trial, processes);
            return session;
        } catch (IOException | RuntimeException e) {
            EchoSession.closeAfter(session, e);
            throw e;
        }
    }

    EchoClient publisher() {
        return publisher;
    }

    Trial trial() {
        return trial;
    }

    int clientCpu() {
        return cpus.clientCpu();
    }

    /** Subscriber {@code index}'s child, while it runs (tests kill it). */
    Process process(int index) {
        return children.get(index).process();
    }

    /** Subscriber {@code index}'s exit code once {@link #close()} has stopped it (-1: it had to be killed). */
    int exitCode(int index) {
        return exitCodes.get(index);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
        for (int i = 0; i < children.size(); i++) {
            EchoServerProcess child = children.get(i);
            try {
                int exitCode = child.stop();
                exitCodes.add(exitCode);
                IOException exited = child.exitFailure(exitCode, "subscriber " + i + ": the echo child");
                if (exited != null) {
                    failure = EchoSession.chain(failure, exited);
                }
            } catch (IOException e) {
                exitCodes.add(-1);
                failure = EchoSession.chain(failure, e);
            }
        }
        children.clear();
        if (shared != null) {
            try {
                shared.close();
            } catch (IOException e) {
                failure = EchoSession.chain(failure, e);
            }
            shared = null;
        }
        try {
            EchoSession.removeObjects(scratch);
        } catch (IOException e) {
            failure = EchoSession.chain(failure, e);
        }
        OpenSessions.remove(this);
        if (failure != null) {
            throw failure;
        }
    }
}
