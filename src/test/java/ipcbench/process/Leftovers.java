package ipcbench.process;

import ipcbench.mechanism.datagram.QueueProbes;
import ipcbench.os.ScratchDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a trial may leave behind, checked after it ended: its private directory, {@code /dev/shm} entries carrying its
 * name (regions, POSIX semaphores) and the queues its ledger named (read while the trial was open).
 */
final class Leftovers {
    private final Path scratchDir;
    private final List<String[]> ledger;

    private Leftovers(Path scratchDir, List<String[]> ledger) {
        this.scratchDir = scratchDir;
        this.ledger = ledger;
    }

    /** Call while the trial is open: its directory and ledger. */
    static Leftovers of(Path scratchDir) throws IOException {
        return new Leftovers(scratchDir, new ArrayList<>(ScratchDirectory.existing(scratchDir).ledger()));
    }

    /** What is still there, one line each; empty when the trial cleaned up. */
    List<String> remaining() throws IOException {
        List<String> left = new ArrayList<>();
        if (Files.exists(scratchDir)) {
            left.add("directory " + scratchDir);
        }
        String name = scratchDir.getFileName().toString();
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm)) {
            try (Stream<Path> entries = Files.list(shm)) {
                entries.filter(entry -> entry.getFileName().toString().contains(name))
                        .forEach(entry -> left.add("/dev/shm entry " + entry));
            }
        }
        for (String[] entry : ledger) {
            if (QueueProbes.queueExists(entry[0], entry[1])) {
                left.add(entry[0] + " " + entry[1]);
            }
        }
        return left;
    }
}
