package ipcbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One measuring run per machine: an exclusive {@link FileLock} on {@code <tmpdir>/ipcbench.lock}, held while a run
 * measures, the file naming the holder (pid, run id, results directory, start time) so that a second run can say
 * whom it waits for. The kernel drops the lock when the holder dies, however it dies.
 *
 * <p>JMH refuses to start while another JMH holds its own lock ({@code <tmpdir>/jmh.lock}), which would fail every
 * benchmark of a group. So the run also waits for and holds JMH's lock, and tells its Runner to skip the check
 * ({@code jmh.ignoreLock}): no other JMH can start meanwhile, and no benchmark fails for want of the lock.
 */
final class RunLock implements AutoCloseable {
    static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "ipcbench.lock");
    static final Path JMH_FILE = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");

    private final FileChannel channel;
    private final FileLock lock;
    private final FileChannel jmhChannel;
    private final FileLock jmhLock;

    private RunLock(FileChannel channel, FileLock lock, FileChannel jmhChannel, FileLock jmhLock) {
        this.channel = channel;
        this.lock = lock;
        this.jmhChannel = jmhChannel;
        this.jmhLock = jmhLock;
    }

    /**
     * Takes both locks, waiting (after one line naming the holder) unless {@code wait} is false, in which case a
     * held lock is a {@link UsageException} and nothing is created but the lock file.
     */
    static RunLock acquire(Path file, Path jmhFile, boolean wait, PrintStream out) throws IOException, UsageException {
        FileChannel channel = open(file);
        FileChannel jmhChannel = null;
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(channel);
                if (!wait) {
                    throw new UsageException("another run is measuring: " + holder + "; not waiting (--no-wait)");
                }
                out.println("ipcbench: waiting for " + holder + " to finish");
                out.flush();
                lock = channel.lock();
            }
            jmhChannel = open(jmhFile);
            FileLock jmhLock = jmhChannel.tryLock();
            if (jmhLock == null) {
                if (!wait) {
                    lock.release();
                    throw new UsageException("another JMH run holds " + jmhFile + "; not waiting (--no-wait)");
                }
                out.println("ipcbench: waiting for another JMH run to release " + jmhFile);
                out.flush();
                jmhLock = jmhChannel.lock();
            }
            System.setProperty("jmh.ignoreLock", "true");
            return new RunLock(channel, lock, jmhChannel, jmhLock);
        } catch (IOException | UsageException | RuntimeException e) {
            channel.close();
            if (jmhChannel != null) {
                jmhChannel.close();
            }
            throw e;
        }
    }

    /** Names the holder in the lock file, for runs that wait. */
    void describe(String runId, Path resultsDir, String startedAt) throws IOException {
        String text = "run " + runId + " (pid " + ProcessHandle.current().pid() + ") started " + startedAt
                + " (results " + resultsDir + ")\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
            jmhLock.release();
        } finally {
            channel.close();
            jmhChannel.close();
        }
    }

    /** The holder as its lock file names it; a holder that has not written yet is named by what is known. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another run (it has not named itself yet)" : text;
    }

    /** Opens (creating it writable by every user, as JMH does for its lock) the lock file. */
    private static FileChannel open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another run created it first: fine
            }
        }
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
