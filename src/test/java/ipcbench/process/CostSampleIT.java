package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.CpuAffinity;
import ipcbench.os.Placement;
import ipcbench.os.TaskCounters;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost figures of a real session are positive and plausible: a spinning side's hot thread never sleeps (under
 * 0.05 voluntary switches per round trip) and, when nothing preempted it, is on the CPU for at least half of each
 * round trip; a blocking side sleeps about once per round trip (at
 * least 0.5 voluntary switches each). Both ends are pinned on two CPUs, so a
 * spinning side does not wait for its peer to be preempted. No timing is asserted.
 */
class CostSampleIT {
    private static final int ROUND_TRIPS = 20_000;

    @TempDir
    Path logs;

    @ParameterizedTest(name = "{0} {1}: cost per round trip is plausible")
    @CsvSource({"pipe, BLOCK", "pipe, SPIN", "udp, SPIN", "semaphore, BLOCK", "semaphore, SPIN", "shm, SPIN"})
    void costPerRoundTripIsPlausible(String id, WaitStrategy wait) throws IOException {
        Mechanism mechanism = RunnableHere.orSkip(id);
        Assumptions.assumeTrue(CpuAffinity.allowedCpus().size() >= 2, "needs two CPUs to pin both ends apart");
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, 64)
                .placed(Placement.CROSS).waiting(wait), logs)) {
            // a thread of its own, pinned as a benchmark's measuring thread is, so the test JVM's threads stay free
            ExecutorService pinned = Executors.newSingleThreadExecutor();
            try {
                pinned.submit(() -> {
                    measure(session, id, wait);
                    return null;
                }).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AssertionError failed) {
                    throw failed;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                pinned.shutdownNow();
            }
        }
    }

    private static void measure(EchoSession session, String id, WaitStrategy wait) throws IOException {
        CpuAffinity.pinCurrentThread(session.clientCpu());
        ByteBuffer request = Payload.allocate(64, 1);
        ByteBuffer response = ByteBuffer.allocateDirect(64);
        for (int i = 0; i < 2_000; i++) {
            session.client().roundTrip(request, response);
        }
        CostSample start = session.costAtStart();
        long startNs = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            session.client().roundTrip(request, response);
        }
        double roundTripNs = (System.nanoTime() - startNs) / (double) ROUND_TRIPS;
        CostSample spent = session.costAtEnd().minus(start);
        String figures = id + " " + wait + ": round trip " + roundTripNs + " ns, " + spent;

        for (TaskCounters counters : new TaskCounters[] {spent.clientThread(), spent.clientProcess(),
            spent.serverThread(), spent.serverProcess()}) {
            assertTrue(counters.runNs() > 0, figures);
        }
        // a process's window holds its hot thread's, and the process counts that thread's switches too
        assertTrue(spent.clientProcess().runNs() >= spent.clientThread().runNs(), figures);
        assertTrue(spent.serverProcess().runNs() >= spent.serverThread().runNs(), figures);
        assertTrue(spent.clientProcess().voluntarySwitches() >= spent.clientThread().voluntarySwitches(), figures);
        assertTrue(spent.serverProcess().voluntarySwitches() >= spent.serverThread().voluntarySwitches(), figures);
        double clientCpuPerOp = spent.clientThread().runNs() / (double) ROUND_TRIPS;
        double serverCpuPerOp = spent.serverThread().runNs() / (double) ROUND_TRIPS;
        if (wait == WaitStrategy.SPIN) {
            assertTrue(spent.clientThread().voluntarySwitches() < 0.05 * ROUND_TRIPS, "a spinning client never sleeps: "
                    + figures);
            assertTrue(spent.serverThread().voluntarySwitches() < 0.05 * ROUND_TRIPS, "a spinning server never sleeps: "
                    + figures);
            // on CPU for most of each round trip, unless other work preempted it at all (on a busy host one preemption
            // can take milliseconds off the CPU; the runqueue time that would account for it is not sampled)
            if (spent.clientThread().involuntarySwitches() == 0) {
                assertTrue(clientCpuPerOp >= 0.5 * roundTripNs, "a spinning client is on the CPU: " + figures);
            }
            if (spent.serverThread().involuntarySwitches() == 0) {
                assertTrue(serverCpuPerOp >= 0.5 * roundTripNs, "a spinning server is on the CPU: " + figures);
            }
        } else {
            assertTrue(spent.clientThread().voluntarySwitches() >= 0.5 * ROUND_TRIPS,
                    "a blocking client sleeps per round trip: " + figures);
            assertTrue(spent.serverThread().voluntarySwitches() >= 0.5 * ROUND_TRIPS,
                    "a blocking server sleeps per round trip: " + figures);
        }
    }
}
