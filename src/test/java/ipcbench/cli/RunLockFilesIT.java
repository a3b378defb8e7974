package ipcbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run lock's files, with a real second process holding the lock: a holder's description is printed with its
 * control characters stripped, and neither the lock file nor JMH's is followed when it is a symlink.
 */
class RunLockFilesIT {
    private static final String EVIL = "run x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e done";

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    private Path lockDirectory() throws IOException {
        return Files.createDirectory(tmp.resolve("runtime"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void aHoldersEscapeSequencesArePrintedStripped() throws Exception {
        Path file = lockDirectory().resolve("run.lock");
        Files.writeString(file, EVIL);
        Files.writeString(file.resolveSibling(RunLock.HOLDER), EVIL);
        Process holder = LockHolderMain.start(file);
        try {
            UsageException refused = assertThrows(UsageException.class,
                    () -> RunLock.acquire(file, tmp.resolve("jmh.lock"), false, QUIET));
            String message = refused.getMessage();
            assertTrue(message.contains("pwned"), "the holder is named: " + message);
            assertTrue(message.codePoints().noneMatch(c -> Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT), "no control character reaches the terminal: "
                    + message.replace("\u001b", "ESC"));
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void aLockFileThatIsASymlinkIsNotFollowed() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep me");
        Path file = lockDirectory().resolve("run.lock");
        Files.createSymbolicLink(file, victim);

        assertThrows(IOException.class, () -> {
            try (RunLock lock = RunLock.acquire(file, tmp.resolve("jmh.lock"), false, QUIET)) {
                lock.describe("x", tmp.resolve("results"), "now");
            }
        });
        assertEquals("keep me", Files.readString(victim), "the link's target is untouched");
    }

    @Test
    void jmhsLockIsNotFollowedEither() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep me");
        Path jmh = Files.createSymbolicLink(tmp.resolve("jmh.lock"), victim);
        Path file = lockDirectory().resolve("run.lock");
        ByteArrayOutputStream said = new ByteArrayOutputStream();

        try (RunLock lock = RunLock.acquire(file, jmh, false, new PrintStream(said, true, StandardCharsets.UTF_8))) {
            lock.describe("x", tmp.resolve("results"), "now");
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("cannot open JMH's lock " + jmh),
                    said.toString(StandardCharsets.UTF_8));
        }
        assertEquals("keep me", Files.readString(victim));
        assertEquals("", Files.readString(file), "the lock file itself is never written");
    }
}
