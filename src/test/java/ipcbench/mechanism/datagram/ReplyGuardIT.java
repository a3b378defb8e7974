package ipcbench.mechanism.datagram;

import ipcbench.Await;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message transport has no end-of-file: these check that a client waiting for a reply that cannot come fails
 * with the reason instead of hanging. The preemptive timeouts only catch a hang; no timing is asserted. The cases run
 * two at a time: each owns its child, and none measures time.
 */
class ReplyGuardIT {
    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path logs;

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} {1} io {2}: a client streaming to a killed echo server fails, naming the exit")
    @CsvSource({"udp,BLOCK,JDK", "uds-dgram,BLOCK,JDK", "posix-mq,BLOCK,JDK", "sysv-mq,BLOCK,JDK",
            "udp,SPIN,JDK", "uds-dgram,SPIN,JDK", "posix-mq,SPIN,JDK", "sysv-mq,SPIN,JDK", "udp,BLOCK,DIRECT",
            "udp,SPIN,DIRECT"})
    void deadServerEndsTheBatchWithAnError(String id, WaitStrategy wait, Io io) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.THROUGHPUT, 64).waiting(wait)
                .through(io), logs);
        try {
            ByteBuffer request = Payload.allocate(64, session.trial().seed());
            session.client().stream(request, session.trial().batchMessages());
            session.serverProcess().destroyForcibly().waitFor();
            IOException e = assertTimeoutPreemptively(HANG, () -> assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    session.client().stream(request, session.trial().batchMessages());
                }
            }));
            assertTrue(e.getMessage().startsWith(id + ": the echo server exited with code"), e.getMessage());
        } catch (Throwable first) {
            try {
                session.close();
            } catch (IOException | RuntimeException alsoFailed) {
                first.addSuppressed(alsoFailed);
            }
            throw first;
        }
        assertThrows(IOException.class, session::close, "a killed child is reported at close");
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} {1} io {2}: a stalled echo server becomes a receive timeout")
    @CsvSource({"udp,BLOCK,JDK", "uds-dgram,SPIN,JDK", "udp,BLOCK,DIRECT"})
    void aStalledServerBecomesAReceiveTimeout(String id, WaitStrategy wait, Io io) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64).waiting(wait)
                .through(io), logs);
        long pid = session.serverProcess().pid();
        try {
            ByteBuffer request = Payload.allocate(64, 1);
            ByteBuffer response = ByteBuffer.allocateDirect(64);
            session.client().roundTrip(request, response);
            signal("STOP", pid);
            // a stop reaches each thread when it next enters the kernel: wait until every one is stopped
            Await.until(() -> "echo server " + pid + " stopped", Duration.ofSeconds(30), () -> allStopped(pid));
            IOException e = assertTimeoutPreemptively(HANG, () -> assertThrows(IOException.class,
                    () -> session.client().roundTrip(request, response)));
            assertTrue(e.getMessage().contains("no reply within"), e.getMessage());
        } finally {
            signal("CONT", pid);
            try {
                session.close();
            } catch (IOException expected) {
                // the server never saw the end of the session; it is stopped the hard way
            }
        }
    }

    /** Whether every thread of {@code pid} is stopped (state T in /proc/pid/task/tid/stat). */
    private static boolean allStopped(long pid) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                if (stat.charAt(stat.lastIndexOf(')') + 2) != 'T') {
                    return false;
                }
            }
        }
        return true;
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }
}
