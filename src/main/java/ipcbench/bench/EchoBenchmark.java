package ipcbench.bench;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;
import ipcbench.os.CpuAffinity;
import ipcbench.process.JvmFlags;
import ipcbench.process.Link;
import ipcbench.process.SerialFilter;
import ipcbench.results.ResultKey;
import ipcbench.results.RunLayout;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What both benchmarks share: for each trial (one result key in one fork) an echo-server child and its connected
 * clients ({@link EchoChild}), one per JMH thread, and each measuring thread pinned where the placement says. The
 * benchmarks see only {@link ipcbench.mechanism.EchoClient}; they know nothing of any mechanism's internals. Each
 * benchmark opens and closes a {@link CostMeter} window around every measurement iteration.
 *
 * <p>The annotations give the {@code quick} profile for runs of benchmarks.jar; the CLI sets the profile's values.
 */
@State(Scope.Thread)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.ADD_EXPORTS_MISC, JvmFlags.ADD_OPENS_IO, JvmFlags.ADD_OPENS_NIO,
        JvmFlags.NATIVE_ACCESS, SerialFilter.JMH_OPTION})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class EchoBenchmark {
    @Param({"tcp"})
    public String mechanism;

    @Param({"64"})
    public int payloadBytes;

    @Param({"cross"})
    public String placement;

    /** How both sides' receives wait: block or spin, one the mechanism offers ({@code shm}: spin only). */
    @Param({"block"})
    public String wait;

    /**
     * Which ends are native, client first: jvm-jvm, or jvm-native (the echo server is the native peer, which the CLI
     * built and names to the fork; see {@link Peers}). native-native never runs here: its client is not a JVM.
     */
    @Param({"jvm-jvm"})
    public String peers;

    /** How the Java ends make their system calls: jdk, or direct for the mechanisms that offer it ({@link Io}). */
    @Param({"jdk"})
    public String io;

    /** What joins the two ends: loopback, or a link the run set up whose far end runs the echo child ({@link Link}). */
    @Param({"loopback"})
    public String link;

    /**
     * pair (one client), fanin ({@link #fan} clients, one JMH thread each, served by one echo child) or fanout (one
     * publisher, {@link #fan} subscribers, each an echo child).
     */
    @Param({"pair"})
    public String topology;

    /** The clients of a fan-in (the run gives JMH as many threads) or the subscribers of a fan-out; 1 for a pair. */
    @Param({"1"})
    public int fan;

    /** The trial this benchmark's clients run (a fan-out's is its subscribers'). */
    protected Trial trial;
    /** The CPU the measuring threads are pinned to, or -1. */
    protected int clientCpu;
    /** How many JMH threads share the trial's echo child: a fan-in's clients, else 1. */
    protected int threads;
    /** This thread's client: member {@link #member} of the trial's clients. */
    protected EchoClient client;
    /** Which client this thread drives, 0 .. fan - 1 (JMH's thread index). */
    protected int member;
    /**
     * Both ends' CPU and context switches over the measurement iterations, for cost.csv; null in a fan-in or fan-out,
     * whose counters cannot be split among the clients or are spread over several children.
     */
    protected CostMeter cost;

    /** The bytes sent, seeded so the server can verify streamed messages. */
    protected ByteBuffer request;
    protected RunLayout layout;
    /** The benchmark's result key, from its JMH parameters: names its files and the key cells of its rows. */
    protected ResultKey key;
    protected boolean verify;

    protected abstract Exchange mode();

    @Setup(Level.Trial)
    public void openSession(BenchmarkParams benchmark, ThreadParams thread, EchoChild child) {
        layout = new RunLayout(ForkSettings.resultsDir());
        key = ResultKey.ofParams(benchmark::getParam);
        verify = ForkSettings.verify();
        trial = child.trial();
        clientCpu = child.clientCpu();
        threads = thread.getThreadCount();
        member = thread.getThreadIndex();
        client = child.client(member);
        request = Payload.allocate(payloadBytes, trial.seed());
        cost = child.pairSession() != null ? new CostMeter(child.pairSession()) : null;
    }

    /**
     * Runs on the thread that runs the iteration, which JMH does not promise is the trial's thread: pinning here
     * keeps the measuring thread where the placement says.
     */
    @Setup(Level.Iteration)
    public void pinMeasuringThread() throws IOException {
        if (clientCpu >= 0) {
            CpuAffinity.pinCurrentThread(clientCpu);
        }
    }

    /** Writes the pair's cost part; the echo child is closed by {@link EchoChild}, after every thread is done. */
    @TearDown(Level.Trial)
    public void writeCost() throws IOException {
        if (cost != null) {
            cost.write(layout, key, mode().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Opens this thread's cost window at the start of a measurement iteration (a pair only). */
    protected final void beginCost() throws IOException {
        if (cost != null) {
            cost.begin();
        }
    }

    /** Closes the window {@link #beginCost} opened, in which {@code operations} operations ran. */
    protected final void endCost(long operations) throws IOException {
        if (cost != null) {
            cost.end(operations);
        }
    }
}
