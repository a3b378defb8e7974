package ipcbench.bench;

import ipcbench.os.TaskCounters;
import ipcbench.process.CostSample;
import ipcbench.process.EchoSession;
import ipcbench.results.LoadRow;
import ipcbench.stats.MedianInterval;

import java.io.IOException;
import java.util.Arrays;

/**
 * The cores a load point keeps busy ({@link LoadRow.Cores}): at each interval boundary of the point
 * ({@link OpenLoop.Boundaries}) the kernel's run time of the client threads that carry the messages, of the echo
 * thread and of both whole processes (the echo child's read over its control socket), divided by the wall time
 * between boundaries. It reads on the load's meter thread, never in the hot loop.
 */
final class CoresMeter implements OpenLoop.Boundaries {
    private final EchoSession session;
    private final long[] wallNs;
    private final TaskCounters[] clientThreads;
    private final CostSample[] samples;

    /** A meter for a point of {@code intervals} measurement intervals. */
    CoresMeter(EchoSession session, int intervals) {
        this.session = session;
        this.wallNs = new long[intervals + 1];
        this.clientThreads = new TaskCounters[intervals + 1];
        this.samples = new CostSample[intervals + 1];
    }

    @Override
    public void at(int boundary, TaskCounters clientThreads) throws IOException {
        wallNs[boundary] = System.nanoTime();
        this.clientThreads[boundary] = clientThreads;
        samples[boundary] = session.costAtStart();
    }

    /** The point's cores, or {@link LoadRow.Cores#NOT_MEASURED} when a boundary was missed (the point failed). */
    LoadRow.Cores cores() {
        if (Arrays.asList(samples).contains(null)) {
            return LoadRow.Cores.NOT_MEASURED;
        }
        int intervals = samples.length - 1;
        double[] total = new double[intervals];
        double[] client = new double[intervals];
        double[] server = new double[intervals];
        double[] processes = new double[intervals];
        for (int k = 0; k < intervals; k++) {
            double spanNs = wallNs[k + 1] - wallNs[k];
            CostSample used = samples[k + 1].minus(samples[k]);
            client[k] = clientThreads[k + 1].minus(clientThreads[k]).runNs() / spanNs;
            server[k] = used.serverThread().runNs() / spanNs;
            total[k] = client[k] + server[k];
            processes[k] = (used.clientProcess().runNs() + used.serverProcess().runNs()) / spanNs;
        }
        MedianInterval interval = MedianInterval.of(total);
        return new LoadRow.Cores(MedianInterval.median(total), interval.low(), interval.high(),
                MedianInterval.median(client), MedianInterval.median(server), MedianInterval.median(processes));
    }
}
