package ipcbench.mechanism.rpc;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Trial;

import java.io.IOException;

/**
 * {@code rmi}: Java RMI (JRMP over TCP on 127.0.0.1, or across a link the trial's data address; TCP_NODELAY). The child exports one {@link RemoteEcho} object on
 * an ephemeral loopback port ({@link DataSockets}) and reports its stub, serialized, as its address; no registry
 * is involved.
 *
 * <p>One round trip is one {@code echo(byte[])} call on the stub: the measuring thread copies the direct buffer into a
 * byte array and RMI serializes it (Java serialization of the call and the array) onto a pooled connection; in the
 * child, RMI's connection thread for that socket reads and deserializes it, runs {@code echo} and serializes the array
 * back; the measuring thread deserializes it (a new array) and copies it into the response buffer. No thread hop in
 * the parent; in the child the work runs on RMI's connection thread, which pins itself to the trial's server CPU on
 * its first call (the child's main thread only waits). RMI allocates per call (streams, call objects, the arrays);
 * JMH's gc profiler shows how much.
 *
 * <p>One streaming batch: RMI has no one-way call, so a batch is {@code messages} synchronous {@code sink(byte[])}
 * calls, each carrying the payload one way and only a void return back, then one {@code ack()} call that returns the
 * number of messages the server received (and, with verify, checked) since the last one.
 *
 * <p>Shutdown: the client's {@code close()} calls {@code bye()}, which ends the child's serve loop; the child
 * unexports its object. The parent keeps only RMI's client-side threads (connection reaper, DGC lease renewal),
 * which are daemon threads, so they do not keep a JVM alive.
 */
public final class RmiMechanism implements Mechanism {
    @Override
    public String whyNoLoad() {
        return "a synchronous RMI call carries one request per calling thread; it cannot have several in flight";
    }

    /** Its server binds the trial's data address and its client dials it. */
    @Override
    public String whyHostLocal() {
        return null;
    }

    @Override
    public String id() {
        return "rmi";
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    /** RMI allocates per call (object streams, call objects, the deserialized array). */
    @Override
    public boolean allocationFree() {
        return false;
    }

    /** Serialization and the call path settle only after seconds of JIT compilation on a small VM, as gRPC's do. */
    @Override
    public int minWarmupMillis() {
        return 5_000;
    }

    @Override
    public int maxPayloadBytes() {
        return Trial.MAX_PAYLOAD_BYTES;
    }

    @Override
    public EchoServer openServer(Trial trial) throws IOException {
        return RmiEchoServer.export(trial);
    }

    @Override
    public EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        return RmiClient.connect(trial, serverAddress, child);
    }
}
