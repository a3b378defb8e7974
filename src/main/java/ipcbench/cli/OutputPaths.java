package ipcbench.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks an output path given on the command line before anything is measured or created: a directory (or a file's
 * parent) that exists must be a writable directory, and one that does not must be creatable — its nearest existing
 * ancestor a writable directory. The message says what is wrong with the value.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** A directory the command will create or write into. */
    static Path directory(String option, String value) throws UsageException {
        Path path = parse(option, value);
        if (Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                throw new UsageException(option + " " + value + ": it is a file, not a directory");
            }
            if (!Files.isWritable(path)) {
                throw new UsageException(option + " " + value + ": the directory is not writable");
            }
            return path;
        }
        creatable(option, value, path);
        return path;
    }

    /** A file the command will write (replacing it if it exists). */
    static Path file(String option, String value) throws UsageException {
        Path path = parse(option, value);
        if (Files.isDirectory(path)) {
            throw new UsageException(option + " " + value + ": it is a directory, not a file");
        }
        if (Files.exists(path)) {
            if (!Files.isWritable(path)) {
                throw new UsageException(option + " " + value + ": the file is not writable");
            }
            return path;
        }
        creatable(option, value, path);
        return path;
    }

    private static Path parse(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a path, got an empty one");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " " + value + ": not a valid path (" + e.getReason() + ")");
        }
    }

    /** The nearest existing ancestor must be a writable directory, so the missing part can be created. */
    private static void creatable(String option, String value, Path path) throws UsageException {
        Path ancestor = path.toAbsolutePath().normalize().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new UsageException(option + " " + value + ": no existing parent directory");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new UsageException(option + " " + value + ": cannot be created, " + ancestor
                    + " is a file, not a directory");
        }
        if (!Files.isWritable(ancestor)) {
            throw new UsageException(option + " " + value + ": cannot be created, " + ancestor + " is not writable");
        }
        String store = storeProblem(ancestor);
        if (store != null) {
            throw new UsageException(option + " " + value + ": cannot be created, " + ancestor + " " + store);
        }
    }

    /** Kernel file systems that hold no user files, even for root, for whom access checks pass. */
    private static final java.util.Set<String> NO_FILES_HERE = java.util.Set.of("proc", "sysfs", "devpts", "cgroup",
            "cgroup2", "debugfs", "securityfs", "tracefs", "configfs", "bpf", "pstore", "efivarfs", "fusectl");

    /** Why the file system of {@code dir} cannot take new files, or null when it can. */
    private static String storeProblem(Path dir) {
        try {
            java.nio.file.FileStore store = Files.getFileStore(dir);
            if (NO_FILES_HERE.contains(store.type())) {
                return "is on a " + store.type() + " file system, which holds no files";
            }
            if (store.isReadOnly()) {
                return "is on a read-only file system";
            }
            return null;
        } catch (java.io.IOException e) {
            return "cannot be examined (" + e.getMessage() + ")";
        }
    }
}
