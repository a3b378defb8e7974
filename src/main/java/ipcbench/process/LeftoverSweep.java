package ipcbench.process;

import ipcbench.mechanism.Mechanism;
import ipcbench.os.OpenedDirectory;
import ipcbench.os.ScratchDirectory;
import ipcbench.os.TerminalText;
import ipcbench.registry.Mechanisms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Removes what runs that died without cleaning up (SIGKILL, power loss) left: their private directories, every
 * object their ledgers name, and any {@code /dev/shm} file named after them.
 *
 * <p>The machine may be shared, so the temporary directory and /dev/shm hold other users' entries, and a name there
 * proves nothing. Invariants: an entry is acted on only when it has the exact form our runs make, is a real
 * directory or regular file (seen without following links) owned by this user, and its pid is no longer alive;
 * the owner is checked before liveness, so another user's live run, which looks dead under {@code hidepid=2}, is
 * never touched. Everything is read and removed relative to the opened directory (openat/unlinkat). A ledger entry
 * is acted on only when it is one of that directory's own object names or a plain file inside it; anything else
 * in a ledger is reported and ignored. Another user's leftover, or one that cannot be removed, is reported and
 * skipped: a sweep never fails a run.
 */
public final class LeftoverSweep {
    private static final Path DEV_SHM = Path.of("/dev/shm");

    /** What one sweep removed, and what it saw but left alone (one line each, with the reason). */
    public record Outcome(List<String> removed, List<String> leftAlone) {
    }

    private final UserPrincipal user;
    private final List<String> removed = new ArrayList<>();
    private final List<String> leftAlone = new ArrayList<>();

    private LeftoverSweep(UserPrincipal user) {
        this.user = user;
    }

    /** Sweeps {@code java.io.tmpdir} and /dev/shm. */
    public static Outcome sweep() throws IOException {
        return sweep(Path.of(System.getProperty("java.io.tmpdir")), DEV_SHM);
    }

    /** Sweeps the scratch directories in {@code tmpDir} and the kernel-object files in {@code shmDir}. */
    public static Outcome sweep(Path tmpDir, Path shmDir) throws IOException {
        LeftoverSweep sweep = new LeftoverSweep(OpenedDirectory.currentUser());
        sweep.place(tmpDir, ScratchDirectory::isDirectoryName, sweep::scratchDirectory);
        if (Files.isDirectory(shmDir)) {
            sweep.place(shmDir, ScratchDirectory::isShmFileName, sweep::shmFile);
        }
        return new Outcome(List.copyOf(sweep.removed), List.copyOf(sweep.leftAlone));
    }

    /** Opens {@code dir} and sweeps each entry whose name is {@code ours}; a directory it cannot open costs a line. */
    private void place(Path dir, Predicate<String> ours, BiConsumer<OpenedDirectory, String> sweepOne) {
        try (OpenedDirectory opened = OpenedDirectory.open(dir)) {
            for (String name : opened.names()) {
                if (ours.test(name)) {
                    sweepOne.accept(opened, name);
                }
            }
        } catch (IOException e) {
            leftAlone.add("could not sweep " + dir + ": " + reason(e));
        }
    }

    private void scratchDirectory(OpenedDirectory tmp, String name) {
        Path path = tmp.path().resolve(name);
        try {
            if (!isLeftover(tmp, name, true)) {
                return;
            }
            try (OpenedDirectory dir = tmp.child(name)) {
                if (dir.names().contains(ScratchDirectory.LEDGER)) {
                    ledger(dir, name);
                }
            }
            tmp.removeTree(name);
            removed.add("directory " + path);
        } catch (IOException | RuntimeException e) {
            leftAlone.add("could not remove " + path + ": " + reason(e));
        }
    }

    /** Acts on the ledger's entries that this directory's run could have made, and reports the others. */
    private void ledger(OpenedDirectory dir, String name) throws IOException {
        byte[] bytes = dir.read(ScratchDirectory.LEDGER, ScratchDirectory.LEDGER_MAX_BYTES + 1);
        if (bytes.length > ScratchDirectory.LEDGER_MAX_BYTES) {
            leftAlone.add("ignored " + dir.path().resolve(ScratchDirectory.LEDGER) + ": larger than "
                    + ScratchDirectory.LEDGER_MAX_BYTES + " bytes, so no ledger of ours");
            return;
        }
        for (String[] entry : ScratchDirectory.parseLedger(new String(bytes, StandardCharsets.UTF_8))) {
            String kind = entry[0];
            String object = entry[1];
            Optional<Mechanism> owner = Mechanisms.byId(kind);
            Optional<String> file = ScratchDirectory.fileOf(dir.path(), object);
            try {
                if (owner.isEmpty()) {
                    leftAlone.add("not removed (no mechanism '" + TerminalText.printable(kind) + "' in this build): "
                            + TerminalText.printable(object));
                } else if (file.isPresent()) {
                    dir.removeFile(file.get());
                    removed.add(kind + " " + object);
                } else if (ScratchDirectory.isObjectOf(name, object)) {
                    owner.get().removeResource(object);
                    removed.add(kind + " " + object);
                } else {
                    leftAlone.add("ignored a ledger entry of " + dir.path() + " that no run of ours makes: "
                            + TerminalText.printable(kind + " " + object));
                }
            } catch (IOException | RuntimeException e) {
                leftAlone.add("could not remove " + TerminalText.printable(kind + " " + object) + ": " + reason(e));
            }
        }
    }

    private void shmFile(OpenedDirectory shm, String name) {
        Path path = shm.path().resolve(name);
        try {
            if (!isLeftover(shm, name, false)) {
                return;
            }
            shm.removeFile(name);
            removed.add("shared memory " + path);
        } catch (IOException | RuntimeException e) {
            leftAlone.add("could not remove " + path + ": " + reason(e));
        }
    }

    /**
     * Whether the entry {@code name} is this user's, of the type our runs make (a real directory or a regular file,
     * never a link), and its run is dead. Another user's entry whose pid looks dead is reported (its owner may sweep
     * it), one whose pid is alive is a live run and passes in silence.
     */
    private boolean isLeftover(OpenedDirectory dir, String name, boolean directory) throws IOException {
        Path path = dir.path().resolve(name);
        Optional<PosixFileAttributes> found = dir.attributes(name);
        if (found.isEmpty()) {
            return false;
        }
        PosixFileAttributes attributes = found.get();
        Optional<Long> pid = ScratchDirectory.ownerPid(path);
        boolean dead = pid.isPresent() && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false);
        if (!attributes.owner().equals(user)) {
            if (dead) {
                leftAlone.add("left alone " + path + ": it belongs to " + attributes.owner().getName()
                        + ", not to " + user.getName() + "; its owner's next run removes it");
            }
            return false;
        }
        if (dead && (directory ? !attributes.isDirectory() : !attributes.isRegularFile())) {
            leftAlone.add("left alone " + path + ": named like ours but not a " + (directory ? "directory" : "file")
                    + " (a link?)");
            return false;
        }
        return dead;
    }

    private static String reason(Exception e) {
        return TerminalText.printable(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
}
