package ipcbench.mechanism.memory;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which ledger names are region files: only the forms a trial makes (a /dev/shm name of the region role, or a plain
 * file directly inside a private directory), never a path that climbs out or passes through another directory.
 */
class RegionLedgerNameTest {
    @Test
    void theTrialsOwnFormsAreRegions() {
        assertEquals(Optional.of(Path.of("/dev/shm/ipcbench-12-a1b2c3-region")),
                SharedRegion.fromLedgerName("ipcbench-12-a1b2c3-region"));
        assertEquals(Optional.of(Path.of("/tmp/ipcbench-12-a1b2c3/region.mmap")),
                SharedRegion.fromLedgerName("/tmp/ipcbench-12-a1b2c3/region.mmap"));
    }

    @Test
    void namesThatLeaveTheirPlaceAreNot() {
        for (String name : new String[] {"../../home/victim/x-region", "ipcbench-12-a1b2c3-x/../../etc/y-region",
                "other-region", "/tmp/x/ipcbench-z/authorized_keys", "/tmp/ipcbench-12-a1b2c3/../y/region.mmap",
                "/tmp/ipcbench-12-a1b2c3/sub/region.mmap", "/tmp/ipcbench-12-a1b2c3/.."}) {
            assertEquals(Optional.empty(), SharedRegion.fromLedgerName(name), name);
        }
    }
}
