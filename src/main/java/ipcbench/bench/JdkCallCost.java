package ipcbench.bench;

import ipcbench.os.DirectCalls;
import ipcbench.process.JvmFlags;
import org.agrona.BufferUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What the JDK's channels add per call, with no wake-up in the way: one operation writes one byte into one end of a
 * connected descriptor pair ({@link DescriptorPair}: pipe, uds, tcp, udp) and reads it from the other, in one thread,
 * so the read never waits. The same descriptors are written and read through the JDK channel the mechanisms use
 * ({@code jdk}), with plain write(2)/read(2) as the mechanisms' direct path makes them ({@link DirectCalls}: FFM on
 * JDK 22+, jnr-ffi before; {@code direct}), or mixed ({@code jdk-write}: JDK write,
 * direct read; {@code jdk-read}: the reverse). So the JDK adds (jdk-write − direct) per write and (jdk-read − direct)
 * per read, and a round trip makes two of each. Every read byte is checked against the byte written.
 *
 * <p>In-process on purpose: it measures the cost of a call, not of a mechanism. Run:
 * {@code java -jar target/benchmarks.jar JdkCallCost} (add {@code -prof perfnorm} for instructions per call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.ADD_EXPORTS_MISC, JvmFlags.ADD_OPENS_IO, JvmFlags.ADD_OPENS_NIO,
        JvmFlags.NATIVE_ACCESS})
@State(Scope.Thread)
public class JdkCallCost {
    @Param({"pipe", "uds", "tcp", "udp"})
    public String descriptor;

    @Param({"jdk", "direct", "jdk-write", "jdk-read"})
    public String path;

    private DescriptorPair pair;
    private DirectCalls directWrite;
    private DirectCalls directRead;
    private ByteBuffer out;
    private ByteBuffer in;
    private long outAddress;
    private long inAddress;
    private boolean jdkWrite;
    private boolean jdkRead;
    private byte next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        jdkWrite = path.equals("jdk") || path.equals("jdk-write");
        jdkRead = path.equals("jdk") || path.equals("jdk-read");
        if (!jdkWrite && !jdkRead && !path.equals("direct")) {
            throw new IllegalArgumentException("unknown path '" + path + "': jdk, direct, jdk-write or jdk-read");
        }
        out = ByteBuffer.allocateDirect(1);
        in = ByteBuffer.allocateDirect(1);
        outAddress = BufferUtil.address(out);
        inAddress = BufferUtil.address(in);
        // last: a set-up that fails leaves no tear-down to close what it opened
        pair = DescriptorPair.open(descriptor);
        directWrite = DirectCalls.on(pair.writeFd);
        directRead = DirectCalls.on(pair.readFd);
    }

    /** Writes one byte and reads it back on the other end; returns it (checked against the byte written). */
    @Benchmark
    public byte writeThenRead() throws IOException {
        byte sent = ++next;
        out.put(0, sent);
        if (jdkWrite) {
            out.clear();
            if (pair.writer.write(out) != 1) {
                throw new IOException("JDK write wrote no byte");
            }
        } else if (directWrite.write(outAddress, 1) != 1) {
            throw new IOException("write(2) failed on " + descriptor);
        }
        if (jdkRead) {
            in.clear();
            if (pair.reader.read(in) != 1) {
                throw new IOException("JDK read read no byte");
            }
        } else if (directRead.read(inAddress, 1) != 1) {
            throw new IOException("read(2) failed on " + descriptor);
        }
        byte received = in.get(0);
        if (received != sent) {
            throw new IOException(descriptor + ": read " + received + " after writing " + sent);
        }
        return received;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        pair.close();
    }
}
