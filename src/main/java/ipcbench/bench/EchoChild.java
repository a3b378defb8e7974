package ipcbench.bench;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.process.EchoSession;
import ipcbench.process.Link;
import ipcbench.process.Peers;
import ipcbench.process.SessionSpec;
import ipcbench.registry.Mechanisms;
import ipcbench.results.Dimension;
import ipcbench.results.RunLayout;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;

/**
 * One trial's echo child and its connected clients, shared by the benchmark's threads: a pair has one thread and one
 * client; a fan-in of N clients has N JMH threads in this one fork, thread i driving client i ({@link #client}).
 * One fork, not N, because the N clients then share one clock, one warm-up and one measurement window, and JMH sums
 * the threads' throughput into the aggregate; the child serves each client through a server end of its own.
 *
 * <p>Reads the trial's dimensions from JMH's parameters (they are fields of {@link EchoBenchmark}).
 */
@State(Scope.Benchmark)
public class EchoChild {
    private EchoSession session;

    @Setup(Level.Trial)
    public void open(BenchmarkParams benchmark) throws IOException {
        int clients = clients(benchmark);
        if (benchmark.getThreads() != clients) {
            throw new IllegalStateException("a fan of " + clients + " clients runs " + clients + " JMH threads, not "
                    + benchmark.getThreads() + " (-t)");
        }
        Exchange mode = benchmark.getMode() == Mode.Throughput ? Exchange.THROUGHPUT : Exchange.LATENCY;
        session = EchoSession.open(SessionSpec.of(Mechanisms.require(benchmark.getParam("mechanism")), mode,
                        Integer.parseInt(benchmark.getParam("payloadBytes"))).verified(ForkSettings.verify())
                .placed(Placement.parse(benchmark.getParam("placement")))
                .waiting(WaitStrategy.parse(benchmark.getParam("wait")))
                .withPeers(Peers.of(benchmark.getParam("peers"))).through(Io.parse(benchmark.getParam("io")))
                .over(Link.named(benchmark.getParam("link"))).servingClients(clients),
                new RunLayout(ForkSettings.resultsDir()).logsDir());
    }

    /** The number of clients the benchmark's topology gives: its fan for fan-in, else 1. */
    static int clients(BenchmarkParams benchmark) {
        String topology = benchmark.getParam(Dimension.TOPOLOGY.jmhParam());
        if (topology == null || topology.equals(Dimension.TOPOLOGY.defaultValue())) {
            return 1;
        }
        if (!topology.equals(FAN_IN)) {
            throw new IllegalArgumentException("topology " + topology + " is not run by the echo benchmarks");
        }
        return Integer.parseInt(benchmark.getParam(Dimension.FAN.jmhParam()));
    }

    static final String FAN_IN = "fanin";

    EchoSession session() {
        return session;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (session != null) {
            session.close();
        }
    }
}
