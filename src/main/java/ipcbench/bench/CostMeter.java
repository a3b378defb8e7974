package ipcbench.bench;

import ipcbench.os.TaskCounters;
import ipcbench.process.CostSample;
import ipcbench.process.EchoSession;
import ipcbench.results.CostRow;
import ipcbench.results.RunLayout;

import java.io.IOException;
import java.util.List;

/**
 * Sums both ends' kernel counters over one trial's measurement iterations: a sample at the start and at the end of
 * each (never in the hot loop), the operations in between, and at the trial's end one part file for cost.csv
 * ({@link CostRow}). Warm-up iterations are not counted.
 */
final class CostMeter {
    private final EchoSession session;
    private CostSample start;
    private CostSample sums = CostSample.ZERO;
    private long operations;

    CostMeter(EchoSession session) {
        this.session = session;
    }

    /** Opens a window: call on the measuring thread at the start of a measurement iteration. */
    void begin() throws IOException {
        start = session.costAtStart();
    }

    /** Closes the window opened by {@link #begin}, in which {@code iterationOperations} operations ran. */
    void end(long iterationOperations) throws IOException {
        if (start == null) {
            return;
        }
        sums = sums.plus(session.costAtEnd().minus(start));
        operations += iterationOperations;
        start = null;
    }

    /** Writes this fork's sums (nothing when no measurement iteration ran). */
    void write(RunLayout layout, String mechanism, int payloadBytes, String placement, String wait, String peers,
               String mode)
            throws IOException {
        if (operations == 0) {
            return;
        }
        List<String> lines = List.of(
                line(mechanism, payloadBytes, placement, wait, peers, mode, CostRow.CLIENT, CostRow.THREAD, sums.clientThread()),
                line(mechanism, payloadBytes, placement, wait, peers, mode, CostRow.CLIENT, CostRow.PROCESS,
                        sums.clientProcess()),
                line(mechanism, payloadBytes, placement, wait, peers, mode, CostRow.SERVER, CostRow.THREAD, sums.serverThread()),
                line(mechanism, payloadBytes, placement, wait, peers, mode, CostRow.SERVER, CostRow.PROCESS,
                        sums.serverProcess()));
        CostRow.writePart(layout.forkCostPart(RunLayout.key(mechanism, payloadBytes, placement, wait, peers), mode,
                ProcessHandle.current().pid()), lines);
    }

    private String line(String mechanism, int payloadBytes, String placement, String wait, String peers, String mode,
                        String side, String scope, TaskCounters counters) {
        return CostRow.partLine(mechanism, payloadBytes, placement, wait, peers, mode, side, scope, operations,
                counters);
    }
}
