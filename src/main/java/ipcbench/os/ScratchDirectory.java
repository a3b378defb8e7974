package ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A private (0700) directory owned by this process, {@code <tmp>/ipcbench-<pid>-<hex>}, that holds one trial's
 * files (sockets, FIFOs, logs of the control channel) and a ledger of the named kernel objects made for it outside
 * the directory (POSIX queues, semaphores, shared-memory files, System V queues).
 *
 * <p>Invariants: the directory's name is also the prefix of every kernel object name, so names are unique per run;
 * an object is written to the ledger before it is created, so a run killed at any point leaves a ledger that
 * names everything it may have left; the owner pid in the name lets a later run tell a dead owner's leftovers
 * from a live run's ({@link #ownerPid(Path)}).
 */
public final class ScratchDirectory implements AutoCloseable {
    public static final String PREFIX = "ipcbench-";
    private static final String LEDGER = "ledger";

    private final Path dir;
    private final String name;

    private ScratchDirectory(Path dir) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
    }

    /** Creates a fresh directory under {@code java.io.tmpdir}. */
    public static ScratchDirectory create() throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 100; attempt++) {
            String hex = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
            Path dir = base.resolve(PREFIX + pid + "-" + hex);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return new ScratchDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another trial of this process drew the same suffix: draw again
            }
        }
        throw new IOException("could not create a private directory under " + base);
    }

    /** Wraps an existing scratch directory, for the child side and for sweeping a dead run. */
    public static ScratchDirectory existing(Path dir) {
        return new ScratchDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /** A kernel-object name unique to this directory: {@code ipcbench-<pid>-<hex>-<role>}. */
    public String objectName(String role) {
        return name + "-" + role;
    }

    /** Creates one named kernel object; see {@link #recordThenCreate}. */
    @FunctionalInterface
    public interface Creation {
        void create() throws IOException;
    }

    /**
     * Appends "kind name" to the ledger, forced to disk, and only then runs {@code creation}: a run killed between
     * the two leaves an entry naming an object that may not exist, which the sweep tolerates, never an object that
     * no ledger names. A creation that throws leaves its entry, for the caller's cleanup to remove.
     */
    public void recordThenCreate(String kind, String objectName, Creation creation) throws IOException {
        record(kind, objectName);
        creation.create();
    }

    private void record(String kind, String objectName) throws IOException {
        Files.writeString(dir.resolve(LEDGER), kind + " " + objectName + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** The ledger's entries in creation order: {kind, name}. */
    public List<String[]> ledger() throws IOException {
        Path ledger = dir.resolve(LEDGER);
        List<String[]> entries = new ArrayList<>();
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    entries.add(new String[] {line.substring(0, space), line.substring(space + 1)});
                }
            }
        }
        return entries;
    }

    /** Deletes the directory and everything in it (the ledger's objects must have been removed by the caller). */
    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The pid in an {@code ipcbench-<pid>-...} name, if it is one of ours. */
    public static Optional<Long> ownerPid(Path path) {
        String file = path.getFileName().toString();
        if (file.startsWith("sem.")) {
            file = file.substring(4);
        }
        if (!file.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = file.indexOf('-', PREFIX.length());
        try {
            return Optional.of(Long.parseLong(end < 0 ? file.substring(PREFIX.length()) : file.substring(PREFIX.length(), end)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
