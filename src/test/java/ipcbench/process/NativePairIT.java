package ipcbench.process;

import ipcbench.Await;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.os.ScratchDirectory;
import ipcbench.os.TaskCounters;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers native-native: the native peer's pair command for every mechanism it lists, at 1, 64 and 4096 B (capped at
 * the mechanism's limit) with every wait the mechanism offers, the client verifying every echo; its samples parse
 * into one non-empty interval per measurement iteration, and nothing of the trial is left. A pair whose Java parent
 * is SIGKILLed dies with its server child. {@code -Dipcbench.it.mechanism=<id>} runs one mechanism only.
 */
class NativePairIT {
    private static final int[] SIZES = {1, 64, 4096};
    private static final long ECHOES_SEEN = 1_000;
    private static final NativePair.Iterations SHORT = new NativePair.Iterations(1, 100, 2, 150);

    @TempDir
    Path logs;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Mechanism mechanism : NativeEchoIT.selected()) {
            TreeSet<Integer> sizes = NativeEchoIT.sizesFor(mechanism, SIZES);
            for (WaitStrategy wait : mechanism.waits()) {
                for (int size : sizes) {
                    cases.add(Arguments.of(mechanism.id(), wait, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) {2} B: C client and C server")
    @MethodSource("cases")
    void pairMeasuresVerifiedRoundTripsAndLeavesNothing(String id, WaitStrategy wait, int payloadBytes)
            throws IOException {
        Mechanism mechanism = NativeEchoIT.withNativePeer(id);
        List<String> before = ours();

        NativePair.Result result = NativePair.run(NativePeer.here().binary(), mechanism, payloadBytes, true,
                Placement.NONE, wait, SHORT, logs);

        assertEquals(2, result.intervals().size(), "one interval per measurement iteration");
        // a 150 ms iteration of two unpinned spinners on a busy machine may complete no round trip; the pair may not
        assertTrue(result.intervals().stream().mapToLong(Histogram::getTotalCount).sum() > 0,
                id + ": round trips recorded");
        for (Histogram interval : result.intervals()) {
            assertTrue(interval.getTotalCount() == 0 || interval.getMinValue() > 0, id + ": no zero round trip");
            assertTrue(interval.getEndTimeStamp() >= interval.getStartTimeStamp(), "epoch-ms stamps in order");
            assertTrue(interval.getStartTimeStamp() > 1_600_000_000_000L, "epoch ms, not a monotonic clock");
        }
        assertEquals(before, ours(), id + ": no private directory or /dev/shm entry left");
        try (Stream<Path> files = Files.list(logs)) {
            assertEquals(List.of(), files.toList(), "a clean pair leaves no (empty) log");
        }
    }

    @Test
    void pairDiesWithItsSigkilledParent() throws Exception {
        NativeEchoIT.withNativePeer("pipe");
        Process holder = PairHolderMain.start(NativePeer.here().binary(), "pipe", logs);
        List<ProcessHandle> pair = measuringPair(holder);

        holder.destroyForcibly();
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        for (ProcessHandle process : pair) {
            ParentDeathIT.awaitEnd(process, "after the pair's parent was SIGKILLed");
        }
        List<String> swept = LeftoverSweep.sweep().removed();
        assertTrue(swept.stream().anyMatch(line -> line.contains(ScratchDirectory.PREFIX + holder.pid() + "-")),
                "the dead parent's private directory is swept: " + swept);
    }

    @Test
    void aStoppedParentKillsItsPairAndRemovesTheTrialsObjects() throws Exception {
        NativeEchoIT.withNativePeer("posix-mq");
        Process holder = PairHolderMain.start(NativePeer.here().binary(), "posix-mq", logs);
        List<ProcessHandle> pair = measuringPair(holder);
        String prefix = ScratchDirectory.PREFIX + holder.pid() + "-";
        assertFalse(entries(prefix).isEmpty(), "the trial's directory and queues exist while the pair runs");

        holder.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook cleans up, no sweep needed
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        for (ProcessHandle process : pair) {
            ParentDeathIT.awaitEnd(process, "after its parent was stopped");
        }
        assertEquals(List.of(), entries(prefix), "nothing of the stopped parent's trial is left");
    }

    /**
     * The holder's pair (its child running the peer's pair command) and the pair's server child, once they measure:
     * the server has made more than {@link #ECHOES_SEEN} voluntary context switches (with the holder's blocking wait
     * it blocks on a read once per echo; starting up blocks a few times). Kills the holder and fails when the holder
     * ends first or they never measure.
     */
    private static List<ProcessHandle> measuringPair(Process holder) throws Exception {
        try {
            return Await.result(() -> "the pair and its server child measure: " + holder.descendants().toList(),
                    Duration.ofSeconds(60), () -> {
                        assertTrue(holder.isAlive(), "the holder ended before its pair measured");
                        for (ProcessHandle pair : holder.children().toList()) {
                            boolean isPair = pair.info().arguments().map(a -> a.length > 0 && a[0].equals("pair"))
                                    .orElse(false);
                            List<ProcessHandle> server = pair.children().toList();
                            if (isPair && server.size() == 1 && voluntarySwitches(server.get(0)) > ECHOES_SEEN) {
                                return List.of(pair, server.get(0));
                            }
                        }
                        return null;
                    });
        } catch (AssertionError | Exception notMeasuring) { // also an interrupt from the test's deadline
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
            throw notMeasuring;
        }
    }

    /** The process's voluntary context switches so far; 0 when it is already gone. */
    private static long voluntarySwitches(ProcessHandle process) {
        try {
            return TaskCounters.read(Path.of("/proc", Long.toString(process.pid()))).voluntarySwitches();
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Private directories, /dev/shm files and POSIX queues whose names start with {@code prefix}. */
    private static List<String> entries(String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"),
                Path.of("/dev/mqueue"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> listed = Files.list(dir)) {
                    listed.filter(e -> e.getFileName().toString().startsWith(prefix))
                            .forEach(e -> found.add(e.toString()));
                }
            }
        }
        return found;
    }

    /** This JVM's private directories and /dev/shm entries. */
    private static List<String> ours() throws IOException {
        String prefix = ScratchDirectory.PREFIX + ProcessHandle.current().pid() + "-";
        List<String> found = new ArrayList<>();
        for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    entries.filter(e -> e.getFileName().toString().contains(prefix))
                            .forEach(e -> found.add(e.toString()));
                }
            }
        }
        found.sort(null);
        return found;
    }
}
