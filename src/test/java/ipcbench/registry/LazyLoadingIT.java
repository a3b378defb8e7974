package ipcbench.registry;

import ipcbench.ClassLoadLog;
import ipcbench.process.SessionHolderMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading one mechanism loads no other: a parent JVM opens a real {@code pipe} session, and neither it nor the
 * echo-server child it starts loads a class of Netty, gRPC or Aeron. Both JVMs write the JVM's class-load log
 * (through JDK_JAVA_OPTIONS, which the child inherits).
 */
class LazyLoadingIT {
    @TempDir
    Path logs;
    @TempDir
    Path classLogs;

    @Test
    void aPipeSessionLoadsNoFramework() throws Exception {
        Process parent = SessionHolderMain.start(logs, Map.of("JDK_JAVA_OPTIONS", ClassLoadLog.option(classLogs)),
                "pipe");
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.matches("\\d+ .*"), "the parent opened a session: " + first);
            assertEquals(SessionHolderMain.READY, out.readLine());
            parent.getOutputStream().close();
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent closed its session and exited");
            assertEquals(0, parent.exitValue());
        } finally {
            parent.destroyForcibly();
        }
        List<Path> files = ClassLoadLog.files(classLogs);
        assertEquals(2, files.size(), "one class-load log each from the parent and the echo child: " + files);
        boolean sawChild = false;
        for (Path log : files) {
            sawChild |= ClassLoadLog.loaded(log, "ipcbench.process.EchoServerMain");
            assertTrue(ClassLoadLog.loaded(log, "ipcbench.mechanism.stream.PipeMechanism"), log + " served pipe");
            assertEquals(List.of(), ClassLoadLog.frameworkClasses(log), log + " loaded framework classes");
            assertFalse(ClassLoadLog.loaded(log, "ipcbench.mechanism.stream.TcpMechanism"),
                    log + " loaded another mechanism");
        }
        assertTrue(sawChild, "one of the logs is the echo child's");
    }
}
