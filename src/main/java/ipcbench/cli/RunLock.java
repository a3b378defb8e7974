package ipcbench.cli;

import ipcbench.os.TerminalText;
import ipcbench.os.UserDirectories;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One measuring run at a time per user: an exclusive {@link FileLock} on {@code run.lock} in the user's private
 * runtime directory ({@link UserDirectories#runtime()}), held while a run measures. The kernel drops the lock when
 * the holder dies, however it dies. The holder names itself (pid, run id, results directory, start time) in a
 * separate file, {@code run.holder}, replaced whole by a rename, so that a second run can say whom it waits for;
 * the lock file itself is never written.
 *
 * <p>Why per user: a lock every user can take is a lock any user can hold forever, stopping everyone else's runs.
 * Runs of different users are not serialized; what tells them apart is JMH's machine-wide lock
 * ({@code <tmpdir>/jmh.lock}), which every JMH takes: a run takes it when free, so that no other JMH starts
 * meanwhile, and when another process holds it says so in one line (the numbers may be disturbed) and measures
 * anyway, telling its Runner to skip JMH's own check ({@code jmh.ignoreLock}). Both files are opened without
 * following links, and text read from a holder file is printed with control characters stripped.
 */
final class RunLock implements AutoCloseable {
    static final Path FILE = UserDirectories.runtime().resolve("run.lock");
    static final Path JMH_FILE = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    /** The holder's description, beside the lock file. */
    static final String HOLDER = "run.holder";
    private static final int HOLDER_MAX_BYTES = 4096;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final FileChannel jmhChannel;

    private RunLock(Path file, FileChannel channel, FileLock lock, FileChannel jmhChannel) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.jmhChannel = jmhChannel;
    }

    /**
     * Takes this user's lock, waiting (after one line naming the holder) unless {@code wait} is false, in which case
     * a held lock is a {@link UsageException} and nothing is created but the lock file; then JMH's, if it is free.
     */
    static RunLock acquire(Path file, Path jmhFile, boolean wait, PrintStream out) throws IOException, UsageException {
        UserDirectories.privateDirectory(file.getParent());
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(file);
                if (!wait) {
                    throw new UsageException("another run is measuring: " + holder + "; not waiting (--no-wait)");
                }
                out.println("ipcbench: waiting for " + holder + " to finish");
                out.flush();
                lock = channel.lock();
            }
            FileChannel jmhChannel = jmhLock(jmhFile, out);
            System.setProperty("jmh.ignoreLock", "true");
            return new RunLock(file, channel, lock, jmhChannel);
        } catch (IOException | UsageException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * JMH's machine-wide lock, held when free (its channel), else null after one line: held by another process, or
     * not ours to open (another user's file without write access, or a link).
     */
    private static FileChannel jmhLock(Path jmhFile, PrintStream out) throws IOException {
        FileChannel jmhChannel;
        try {
            jmhChannel = FileChannel.open(jmhFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-rw-rw-")));
        } catch (IOException notOurs) {
            out.println("ipcbench: cannot open JMH's lock " + jmhFile + " (" + TerminalText.printable(
                    String.valueOf(notOurs.getMessage())) + "); measuring without it");
            return null;
        }
        if (jmhChannel.tryLock() == null) {
            jmhChannel.close();
            out.println("ipcbench: another JMH run (perhaps another user's) holds " + jmhFile
                    + "; measuring anyway, but its load may disturb these numbers");
            return null;
        }
        return jmhChannel;
    }

    /** Names the holder beside the lock file, for runs that wait: written to a private name, renamed into place. */
    void describe(String runId, Path resultsDir, String startedAt) throws IOException {
        String text = "run " + runId + " (pid " + ProcessHandle.current().pid() + ") started " + startedAt
                + " (results " + resultsDir + ")\n";
        Path temporary = Files.createTempFile(file.getParent(), HOLDER, ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file.resolveSibling(HOLDER), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file.resolveSibling(HOLDER));
            lock.release();
        } finally {
            channel.close();
            if (jmhChannel != null) {
                jmhChannel.close();
            }
        }
    }

    /** The holder as its file names it (bounded, control characters stripped); one that has not written yet as such. */
    static String holder(Path file) throws IOException {
        Path holder = file.resolveSibling(HOLDER);
        String text;
        try (FileChannel channel = FileChannel.open(holder, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(HOLDER_MAX_BYTES);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // up to the cap
            }
            text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException notYet) {
            text = "";
        } catch (IOException unreadable) {
            text = "another run (its description " + holder + " is unreadable: " + unreadable.getMessage() + ")";
        }
        return text.isEmpty() ? "another run (it has not named itself yet)" : TerminalText.printable(text);
    }
}
