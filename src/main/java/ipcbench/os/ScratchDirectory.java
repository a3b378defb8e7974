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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private (0700) directory owned by this process, {@code <tmp>/ipcbench-<pid>-<hex>}, that holds one trial's
 * files (sockets, FIFOs, logs of the control channel) and a ledger of the named kernel objects made for it outside
 * the directory (POSIX queues, semaphores, shared-memory files, System V queues).
 *
 * <p>Invariants: the directory's name is also the prefix of every kernel object name, so names are unique per run;
 * an object is written to the ledger before it is created, so a run killed at any point leaves a ledger that
 * names everything it may have left; the owner pid in the name lets a later run tell a dead owner's leftovers
 * from a live run's ({@link #ownerPid(Path)}). Names have one exact form ({@link #isDirectoryName},
 * {@link #isObjectOf}), which is all a sweep of a dead run's ledger accepts: a ledger is only as trustworthy as the
 * directory it lies in.
 */
public final class ScratchDirectory implements AutoCloseable {
    public static final String PREFIX = "ipcbench-";
    public static final String LEDGER = "ledger";
    /** The largest ledger read: a trial records a handful of short lines. */
    public static final int LEDGER_MAX_BYTES = 64 << 10;
    private static final Pattern DIRECTORY_NAME = Pattern.compile("ipcbench-([0-9]{1,10})-[0-9a-f]{6}");
    private static final String ROLE = "[a-z][a-z0-9-]{0,31}";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    /** A kernel object's file in /dev/shm: a region or (glibc's name for) a named semaphore; group 2 is the pid. */
    private static final Pattern SHM_FILE_NAME = Pattern.compile("(?:sem\\.)?(" + DIRECTORY_NAME.pattern() + ")-" + ROLE);

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
            String hex = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000)); // 6 digits
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

    /**
     * A kernel-object name unique to this directory: {@code ipcbench-<pid>-<hex>-<role>}, the role lower-case letters,
     * digits and '-' (at most 32), since the sweep accepts only that form.
     */
    public String objectName(String role) {
        if (!role.matches(ROLE)) {
            throw new IllegalArgumentException("an object role is [a-z][a-z0-9-]{0,31}, not " + role);
        }
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
        if (!Files.exists(ledger)) {
            return List.of();
        }
        if (Files.size(ledger) > LEDGER_MAX_BYTES) {
            throw new IOException(ledger + " is larger than " + LEDGER_MAX_BYTES + " bytes: not a ledger of ours");
        }
        return parseLedger(Files.readString(ledger, StandardCharsets.UTF_8));
    }

    /** A ledger's text as entries {kind, name}; lines without a space are skipped. */
    public static List<String[]> parseLedger(String text) {
        List<String[]> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                entries.add(new String[] {line.substring(0, space), line.substring(space + 1)});
            }
        }
        return entries;
    }

    /** Whether {@code name} has the exact form of a scratch directory's name, {@code ipcbench-<pid>-<6 hex>}. */
    public static boolean isDirectoryName(String name) {
        return DIRECTORY_NAME.matcher(name).matches();
    }

    /** Whether {@code fileName} has the exact form of a kernel object's file in /dev/shm: {@code [sem.]<directory>-<role>}. */
    public static boolean isShmFileName(String fileName) {
        return SHM_FILE_NAME.matcher(fileName).matches();
    }

    /**
     * Whether a ledger name is one of the directory {@code directoryName}'s kernel objects, as {@link #objectName}
     * makes them: {@code <directory>-<role>}, or that with one leading '/' (POSIX queue names).
     */
    public static boolean isObjectOf(String directoryName, String ledgerName) {
        String name = ledgerName.startsWith("/") ? ledgerName.substring(1) : ledgerName;
        return name.startsWith(directoryName + "-") && name.substring(directoryName.length() + 1).matches(ROLE);
    }

    /**
     * The file name, when a ledger name is the absolute path of a file directly inside {@code directory} (as
     * mmap-file records its region): one plain component, no link or {@code ..} to leave the directory by.
     */
    public static Optional<String> fileOf(Path directory, String ledgerName) {
        if (!ledgerName.startsWith(directory.toAbsolutePath() + "/")) {
            return Optional.empty();
        }
        String file = ledgerName.substring(directory.toAbsolutePath().toString().length() + 1);
        return FILE_NAME.matcher(file).matches() ? Optional.of(file) : Optional.empty();
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

    /** The pid in the name of a scratch directory or a /dev/shm file of ours (exact forms only), if it is one. */
    public static Optional<Long> ownerPid(Path path) {
        String file = path.getFileName().toString();
        Matcher directory = DIRECTORY_NAME.matcher(file);
        if (directory.matches()) {
            return Optional.of(Long.parseLong(directory.group(1)));
        }
        Matcher shm = SHM_FILE_NAME.matcher(file);
        return shm.matches() ? Optional.of(Long.parseLong(shm.group(2))) : Optional.empty();
    }
}
