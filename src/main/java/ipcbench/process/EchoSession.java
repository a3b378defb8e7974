package ipcbench.process;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.MechanismLimits;
import ipcbench.mechanism.PeerToken;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.os.ScratchDirectory;
import ipcbench.os.TaskCounters;
import ipcbench.registry.Mechanisms;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One trial's whole apparatus, as the benchmarks and the tests use it: a private directory, the mechanism's named
 * objects, an echo-server child pinned as the placement says, and a connected client. {@link #close()} takes it
 * all down in reverse order and leaves nothing behind; so do a JVM shutdown and the death of the owning run
 * ({@link OpenSessions}).
 */
public final class EchoSession implements AutoCloseable {
    /** The pid of the run that owns this JVM; when it dies, open sessions are closed and this JVM halts. */
    public static final String OWNER_PID_PROPERTY = "ipcbench.ownerPid";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Mechanism mechanism;
    private final Trial trial;
    private final ScratchDirectory scratch;
    private final Placement.Cpus cpus;
    private final TaskCounters.Process clientProcess = new TaskCounters.Process();
    private EchoServerProcess server;
    /** One client per member, in member order; empty until connected and after close. */
    private final List<EchoClient> clients = new ArrayList<>();
    private int serverExitCode = Integer.MIN_VALUE;

    private EchoSession(Mechanism mechanism, Trial trial, ScratchDirectory scratch, Placement.Cpus cpus) {
        this.mechanism = mechanism;
        this.trial = trial;
        this.scratch = scratch;
        this.cpus = cpus;
    }

    /**
     * Starts the child and connects. {@code logDir} receives the child's log, named after the trial; an empty log
     * is deleted at close. The echo server is in C when the spec's peers say so ({@link Peers#JVM_NATIVE}: the
     * native peer's {@code serve}); the client here is always Java, so {@link Peers#NATIVE_NATIVE} is refused. Across a
     * launched link ({@link Link}) the child runs over there, for the mechanisms that cross hosts, with a Java server.
     */
    public static EchoSession open(SessionSpec spec, Path logDir) throws IOException {
        Mechanism mechanism = spec.mechanism();
        Exchange mode = spec.exchange();
        int payloadBytes = spec.payloadBytes();
        Placement placement = spec.placement();
        WaitStrategy wait = spec.waitStrategy();
        Peers peers = spec.peers();
        if (peers.nativeClient()) {
            throw new IllegalArgumentException("an echo session's client is Java; " + peers.id()
                    + " runs through the native peer's pair command");
        }
        Path nativeServer = null;
        if (peers.nativeServer()) {
            NativePeer peer = NativePeer.here();
            Availability availability = peer.availability(mechanism.id());
            if (!availability.available()) {
                throw new IOException(mechanism.id() + " (" + peers.id() + "): " + availability.reason());
            }
            nativeServer = peer.binary();
        }
        Link link = spec.link();
        if (link.launched() && mechanism.whyHostLocal() != null) {
            throw new IllegalArgumentException(mechanism.id() + " cannot cross to " + link.id() + ": "
                    + mechanism.whyHostLocal());
        }
        if (link.launched() && nativeServer != null) {
            throw new IllegalArgumentException("the C echo server runs on this host only; " + link.id()
                    + " takes jvm-jvm");
        }
        if (spec.clients() > 1 && mechanism.whyNoFanIn() != null) {
            throw new IllegalArgumentException(mechanism.id() + " cannot serve several clients: "
                    + mechanism.whyNoFanIn());
        }
        if (spec.clients() > 1 && nativeServer != null) {
            throw new IllegalArgumentException("the C echo server serves one client; fan-in takes jvm-jvm");
        }
        MechanismLimits.require(mechanism, payloadBytes);
        if (!mechanism.ios().contains(spec.io())) {
            throw new IllegalArgumentException(mechanism.id() + " has no " + spec.io().id() + " path; it offers "
                    + Io.ids(mechanism.ios()));
        }
        if (!mechanism.waits().contains(wait)) {
            throw new IllegalArgumentException(mechanism.id() + " cannot " + wait.id() + "; it offers "
                    + WaitStrategy.ids(mechanism.waits()));
        }
        Placement.Cpus cpus = placement.cpus();
        ScratchDirectory scratch = ScratchDirectory.create();
        Trial trial = new Trial(mechanism.id(), mode, payloadBytes, Trial.batchMessagesFor(payloadBytes), spec.verify(),
                ThreadLocalRandom.current().nextLong(), scratch.path(), cpus.serverCpu(), wait, PeerToken.random(), spec.io(),
                link.address()).servingClients(spec.clients());
        EchoSession session = new EchoSession(mechanism, trial, scratch, cpus);
        OpenSessions.add(session);
        try {
            for (int member = 0; member < trial.members(); member++) {
                mechanism.createResources(trial.member(member));
            }
            Path logFile = logDir.resolve("echo-" + mechanism.id() + "-" + payloadBytes + "B-"
                    + mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + placement.id() + "-" + wait.id() + "-"
                    + (spec.io() == Io.JDK ? "" : spec.io().id() + "-")
                    + (link.launched() ? link.id() + "-" : "")
                    + (trial.members() > 1 ? "fanin" + trial.members() + "-" : "")
                    + (nativeServer == null ? "" : peers.id() + "-") + scratch.path().getFileName() + ".log");
            session.server = link.launched()
                    ? EchoServerProcess.startLaunched(link, mechanism, trial, logFile, READY_TIMEOUT)
                    : nativeServer == null
                    ? EchoServerProcess.start(mechanism, trial, logFile, READY_TIMEOUT)
                    : EchoServerProcess.startNative(nativeServer, mechanism, trial.withIo(Io.JDK), logFile, READY_TIMEOUT);
            String[] addresses = session.server.address().split(EchoServerProcess.MEMBER_SEPARATOR, -1);
            if (addresses.length != trial.members()) {
                throw new IOException(mechanism.id() + ": the echo child reported " + addresses.length
                        + " addresses for " + trial.members() + " clients");
            }
            for (int member = 0; member < trial.members(); member++) {
                session.clients.add(mechanism.connect(trial.member(member), addresses[member],
                        session.server.process()));
            }
            return session;
        } catch (IOException | RuntimeException e) {
            closeAfter(session, e);
            throw e;
        }
    }

    /** The client of a pair; member 0's when the child serves several. */
    public EchoClient client() {
        return clients.get(0);
    }

    /** Client {@code member}'s end, 0 .. {@link #clientCount()} - 1. */
    public EchoClient client(int member) {
        return clients.get(member);
    }

    /** How many clients the echo child serves. */
    public int clientCount() {
        return trial.members();
    }

    public Trial trial() {
        return trial;
    }

    /** The CPU the measuring thread should be pinned to, or -1. */
    public int clientCpu() {
        return cpus.clientCpu();
    }

    /**
     * Both ends' kernel counters, for the start of a measured window: call it on the measuring thread, at an
     * iteration boundary (it reads {@code /proc} and queries the child: never in the hot loop). The calling thread's
     * own counters are read last, so the sampling's work falls outside its window.
     */
    public CostSample costAtStart() throws IOException {
        TaskCounters[] serverSide = server.queryCost();
        TaskCounters process = clientProcess.sample();
        return new CostSample(TaskCounters.currentThread(), process, serverSide[0], serverSide[1]);
    }

    /** As {@link #costAtStart}, for the end of the window: the calling thread's counters are read first. */
    public CostSample costAtEnd() throws IOException {
        TaskCounters thread = TaskCounters.currentThread();
        TaskCounters process = clientProcess.sample();
        TaskCounters[] serverSide = server.queryCost();
        return new CostSample(thread, process, serverSide[0], serverSide[1]);
    }

    /** The echo server's exit code once {@link #close()} has stopped it (-1: it had to be killed). */
    public int serverExitCode() {
        if (serverExitCode == Integer.MIN_VALUE) {
            throw new IllegalStateException("the echo server has not been stopped yet");
        }
        return serverExitCode;
    }

    /** The child, while it runs (tests kill it to check the failure paths). */
    public Process serverProcess() {
        return server.process();
    }

    /**
     * Closes the client, stops and reaps the child, removes every named object in the ledger and the directory.
     * Throws when the child had failed on its own (for example a verify mismatch), naming its log.
     */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        for (EchoClient client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                failure = chain(failure, e);
            }
        }
        clients.clear();
        if (server != null) {
            try {
                int exitCode = server.stop();
                serverExitCode = exitCode;
                IOException exited = server.exitFailure(exitCode, mechanism.id() + ": the echo server");
                if (exited != null) {
                    failure = chain(failure, exited);
                }
            } catch (IOException e) {
                failure = chain(failure, e);
            }
            server = null;
        }
        try {
            removeObjects(scratch);
        } catch (IOException e) {
            failure = chain(failure, e);
        }
        OpenSessions.remove(this);
        if (failure != null) {
            throw failure;
        }
    }

    /** Removes every named object the trial's ledger records, then its private directory. */
    static void removeObjects(ScratchDirectory scratch) throws IOException {
        for (String[] entry : scratch.ledger()) {
            Mechanisms.require(entry[0]).removeResource(entry[1]);
        }
        scratch.close();
    }

    /** Closes what a failed open made so far; a failure of the close is suppressed in {@code failure}. */
    static void closeAfter(AutoCloseable opened, Exception failure) {
        try {
            opened.close();
        } catch (Exception cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** {@code first} with {@code next} suppressed in it, or {@code next} when there is no first failure. */
    static IOException chain(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
