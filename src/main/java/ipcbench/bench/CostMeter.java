package ipcbench.bench;

import ipcbench.os.TaskCounters;
import ipcbench.process.CostSample;
import ipcbench.process.EchoSession;
import ipcbench.results.CostRow;
import ipcbench.results.ResultKey;
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
    void write(RunLayout layout, ResultKey key, String mode) throws IOException {
        if (operations == 0) {
            return;
        }
        List<String> lines = List.of(
                CostRow.partLine(key, mode, CostRow.CLIENT, CostRow.THREAD, operations, sums.clientThread()),
                CostRow.partLine(key, mode, CostRow.CLIENT, CostRow.PROCESS, operations, sums.clientProcess()),
                CostRow.partLine(key, mode, CostRow.SERVER, CostRow.THREAD, operations, sums.serverThread()),
                CostRow.partLine(key, mode, CostRow.SERVER, CostRow.PROCESS, operations, sums.serverProcess()));
        CostRow.writePart(layout.forkCostPart(key, mode, ProcessHandle.current().pid()), lines);
    }
}
