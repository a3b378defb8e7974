package ipcbench.process;

import ipcbench.Await;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.CpuAffinity;
import ipcbench.os.Subprocess;
import ipcbench.results.HostFloor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The host's floor, measured by the C peer between two real processes: its numbers are ordered and come from the
 * pairs it says, a floor that cannot be measured says why, and a killed measurement leaves no echoing child behind.
 * Nothing here asserts how fast the host is.
 */
class FloorMeterIT {
    private NativePeer peer;
    private List<Integer> cpus;

    @BeforeEach
    void peer() throws Exception {
        peer = NativePeer.here();
        assumeTrue(peer.availability().available(), () -> "no native peer here: " + peer.availability().reason());
        cpus = CpuAffinity.allowedCpus();
    }

    @Test
    void aBlockFloorOnOneCpuIsMeasuredInFivePairs() {
        int cpu = cpus.get(0);
        HostFloor floor = FloorMeter.measure(peer, HostFloor.BEFORE, "same", cpu, cpu, List.of(WaitStrategy.BLOCK),
                FloorMeter.BLOCK_ROUND_TRIPS).get(0);
        assertTrue(floor.isMeasured(), floor.summary());
        HostFloor.Measured measured = floor.measured();
        assertEquals(FloorMeter.PAIRS, measured.pairs());
        assertEquals(FloorMeter.BLOCK_ROUND_TRIPS, measured.roundTripsPerPair());
        assertTrue(0 < measured.lowNs() && measured.lowNs() <= measured.p50Ns()
                && measured.p50Ns() <= measured.highNs(), floor.summary());
        assertTrue(measured.p50Ns() <= measured.p99Ns(), floor.summary());
        assertNull(floor.warning(), "one CPU is never warned about: " + floor.summary());
    }

    @Test
    void bothFloorsAcrossTwoCpusAreMeasured() {
        assumeTrue(cpus.size() >= 2, "needs two CPUs to pin the ends apart");
        List<HostFloor> floors = FloorMeter.measure(peer, HostFloor.AFTER, "cross", cpus.get(0), cpus.get(1),
                List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN), FloorMeter.BRIEF_BLOCK_ROUND_TRIPS);
        assertEquals(List.of("block", "spin"), floors.stream().map(HostFloor::waitStrategy).toList());
        for (HostFloor floor : floors) {
            HostFloor.Measured measured = floor.measured();
            assertTrue(measured != null && measured.lowNs() <= measured.p50Ns()
                    && measured.p50Ns() <= measured.highNs(), floor.summary());
            assertTrue(floor.summary().contains("after the benchmarks"), floor.summary());
        }
        assertEquals(FloorMeter.SPIN_PER_BLOCK_ROUND_TRIP * FloorMeter.BRIEF_BLOCK_ROUND_TRIPS,
                floors.get(1).measured().roundTripsPerPair());
    }

    @Test
    void spinningOnOneCpuHasNoFloorAndSaysWhy() throws Exception {
        int cpu = cpus.get(0);
        HostFloor floor = FloorMeter.measure(peer, HostFloor.BEFORE, "same", cpu, cpu, List.of(WaitStrategy.SPIN),
                FloorMeter.BRIEF_BLOCK_ROUND_TRIPS).get(0);
        assertFalse(floor.isMeasured());
        assertTrue(floor.summary().contains("take turns by time slice"), floor.summary());
        Subprocess.Result refused = Subprocess.output(List.of(peer.binary().toString(), "floor", "SPIN",
                Integer.toString(cpu), Integer.toString(cpu), "10"), null, Duration.ofSeconds(10));
        assertEquals(2, refused.exitCode(), refused.output());
        assertEquals(1, refused.output().lines().count(), refused.output());
    }

    @Test
    void aCpuOutsideTheAllowedSetFailsThePairWithItsReason() {
        int outside = 1023;
        assumeTrue(!cpus.contains(outside), "CPU 1023 is allowed here");
        HostFloor floor = FloorMeter.measure(peer, HostFloor.BEFORE, "cross", cpus.get(0), outside,
                List.of(WaitStrategy.BLOCK), FloorMeter.BRIEF_BLOCK_ROUND_TRIPS).get(0);
        assertFalse(floor.isMeasured());
        assertTrue(floor.reason().contains("exited 1"), floor.reason());
    }

    @Test
    void aKilledMeasurementTakesItsEchoingChildWithIt() throws Exception {
        Process floor = new ProcessBuilder(peer.binary().toString(), "floor", "BLOCK", "-1", "-1", "1000000")
                .redirectErrorStream(true).start();
        try {
            Path children = Path.of("/proc", Long.toString(floor.pid()), "task", Long.toString(floor.pid()),
                    "children");
            long child = Await.result(() -> "the floor's echoing child to start", Duration.ofSeconds(30), () -> {
                String text = Files.exists(children) ? Files.readString(children).trim() : "";
                return text.isEmpty() ? null : Long.parseLong(text.split(" ")[0]);
            });
            floor.destroyForcibly().waitFor();
            Await.until(() -> "the echoing child " + child + " to end with its parent", Duration.ofSeconds(30),
                    () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
        } finally {
            floor.destroyForcibly();
        }
        assertNotNull(floor.exitValue());
    }
}
