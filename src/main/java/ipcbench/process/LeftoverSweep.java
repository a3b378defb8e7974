package ipcbench.process;

import ipcbench.mechanism.Mechanism;
import ipcbench.registry.Mechanisms;
import ipcbench.os.ScratchDirectory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what runs that died without cleaning up (SIGKILL, power loss) left: their private directories, every
 * object their ledgers name, and any {@code /dev/shm} entry named after them. Only leftovers whose owner pid is no
 * longer alive are touched, so concurrent runs are safe.
 */
public final class LeftoverSweep {
    private static final Path DEV_SHM = Path.of("/dev/shm");

    private LeftoverSweep() {
    }

    /** Sweeps and returns one line per removed item. */
    public static List<String> sweep() throws IOException {
        List<String> removed = new ArrayList<>();
        for (Path dir : ours(Path.of(System.getProperty("java.io.tmpdir")))) {
            ScratchDirectory scratch = ScratchDirectory.existing(dir);
            for (String[] entry : scratch.ledger()) {
                Optional<Mechanism> owner = Mechanisms.byId(entry[0]);
                if (owner.isPresent()) {
                    owner.get().removeResource(entry[1]);
                    removed.add(entry[0] + " " + entry[1]);
                } else {
                    removed.add("not removed (no mechanism '" + entry[0] + "' in this build): " + entry[1]);
                }
            }
            scratch.close();
            removed.add("directory " + dir);
        }
        if (Files.isDirectory(DEV_SHM)) {
            for (Path file : ours(DEV_SHM)) {
                if (Files.deleteIfExists(file)) {
                    removed.add("shared memory " + file);
                }
            }
        }
        return removed;
    }

    /** Entries of {@code dir} named after an ipcbench process that is no longer alive. */
    private static List<Path> ours(Path dir) throws IOException {
        List<Path> dead = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + ScratchDirectory.PREFIX + "*")) {
            for (Path entry : entries) {
                Optional<Long> pid = ScratchDirectory.ownerPid(entry);
                if (pid.isPresent() && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    dead.add(entry);
                }
            }
        }
        return dead;
    }
}
