package ipcbench.mechanism.memory;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.List;

/**
 * {@code mmap-file}: exactly {@code shm} (the same rings, both sides busy-spinning, no syscall, the same copies),
 * but the region is a regular file, {@code region.mmap} in the trial's private directory, mapped MAP_SHARED by
 * both processes, instead of a tmpfs file in /dev/shm. One round trip is shm's.
 *
 * <p>The difference is where the pages belong: shm's are tmpfs pages, never written anywhere; these are the page
 * cache of a disk file system (ext4, xfs...), which the kernel's flusher writes back, write-protecting each page it
 * cleans, so the next store into it takes a page fault (docs/mechanisms.md). So the median is shm's cost; writeback
 * adds, if anything, rare stalls in the far tail. The file is a ledger entry (its path) in the private directory.
 *
 * <p>Unavailable when java.io.tmpdir is itself in RAM (tmpfs, ramfs): the numbers would be shm's under another name.
 */
public final class MmapFileMechanism extends MemoryMechanism {
    static final String FILE = "region.mmap";
    private static final Set<String> IN_MEMORY = Set.of("tmpfs", "ramfs");

    @Override
    public String whyHostLocal() {
        return "a mapped file is shared through one kernel's page cache, even on a network file system";
    }

    @Override
    public String id() {
        return "mmap-file";
    }

    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.SPIN);
    }

    @Override
    public Availability availability() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            FileStore store = Files.getFileStore(tmp);
            if (IN_MEMORY.contains(store.type())) {
                return Availability.unavailable(tmp + " is " + store.type() + ", so the file would be RAM like shm's; "
                        + "point java.io.tmpdir at a disk file system (JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=/var/tmp)");
            }
        } catch (IOException e) {
            return Availability.unavailable("cannot read the file system of " + tmp + ": " + e.getMessage());
        }
        return Availability.AVAILABLE;
    }

    @Override
    Path regionFile(Trial trial) {
        return trial.file(FILE);
    }


    @Override
    Handoff serverHandoff(Trial trial, SharedRegion region) {
        return new ShmMechanism.Spin();
    }

    @Override
    Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child) {
        return new ShmMechanism.Spin();
    }
}
