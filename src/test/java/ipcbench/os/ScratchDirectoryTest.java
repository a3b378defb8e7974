package ipcbench.os;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchDirectoryTest {
    @Test
    void privateUniqueAndLedgered() throws Exception {
        try (ScratchDirectory a = ScratchDirectory.create(); ScratchDirectory b = ScratchDirectory.create()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.path())));
            assertNotEquals(a.objectName("req"), b.objectName("req"));
            assertTrue(a.objectName("req").startsWith("ipcbench-" + ProcessHandle.current().pid() + "-"));
            assertEquals(Optional.of(ProcessHandle.current().pid()), ScratchDirectory.ownerPid(a.path()));
            assertEquals(Optional.of(ProcessHandle.current().pid()),
                    ScratchDirectory.ownerPid(Path.of("/dev/shm/sem." + a.objectName("x"))));

            List<Integer> entriesSeenByCreation = new ArrayList<>();
            a.recordThenCreate("posix-mq", "/" + a.objectName("req"), () -> entriesSeenByCreation.add(a.ledger().size()));
            a.recordThenCreate("sysv-mq", "12345", () -> entriesSeenByCreation.add(a.ledger().size()));
            assertEquals(List.of(1, 2), entriesSeenByCreation, "each entry is on disk before its object is created");
            List<String[]> ledger = a.ledger();
            assertArrayEquals(new String[] {"posix-mq", "/" + a.objectName("req")}, ledger.get(0));
            assertArrayEquals(new String[] {"sysv-mq", "12345"}, ledger.get(1));
            IOException failed = assertThrows(IOException.class, () -> a.recordThenCreate("semaphore", "s", () -> {
                throw new IOException("no room");
            }));
            assertEquals("no room", failed.getMessage());
            assertArrayEquals(new String[] {"semaphore", "s"}, a.ledger().get(2), "a failed creation keeps its entry");
            Files.writeString(a.path().resolve("a.sock"), "x");
            a.close();
            assertFalse(Files.exists(a.path()));
        }
    }

    @Test
    void namesOfOthersAreNotOurs() {
        assertEquals(Optional.empty(), ScratchDirectory.ownerPid(Path.of("/tmp/ipcbench-notapid-1")));
        assertEquals(Optional.empty(), ScratchDirectory.ownerPid(Path.of("/dev/shm/other")));
        assertEquals(Optional.empty(), ScratchDirectory.ownerPid(Path.of("/tmp/xipcbench-12-a1b2c3")));
    }

    @Test
    void aLedgerEntryCountsOnlyInTheFormItsDirectoryMakes() throws IOException {
        try (ScratchDirectory a = ScratchDirectory.create()) {
            String dir = a.path().getFileName().toString();
            assertTrue(ScratchDirectory.isObjectOf(dir, a.objectName("sem-request")));
            assertTrue(ScratchDirectory.isObjectOf(dir, "/" + a.objectName("request")));
            for (String foreign : new String[] {"ipcbench-1-a1b2c3-region", dir + "-x/../../etc/passwd", dir + "-",
                    "//" + dir + "-x", dir + "-REGION", "../" + dir + "-x"}) {
                assertFalse(ScratchDirectory.isObjectOf(dir, foreign), foreign);
            }
            assertEquals(Optional.of("region.mmap"), ScratchDirectory.fileOf(a.path(), a.path() + "/region.mmap"));
            for (String elsewhere : new String[] {a.path() + "/../x", a.path() + "/sub/x", a.path() + "/..",
                    a.path() + "-other/x", "/etc/passwd"}) {
                assertEquals(Optional.empty(), ScratchDirectory.fileOf(a.path(), elsewhere), elsewhere);
            }
            assertThrows(IllegalArgumentException.class, () -> a.objectName("../x"));
        }
    }

    @Test
    void pinsTheCallingThreadOnly() throws Exception {
        List<Integer> cpus = CpuAffinity.allowedCpus();
        assertFalse(cpus.isEmpty());
        int last = cpus.get(cpus.size() - 1);
        AtomicReference<Object> seenByPinned = new AtomicReference<>();
        Thread pinned = new Thread(() -> {
            try {
                CpuAffinity.pinCurrentThread(last);
                seenByPinned.set(CpuAffinity.allowedCpus());
            } catch (Exception | Error e) {
                seenByPinned.set(e);
            }
        });
        pinned.start();
        pinned.join();
        assertEquals(List.of(last), seenByPinned.get(), "the pinned thread runs on the one CPU it was given");
        assertEquals(cpus, CpuAffinity.allowedCpus(), "other threads keep the process's CPU set");
    }
}
