package ipcbench.bench;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.process.EchoSession;
import ipcbench.process.Link;
import ipcbench.process.Peers;
import ipcbench.process.SessionSpec;
import ipcbench.process.Subscribers;
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
 * One trial's echo children and their connected clients, shared by the benchmark's threads: a pair has one thread and
 * one client; a fan-in of N clients has N JMH threads in this one fork, thread i driving client i ({@link #client}).
 * One fork, not N, because the N clients then share one clock, one warm-up and one measurement window, and JMH sums
 * the threads' throughput into the aggregate; the child serves each client through a server end of its own. A
 * fan-out of N subscribers has one thread, the publisher, and N echo children ({@link Subscribers}).
 *
 * <p>Reads the trial's dimensions from JMH's parameters (they are fields of {@link EchoBenchmark}).
 */
@State(Scope.Benchmark)
public class EchoChild {
    /** The pair's or the fan-in's one echo child; null in a fan-out. */
    private EchoSession session;
    /** The fan-out's subscribers; null otherwise. */
    private Subscribers subscribers;

    @Setup(Level.Trial)
    public void open(BenchmarkParams benchmark) throws IOException {
        String topology = benchmark.getParam(Dimension.TOPOLOGY.jmhParam());
        int fan = Integer.parseInt(benchmark.getParam(Dimension.FAN.jmhParam()));
        int threads = Dimension.Topology.FAN_IN.equals(topology) ? fan : 1;
        if (benchmark.getThreads() != threads) {
            throw new IllegalStateException(topology + " of " + fan + " runs " + threads + " JMH threads, not "
                    + benchmark.getThreads() + " (-t)");
        }
        Exchange mode = benchmark.getMode() == Mode.Throughput ? Exchange.THROUGHPUT : Exchange.LATENCY;
        SessionSpec spec = SessionSpec.of(Mechanisms.require(benchmark.getParam("mechanism")), mode,
                        Integer.parseInt(benchmark.getParam("payloadBytes"))).verified(ForkSettings.verify())
                .placed(Placement.parse(benchmark.getParam("placement")))
                .waiting(WaitStrategy.parse(benchmark.getParam("wait")))
                .withPeers(Peers.of(benchmark.getParam("peers"))).through(Io.parse(benchmark.getParam("io")))
                .over(Link.named(benchmark.getParam("link")));
        java.nio.file.Path logs = new RunLayout(ForkSettings.resultsDir()).logsDir();
        if (Dimension.Topology.FAN_OUT.equals(topology)) {
            subscribers = Subscribers.open(spec, fan, logs);
        } else {
            session = EchoSession.open(spec.servingClients(threads), logs);
        }
    }

    /** The trial the benchmark's clients run: a fan-out's, that of its subscribers. */
    Trial trial() {
        return session != null ? session.trial() : subscribers.trial();
    }

    /** The CPU every measuring thread is pinned to, or -1. */
    int clientCpu() {
        return session != null ? session.clientCpu() : subscribers.clientCpu();
    }

    /** The pair's session, whose both ends' counters give the cost per operation; null for a fan. */
    EchoSession pairSession() {
        return session != null && session.clientCount() == 1 ? session : null;
    }

    /** What JMH thread {@code member} drives: its client, or in a fan-out the publisher. */
    EchoClient client(int member) {
        return session != null ? session.client(member) : subscribers.publisher();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (session != null) {
            session.close();
        }
        if (subscribers != null) {
            subscribers.close();
        }
    }
}
