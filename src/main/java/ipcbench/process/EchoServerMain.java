package ipcbench.process;

import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.PeerToken;
import ipcbench.registry.Mechanisms;
import ipcbench.mechanism.Trial;
import ipcbench.os.CpuAffinity;
import ipcbench.os.ScratchDirectory;
import ipcbench.os.TaskCounters;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The echo-server child's entry point. Opens the server end of the trial's mechanism, pins the echo thread
 * (this main thread), reports {@code READY <address>} on the control socket and serves until the client closes. A
 * trial of several clients (fan-in) opens one server end per client and serves each on a thread of its own; the
 * READY line then holds their addresses, tab-separated, in member order.
 *
 * <p>The child dies within a second of its parent, however the parent ended: a watcher thread blocks on the
 * control socket, whose end-of-file means the parent is gone or wants it gone, and another polls the parent pid
 * every 100 ms (in case the socket is somehow held open). Both halt the JVM: the child owns no resource, the
 * parent removes them.
 *
 * <p>The control watcher also answers the parent's cost query ({@code COST?}) with one line: the echo thread's and
 * this process's kernel counters ({@link TaskCounters}), read by the watcher from {@code /proc}, never by the echo
 * thread, so the hot loop is not disturbed.
 *
 * <p>Across a link ({@value #STDIO_CONTROL}) the control channel is this process's stdin and stdout, through the
 * launcher. On another host ({@value #OWN_DIRECTORY}) the child also makes its own private directory, removed when
 * it ends, halts included; a SIGKILLed child's is removed by the next child's sweep there.
 *
 * <p>Exit codes: 0 after a normal end, 1 when the server failed (the reason is on stderr, the log file),
 * 2 for bad arguments, 3 when the parent was gone.
 */
public final class EchoServerMain {
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_ARGS = 2;
    static final int EXIT_PARENT_GONE = 3;
    static final long PARENT_POLL_MS = 100;

    /** The echo thread's {@code /proc} task directory, set before {@code READY} is sent. */
    private static volatile Path echoTask;
    private static final TaskCounters.Process PROCESS = new TaskCounters.Process();
    /** The argument that puts the control channel on stdin and stdout: the child runs across a link. */
    static final String STDIO_CONTROL = "control=stdio";
    /** The argument that makes the child fan-out subscriber {@code I} of the trial's members: {@code subscriber=I}. */
    static final String SUBSCRIBER = "subscriber=";
    /** The argument that makes the child use a private directory of its own: it runs on another host. */
    static final String OWN_DIRECTORY = "dir=own";
    /** Where the parent's control lines arrive, and where this side's go. */
    private static ReadableByteChannel controlIn;
    private static WritableByteChannel controlOut;
    /** A child across a link makes its own private directory; null otherwise (the parent owns the trial's). */
    private static ScratchDirectory ownDirectory;

    private EchoServerMain() {
    }

    public static void main(String[] args) {
        PrintStream log = System.err;
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        // fd 1 may be the data pipe or the control channel: nothing but its owner may write to it
        System.setOut(log);
        List<String> trialArgs = new ArrayList<>(List.of(args));
        boolean overLink = trialArgs.remove(STDIO_CONTROL);
        boolean farHost = trialArgs.remove(OWN_DIRECTORY);
        int subscriber = -1;
        for (String arg : List.copyOf(trialArgs)) {
            if (arg.startsWith(SUBSCRIBER)) {
                trialArgs.remove(arg);
                subscriber = Integer.parseInt(arg.substring(SUBSCRIBER.length()));
            }
        }
        Trial trial;
        try {
            SerialFilter.install(SerialFilter.ECHO_CHILD);
            // the arguments name the control socket; the trial's token comes over it
            Trial untokened = Trial.fromArgs(trialArgs.toArray(String[]::new), PeerToken.random());
            if (subscriber >= 0) {
                untokened = untokened.member(subscriber);
            }
            if (farHost) {
                // the parent's directory is on its own host: this side makes its own, removed when this JVM ends;
                // a killed predecessor's is swept first, as a run does at its start
                LeftoverSweep.sweep();
                ownDirectory = ScratchDirectory.create();
                untokened = untokened.inDirectory(ownDirectory.path());
            }
            if (overLink) {
                controlIn = new FileInputStream(FileDescriptor.in).getChannel();
                controlOut = stdout.getChannel();
            } else {
                SocketChannel socket = SocketChannel.open(
                        UnixDomainSocketAddress.of(untokened.file(EchoServerProcess.CONTROL_SOCKET)));
                controlIn = socket;
                controlOut = socket;
            }
            PeerToken token = readToken(controlIn);
            trial = Trial.fromArgs(trialArgs.toArray(String[]::new), token).inDirectory(untokened.scratchDir())
                    .member(untokened.member());
        } catch (IOException | RuntimeException e) {
            log.println("echo server: " + e);
            removeOwnDirectory();
            System.exit(EXIT_BAD_ARGS);
            return;
        }
        watchParent();
        int exit = subscriber >= 0 ? subscribe(trial, log) : serve(trial, log);
        removeOwnDirectory();
        System.exit(exit);
    }

    /** The parent's first line on the control socket, {@code TOKEN <hex>}, read byte by byte (nothing after it). */
    private static PeerToken readToken(ReadableByteChannel control) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (true) {
            one.clear();
            if (control.read(one) < 0) {
                throw new IOException("the parent closed the control socket before sending the token");
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                break;
            }
            if (line.length() > 64) {
                throw new IOException("the parent's token line is too long");
            }
            line.append(c);
        }
        if (!line.toString().startsWith(EchoServerProcess.TOKEN)) {
            throw new IOException("the parent sent '" + line + "' instead of its token");
        }
        return PeerToken.parse(line.substring(EchoServerProcess.TOKEN.length()));
    }

    private static int serve(Trial trial, PrintStream log) {
        boolean ready = false;
        List<EchoServer> servers = new ArrayList<>();
        try {
            Mechanism mechanism = Mechanisms.require(trial.mechanismId());
            for (int member = 0; member < trial.members(); member++) {
                servers.add(mechanism.openServer(trial.member(member)));
            }
            if (trial.serverCpu() >= 0) {
                CpuAffinity.pinCurrentThread(trial.serverCpu());
            }
            echoTask = TaskCounters.currentTaskDir();
            send(EchoServerProcess.READY + String.join(EchoServerProcess.MEMBER_SEPARATOR,
                    servers.stream().map(EchoServer::address).toList()));
            ready = true;
            if (servers.size() == 1) {
                servers.get(0).serve();
                return 0;
            }
            List<EchoServer> members = List.copyOf(servers);
            // each member's thread closes its own end: a failed member's client sees it at once
            servers.clear();
            return serveMembers(trial, members, log);
        } catch (Throwable e) {
            return failed(trial, e, ready, log, "(" + trial.mechanismId() + ", " + trial.payloadBytes() + " B, "
                    + trial.mode() + ") failed");
        } finally {
            closeAll(servers, log);
        }
    }

    /**
     * A fan-out subscriber ({@link BroadcastFanOut}): opens its end, pinned like an echo thread, reports
     * {@code READY}, and acknowledges the publisher's messages until it closes.
     */
    private static int subscribe(Trial trial, PrintStream log) {
        boolean ready = false;
        try (EchoServer subscriber = ((BroadcastFanOut) Mechanisms.require(trial.mechanismId()))
                .openSubscriber(trial)) {
            if (trial.serverCpu() >= 0) {
                CpuAffinity.pinCurrentThread(trial.serverCpu());
            }
            echoTask = TaskCounters.currentTaskDir();
            send(EchoServerProcess.READY);
            ready = true;
            subscriber.serve();
            return 0;
        } catch (Throwable e) {
            return failed(trial, e, ready, log, "(" + trial.mechanismId() + ", " + trial.payloadBytes()
                    + " B): subscriber " + trial.member() + " failed");
        }
    }

    /**
     * Reports a failure: as {@code FAILED} on the control channel when the parent still waits for readiness, then
     * the stack trace and one last line, {@code echo server WHAT: <exception>}, which the parent quotes.
     */
    private static int failed(Trial trial, Throwable e, boolean ready, PrintStream log, String what) {
        if (!ready) {
            try {
                send(EchoServerProcess.FAILED + String.valueOf(e.getMessage()).replace('\n', ' '));
            } catch (IOException parentGone) {
                log.println("echo server: cannot report the failure: " + parentGone);
            }
        }
        e.printStackTrace(log);
        log.println("echo server " + what + ": " + e);
        return EXIT_FAILED;
    }

    /**
     * Fan-in: each client's server end served by a thread of its own, pinned like a pair's echo thread, until every
     * client has closed its end. One member's failure is logged with its index and fails the child; its end is closed
     * at once, so its client's next call fails, while the others go on.
     */
    private static int serveMembers(Trial trial, List<EchoServer> servers, PrintStream log)
            throws InterruptedException {
        AtomicInteger exit = new AtomicInteger(0);
        List<Thread> threads = new ArrayList<>();
        for (int member = 0; member < servers.size(); member++) {
            EchoServer server = servers.get(member);
            int index = member;
            Thread thread = new Thread(() -> {
                try {
                    if (trial.serverCpu() >= 0) {
                        CpuAffinity.pinCurrentThread(trial.serverCpu());
                    }
                    server.serve();
                } catch (Throwable e) {
                    synchronized (log) {
                        e.printStackTrace(log);
                        log.println("echo server (" + trial.mechanismId() + ", " + trial.payloadBytes() + " B, "
                                + trial.mode() + "): client " + index + "'s server end failed: " + e);
                    }
                    exit.set(EXIT_FAILED);
                } finally {
                    closeAll(List.of(server), log);
                }
            }, "echo-member-" + member);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return exit.get();
    }

    private static void closeAll(List<EchoServer> servers, PrintStream log) {
        for (EchoServer server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                log.println("echo server: cannot close a server end: " + e);
            }
        }
    }

    private static synchronized void send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            controlOut.write(bytes);
        }
    }

    private static void watchParent() {
        Thread onEof = new Thread(() -> {
            ByteBuffer lines = ByteBuffer.allocate(256);
            try {
                while (controlIn.read(lines) >= 0) {
                    answerQueries(lines);
                }
            } catch (IOException closed) {
                // same as end-of-file
            }
            halt("the parent closed the control socket");
        }, "parent-eof-watch");
        onEof.setDaemon(true);
        onEof.start();
        DeathWatch.whenGone(ProcessHandle.current().parent(), PARENT_POLL_MS, "parent-pid-watch",
                () -> halt("the parent process is gone"));
    }

    /** Answers every complete line in {@code lines} (a cost query; anything else is ignored) and keeps the rest. */
    private static void answerQueries(ByteBuffer lines) throws IOException {
        int start = 0;
        for (int i = 0; i < lines.position(); i++) {
            if (lines.get(i) == '\n') {
                String line = new String(lines.array(), start, i - start, StandardCharsets.US_ASCII);
                if (line.equals(EchoServerProcess.COST_QUERY)) {
                    String reply;
                    try {
                        reply = EchoServerProcess.COST_REPLY + costLine();
                    } catch (IOException | RuntimeException unreadable) {
                        reply = "unreadable counters: " + unreadable;
                    }
                    send(reply.replace('\n', ' '));
                }
                start = i + 1;
            }
        }
        lines.flip().position(start);
        lines.compact();
        if (!lines.hasRemaining()) {
            lines.clear();
        }
    }

    private static String costLine() throws IOException {
        Path task = echoTask;
        TaskCounters process = PROCESS.sample();
        TaskCounters thread = task == null ? TaskCounters.ZERO : TaskCounters.read(task);
        return thread.toLine() + " " + process.toLine();
    }

    /** Removes the directory a child across a link made for itself, if any; a failure is only logged. */
    private static synchronized void removeOwnDirectory() {
        if (ownDirectory == null) {
            return;
        }
        try {
            ownDirectory.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("echo server: cannot remove " + ownDirectory.path() + ": " + e);
        }
    }

    private static void halt(String why) {
        System.err.println("echo server: " + why + "; exiting");
        System.err.flush();
        removeOwnDirectory();
        Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }
}
