package ipcbench.mechanism.memory;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.process.LeftoverSweep;
import ipcbench.process.SessionHolderMain;
import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What EchoSessionIT does not cover for the memory family, with real processes: the /dev/shm names are ours and
 * gone after close; mmap-file's region is a file in the private directory instead; messages larger than the rings
 * (chunks, and waits for room on both sides); a SIGKILLed parent's leftovers are swept; the signal mechanism
 * follows the measuring thread.
 */
class MemoryFamilyIT {
    private static final Path DEV_SHM = Path.of("/dev/shm");

    @TempDir
    Path logs;

    @ParameterizedTest(name = "{0} leaves nothing in /dev/shm")
    @ValueSource(strings = {"shm", "semaphore", "signal", "eventfd"})
    void removesItsDevShmEntriesOnClose(String id) throws IOException {
        String prefix;
        try (EchoSession session = EchoSession.open(
                SessionSpec.of(Mechanisms.require(id), Exchange.LATENCY, 64), logs)) {
            prefix = session.trial().scratchDir().getFileName().toString();
            assertEchoes(session, 3);
            List<String> entries = devShmEntries(prefix);
            assertTrue(entries.contains(prefix + "-region"), "the region is in /dev/shm while open: " + entries);
            if (id.equals("semaphore")) {
                assertTrue(entries.contains("sem." + prefix + "-sem-request")
                        && entries.contains("sem." + prefix + "-sem-response"), "both semaphores exist: " + entries);
            }
        }
        assertEquals(List.of(), devShmEntries(prefix), "nothing of the trial is left in /dev/shm");
    }

    /** 20 MiB: 20 one-MiB records through 8 MiB rings, so both sides must wait for room (and be woken for it). */
    @ParameterizedTest(name = "{0} echoes a message larger than both rings")
    @ValueSource(strings = {"shm", "semaphore", "signal", "eventfd", "mmap-file"})
    void echoesMessagesLargerThanTheRings(String id) throws IOException {
        try (EchoSession session = EchoSession.open(
                SessionSpec.of(Mechanisms.require(id), Exchange.LATENCY, 20 << 20), logs)) {
            assertEchoes(session, 3);
        }
    }

    @Test
    void mmapFileMapsAFileInThePrivateDirectoryAndRemovesIt() throws IOException {
        Path file;
        Path scratch;
        try (EchoSession session = EchoSession.open(
                SessionSpec.of(Mechanisms.require("mmap-file"), Exchange.LATENCY, 64), logs)) {
            scratch = session.trial().scratchDir();
            file = scratch.resolve("region.mmap");
            assertEchoes(session, 3);
            assertTrue(Files.isRegularFile(file), "the region is a file in the private directory: " + file);
            assertEquals(SharedRegion.bytes(64), Files.size(file), "the region's size");
            assertFalse(List.of("tmpfs", "ramfs").contains(Files.getFileStore(file).type()),
                    "on a disk file system, not " + Files.getFileStore(file).type());
            assertTrue(Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.US_ASCII).stream()
                    .anyMatch(line -> line.endsWith(" " + file)), "the client maps the file");
            assertEquals(List.of(), devShmEntries(scratch.getFileName().toString()), "nothing in /dev/shm");
            assertEquals(List.of("mmap-file " + file), ledgerLines(scratch), "the ledger names the file by its path");
        }
        assertFalse(Files.exists(file), "the file is gone after close");
        assertFalse(Files.exists(scratch), "the private directory is gone after close");
    }

    @Test
    void signalFollowsTheCallingThread() throws Exception {
        try (EchoSession session = EchoSession.open(
                SessionSpec.of(Mechanisms.require("signal"), Exchange.LATENCY, 4096), logs)) {
            assertEchoes(session, 5);
            for (int round = 0; round < 3; round++) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread other = new Thread(() -> {
                    try {
                        assertEchoes(session, 5);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "measuring-thread-" + round);
                other.start();
                other.join(TimeUnit.SECONDS.toMillis(20));
                assertFalse(other.isAlive(), "round trips from " + other.getName() + " finished");
                assertNull(failure.get(), () -> "round trips from another thread: " + failure.get());
            }
            assertEchoes(session, 5);
        }
    }

    @Test
    void sweepRemovesWhatAKilledParentLeft() throws Exception {
        Process parent = SessionHolderMain.start(logs, Map.of(), "shm", "semaphore", "signal", "eventfd", "mmap-file");
        List<Path> dirs = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals(SessionHolderMain.READY);
                 line = out.readLine()) {
                dirs.add(Path.of(line.split(" ")[1]));
            }
            assertEquals(5, dirs.size(), "the parent opened five sessions");
            List<String> before = new ArrayList<>();
            for (Path dir : dirs) {
                before.addAll(devShmEntries(dir.getFileName().toString()));
            }
            assertEquals(6, before.size(), "four /dev/shm regions and two semaphores exist: " + before);
            assertTrue(Files.isRegularFile(dirs.get(4).resolve("region.mmap")), "the mmap-file region exists");
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> removed = LeftoverSweep.sweep().removed();
        assertTrue(removed.contains("mmap-file " + dirs.get(4).resolve("region.mmap")),
                "the sweep removed the mmap-file region by its ledger entry: " + removed);
        for (Path dir : dirs) {
            String prefix = dir.getFileName().toString();
            assertFalse(Files.exists(dir), "swept " + dir + "; removed: " + removed);
            assertEquals(List.of(), devShmEntries(prefix), "swept /dev/shm entries of " + prefix);
        }
    }

    private static void assertEchoes(EchoSession session, int roundTrips) throws IOException {
        int payloadBytes = session.trial().payloadBytes();
        ByteBuffer request = Payload.allocate(payloadBytes, session.trial().seed());
        ByteBuffer response = ByteBuffer.allocateDirect(payloadBytes);
        for (int i = 0; i < roundTrips; i++) {
            Payload.stamp(request, i);
            session.client().roundTrip(request, response);
            Payload.requireSame(request, response, "echo " + i + " on " + Thread.currentThread().getName());
        }
    }

    private static List<String> ledgerLines(Path scratch) throws IOException {
        return Files.readAllLines(scratch.resolve("ledger"), StandardCharsets.UTF_8);
    }

    private static List<String> devShmEntries(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(DEV_SHM)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(prefix)).sorted().toList();
        }
    }
}
