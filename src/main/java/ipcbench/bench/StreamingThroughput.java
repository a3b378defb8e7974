package ipcbench.bench;

import ipcbench.mechanism.Exchange;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One-way streaming throughput: one operation is one batch — the client sends {@code batchMessages} payloads
 * (about 4 MiB, at least 16 and at most 8192 messages, see {@link ipcbench.mechanism.Trial#batchMessagesFor}) and
 * waits for the child's single acknowledgement, timed end to end. Flow control is the mechanism's own (a full pipe
 * or socket buffer blocks the writer; lossy transports add windows of their own). Reported as messages/s and
 * bytes/s (JMH auxiliary counters, kept per iteration and fork); the primary score is batches/s.
 *
 * <p>Run alone: {@code java -jar target/benchmarks.jar StreamingThroughput -p mechanism=pipe -p payloadBytes=65536}.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamingThroughput extends EchoBenchmark {

    /** Messages and bytes sent, which JMH turns into rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Transferred {
        public long messages;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
            bytes = 0;
        }
    }

    /** Messages sent in the current iteration: cost.csv counts throughput cost per message. */
    private long iterationMessages;
    private boolean costing;

    @Override
    protected Exchange mode() {
        return Exchange.THROUGHPUT;
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) throws IOException {
        iterationMessages = 0;
        costing = iteration.getType() == IterationType.MEASUREMENT;
        if (costing) {
            beginCost();
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws IOException {
        if (costing) {
            endCost(iterationMessages);
            costing = false;
        }
    }

    @Benchmark
    public void batch(Transferred transferred) throws IOException {
        int messages = trial.batchMessages();
        client.stream(request, messages);
        iterationMessages += messages;
        transferred.messages += messages;
        transferred.bytes += (long) messages * payloadBytes;
    }
}
