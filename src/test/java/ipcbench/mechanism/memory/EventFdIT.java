package ipcbench.mechanism.memory;

import com.kenai.jffi.MemoryIO;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.os.EventFds;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eventfd mechanism beyond EchoSessionIT, with a real child: the client holds the very eventfds the child
 * created (taken with pidfd_getfd) and closes them; the counts are exact, one read per write, so after any round
 * trip or batch nothing is left over on either counter. The kernel's view of each eventfd (count, id, semaphore
 * mode) is read from /proc/PID/fdinfo.
 */
class EventFdIT {
    @TempDir
    Path logs;

    @BeforeEach
    void available() {
        Mechanism eventfd = Mechanisms.require("eventfd");
        Assumptions.assumeTrue(eventfd.availability().available(), () -> eventfd.availability().reason());
    }

    @Test
    void aReadTakesExactlyOneCount() throws IOException {
        int fd = EventFdMechanism.create();
        try {
            ByteBuffer value = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            long address = MemoryIO.getInstance().getDirectBufferAddress(value);
            value.putLong(0, 3);
            assertEquals(8, EventFds.INSTANCE.write(fd, address, 8));
            for (int expectedLeft = 2; expectedLeft >= 0; expectedLeft--) {
                value.putLong(0, 0);
                assertEquals(8, EventFds.INSTANCE.read(fd, address, 8));
                assertEquals(1, value.getLong(0), "a read takes one count (EFD_SEMAPHORE)");
                assertEquals(expectedLeft, count(fdInfo(ProcessHandle.current().pid(), fd)), "counts left");
            }
        } finally {
            EventFds.INSTANCE.close(fd);
        }
    }

    @Test
    void theClientHoldsTheChildsEventfdsAndClosesThem() throws IOException {
        long self = ProcessHandle.current().pid();
        Set<Integer> before = eventfds(self).keySet();
        try (EchoSession session = open(Exchange.LATENCY, 64)) {
            echo(session, 10);
            Map<Integer, Map<String, String>> taken = eventfds(self);
            taken.keySet().removeAll(before);
            assertEquals(2, taken.size(), "the client took two eventfds: " + taken);
            Map<Integer, Map<String, String>> childs = eventfds(session.serverProcess().pid());
            assertEquals(2, childs.size(), "the child created two eventfds: " + childs);
            Assumptions.assumeTrue(taken.values().iterator().next().containsKey("eventfd-id"),
                    "this kernel's fdinfo shows no eventfd-id");
            assertEquals(ids(childs), ids(taken), "the client's eventfds are the child's own");
            for (Map<String, String> info : taken.values()) {
                assertEquals("1", info.get("eventfd-semaphore"), "semaphore mode: " + info);
            }
        }
        assertEquals(before, eventfds(self).keySet(), "the client closed the eventfds it took");
    }

    /** A batch of 4 KiB messages overfills the 64 KiB request ring, so the client also waits for room. */
    @Test
    void noCountIsLeftOverAfterRoundTripsAndBatches() throws IOException {
        long self = ProcessHandle.current().pid();
        Set<Integer> before = eventfds(self).keySet();
        try (EchoSession session = open(Exchange.LATENCY, 64)) {
            for (int round = 0; round < 5; round++) {
                echo(session, 100);
                assertAllZero(self, before, "after " + (round + 1) * 100 + " round trips");
            }
        }
        try (EchoSession session = open(Exchange.THROUGHPUT, 4096)) {
            ByteBuffer request = Payload.allocate(4096, session.trial().seed());
            for (int batch = 0; batch < 5; batch++) {
                session.client().stream(request, session.trial().batchMessages());
                assertAllZero(self, before, "after batch " + batch + " of " + session.trial().batchMessages());
            }
        }
    }

    private EchoSession open(Exchange mode, int payloadBytes) throws IOException {
        return EchoSession.open(SessionSpec.of(Mechanisms.require("eventfd"), mode, payloadBytes).verified(true), logs);
    }

    private static void echo(EchoSession session, int roundTrips) throws IOException {
        ByteBuffer request = Payload.allocate(session.trial().payloadBytes(), session.trial().seed());
        ByteBuffer response = ByteBuffer.allocateDirect(session.trial().payloadBytes());
        for (int i = 0; i < roundTrips; i++) {
            Payload.stamp(request, i);
            session.client().roundTrip(request, response);
            Payload.requireSame(request, response, "echo " + i);
        }
    }

    private static void assertAllZero(long pid, Set<Integer> before, String when) throws IOException {
        Map<Integer, Map<String, String>> taken = eventfds(pid);
        taken.keySet().removeAll(before);
        assertEquals(2, taken.size(), "two eventfds: " + taken);
        for (Map.Entry<Integer, Map<String, String>> fd : taken.entrySet()) {
            assertEquals(0, count(fd.getValue()), "eventfd " + fd.getKey() + " " + when + ": " + fd.getValue());
        }
    }

    private static Set<String> ids(Map<Integer, Map<String, String>> eventfds) {
        Set<String> ids = new HashSet<>();
        eventfds.values().forEach(info -> ids.add(info.get("eventfd-id")));
        return ids;
    }

    private static long count(Map<String, String> info) {
        return Long.parseUnsignedLong(info.get("eventfd-count"), 16);
    }

    /** Every eventfd of process {@code pid}: descriptor to its fdinfo fields. */
    private static Map<Integer, Map<String, String>> eventfds(long pid) throws IOException {
        Map<Integer, Map<String, String>> found = new HashMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventfd]")) {
                        int number = Integer.parseInt(fd.getFileName().toString());
                        found.put(number, fdInfo(pid, number));
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // a descriptor of another thread, closed while listing
                }
            }
        }
        return found;
    }

    private static Map<String, String> fdInfo(long pid, int fd) throws IOException {
        Map<String, String> fields = new HashMap<>();
        Path info = Path.of("/proc", Long.toString(pid), "fdinfo", Integer.toString(fd));
        for (String line : Files.readAllLines(info, StandardCharsets.US_ASCII)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
