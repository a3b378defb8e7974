package ipcbench.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, finding "the ipcpeer list and git subprocesses can block forever": a native peer whose {@code list}
 * prints and then hangs with its output open makes the peer unavailable at its deadline (1 s here, 10 s in a run),
 * and the hung process is ended. Before, the output was read to its end before the deadline was looked at, so this waited as long as the
 * binary liked (here 300 s).
 */
class NativePeerListDeadlineTest {
    @TempDir
    Path dir;

    @Test
    void aListThatHangsEndsAtTheDeadlineAndIsStopped() throws Exception {
        Path pidFile = dir.resolve("pid");
        String hangs = "#!/bin/sh\necho $$ > " + pidFile + "\necho pipe\nexec sleep 300\n";
        Path binary = Files.writeString(dir.resolve("ipcpeer"), hangs);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("ipcpeer.sha256"), NativePeer.sha256(hangs.getBytes(StandardCharsets.UTF_8)));

        NativePeer peer = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> NativePeer.ofBinary(binary, Duration.ofSeconds(1)));

        assertFalse(peer.availability().available(), "a peer that does not answer is not used");
        assertTrue(peer.availability().reason().contains("did not finish within 1 s"), peer.availability().reason());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(hung -> hung.onExit().orTimeout(15, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hung list was ended");
    }
}
