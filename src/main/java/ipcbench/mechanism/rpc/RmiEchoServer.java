package ipcbench.mechanism.rpc;

import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.Trial;
import ipcbench.os.CpuAffinity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.rmi.RemoteException;
import java.rmi.server.UnicastRemoteObject;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * The child's end of {@code rmi}: see {@link RmiMechanism}. Who may call: the object's id is random (RMI's
 * {@code java.rmi.server.randomIDs}, set here so nothing turns it off) and travels only inside the stub, which the
 * child reports on the private control socket; a caller that does not hold the stub cannot name the object. What a
 * call may carry: the export's filter lets arguments deserialize only as byte arrays no larger than the trial's
 * payload, so a call with any other object is rejected before that object is made.
 */
final class RmiEchoServer implements EchoServer {
    private final Endpoint endpoint;
    private final String address;

    private RmiEchoServer(Endpoint endpoint, String address) {
        this.endpoint = endpoint;
        this.address = address;
    }

    static RmiEchoServer export(Trial trial) throws IOException {
        // RMI writes this host name into the stub; the client's socket factory ignores it and dials the trial's data
        // address, but without it RMI would look up the machine's name for nothing
        System.setProperty("java.rmi.server.hostname", trial.address().host());
        System.setProperty("java.rmi.server.randomIDs", "true");
        Endpoint endpoint = new Endpoint(trial);
        DataSockets sockets = new DataSockets(trial.address());
        RemoteEcho stub = (RemoteEcho) UnicastRemoteObject.exportObject(endpoint, 0, sockets, sockets,
                argumentsFilter(trial.payloadBytes()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stub);
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(endpoint, true);
            throw e;
        }
        return new RmiEchoServer(endpoint, Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    /** A call's arguments: byte arrays of at most {@code payloadBytes}, nothing nested, nothing else. */
    static ObjectInputFilter argumentsFilter(int payloadBytes) {
        return info -> {
            if (info.depth() > 1) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            return type == byte[].class && info.arrayLength() <= payloadBytes
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    /** The stub, serialized and Base64-encoded: it names the port, the object id and the socket factory. */
    @Override
    public String address() {
        return address;
    }

    /** Waits until the client says {@code bye}; throws what a {@code sink} call found wrong. */
    @Override
    public void serve() throws IOException {
        try {
            endpoint.bye.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while serving");
        }
        IOException failed = endpoint.failure;
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() throws IOException {
        UnicastRemoteObject.unexportObject(endpoint, true);
    }

    /** The exported object; its methods run on RMI's connection threads. */
    private static final class Endpoint implements RemoteEcho {
        private final int serverCpu;
        private final byte[] expected;
        private final CountDownLatch bye = new CountDownLatch(1);
        private volatile Thread pinned;
        private volatile int sunk;
        private volatile IOException failure;

        Endpoint(Trial trial) {
            this.serverCpu = trial.serverCpu();
            if (trial.verify()) {
                ByteBuffer payload = Payload.allocate(trial.payloadBytes(), trial.seed());
                expected = new byte[trial.payloadBytes()];
                payload.get(expected);
            } else {
                expected = null;
            }
        }

        @Override
        public byte[] echo(byte[] request) throws RemoteException {
            pin();
            return request;
        }

        @Override
        public void sink(byte[] message) throws IOException {
            pin();
            if (expected != null) {
                int at = Arrays.mismatch(expected, message);
                if (at >= 0) {
                    IOException wrong = Payload.differs("streamed message " + sunk, at, expected.length);
                    failure = wrong;
                    throw wrong;
                }
            }
            sunk++;
        }

        @Override
        public int ack() throws RemoteException {
            int messages = sunk;
            sunk = 0;
            return messages;
        }

        @Override
        public void bye() {
            bye.countDown();
        }

        /**
         * Pins RMI's connection thread on its first call (calls on one connection come one at a time, on one
         * thread): one identity check per call, one sched_setaffinity per new thread.
         */
        private void pin() throws RemoteException {
            Thread current = Thread.currentThread();
            if (serverCpu >= 0 && current != pinned) {
                try {
                    CpuAffinity.pinCurrentThread(serverCpu);
                } catch (IOException e) {
                    throw new RemoteException("cannot pin the RMI connection thread", e);
                }
                pinned = current;
            }
        }
    }
}
