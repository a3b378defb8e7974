package ipcbench.process;

import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.PeerToken;
import ipcbench.registry.Mechanisms;
import ipcbench.mechanism.Trial;
import ipcbench.os.CpuAffinity;
import ipcbench.os.TaskCounters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The echo-server child's entry point. Opens the server end of the trial's mechanism, pins the echo thread
 * (this main thread), reports {@code READY <address>} on the control socket and serves until the client closes.
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

    private EchoServerMain() {
    }

    public static void main(String[] args) {
        PrintStream log = System.err;
        // fd 1 may be the data pipe: nothing but the mechanism may write to it
        System.setOut(log);
        Trial trial;
        SocketChannel control;
        try {
            SerialFilter.install(SerialFilter.ECHO_CHILD);
            // the arguments name the control socket; the trial's token comes over it
            Trial untokened = Trial.fromArgs(args, PeerToken.random());
            control = SocketChannel.open(UnixDomainSocketAddress.of(untokened.file(EchoServerProcess.CONTROL_SOCKET)));
            trial = Trial.fromArgs(args, readToken(control));
        } catch (IOException | RuntimeException e) {
            log.println("echo server: " + e);
            System.exit(EXIT_BAD_ARGS);
            return;
        }
        watchParent(control);
        System.exit(serve(trial, control, log));
    }

    /** The parent's first line on the control socket, {@code TOKEN <hex>}, read byte by byte (nothing after it). */
    private static PeerToken readToken(SocketChannel control) throws IOException {
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

    private static int serve(Trial trial, SocketChannel control, PrintStream log) {
        boolean ready = false;
        try (EchoServer server = Mechanisms.require(trial.mechanismId()).openServer(trial)) {
            if (trial.serverCpu() >= 0) {
                CpuAffinity.pinCurrentThread(trial.serverCpu());
            }
            echoTask = TaskCounters.currentTaskDir();
            send(control, EchoServerProcess.READY + server.address());
            ready = true;
            server.serve();
            return 0;
        } catch (Throwable e) {
            if (!ready) {
                try {
                    send(control, EchoServerProcess.FAILED + String.valueOf(e.getMessage()).replace('\n', ' '));
                } catch (IOException parentGone) {
                    log.println("echo server: cannot report the failure: " + parentGone);
                }
            }
            log.println("echo server (" + trial.mechanismId() + ", " + trial.payloadBytes() + " B, " + trial.mode()
                    + ") failed:");
            e.printStackTrace(log);
            return EXIT_FAILED;
        }
    }

    private static synchronized void send(SocketChannel control, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            control.write(bytes);
        }
    }

    private static void watchParent(SocketChannel control) {
        Thread onEof = new Thread(() -> {
            ByteBuffer lines = ByteBuffer.allocate(256);
            try {
                while (control.read(lines) >= 0) {
                    answerQueries(control, lines);
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
    private static void answerQueries(SocketChannel control, ByteBuffer lines) throws IOException {
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
                    send(control, reply.replace('\n', ' '));
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

    private static void halt(String why) {
        System.err.println("echo server: " + why + "; exiting");
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }
}
