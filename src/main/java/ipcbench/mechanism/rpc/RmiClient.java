package ipcbench.mechanism.rpc;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Trial;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import java.util.Base64;

/** The parent's end of {@code rmi}: see {@link RmiMechanism}. */
final class RmiClient implements EchoClient {
    private final RemoteEcho server;
    private final Process child;
    private final byte[] message;

    private RmiClient(RemoteEcho server, Process child, int payloadBytes) {
        this.server = server;
        this.child = child;
        this.message = new byte[payloadBytes];
    }

    static RmiClient connect(Trial trial, String address, Process child) throws IOException {
        byte[] stub = Base64.getDecoder().decode(address);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stub))) {
            return new RmiClient((RemoteEcho) in.readObject(), child, trial.payloadBytes());
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("rmi: the child's address is not a RemoteEcho stub: " + e, e);
        }
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        request.clear();
        request.get(message);
        byte[] echo = server.echo(message);
        if (echo.length != response.capacity()) {
            throw new IOException("rmi: echo of " + echo.length + " bytes for a " + response.capacity() + "-byte request");
        }
        response.clear();
        response.put(echo);
    }

    @Override
    public void stream(ByteBuffer request, int messages) throws IOException {
        request.clear();
        request.get(message);
        for (int i = 0; i < messages; i++) {
            server.sink(message);
        }
        int acknowledged = server.ack();
        if (acknowledged != messages) {
            throw new IOException("rmi: the server acknowledged " + acknowledged + " of a " + messages
                    + "-message batch");
        }
    }

    /** Tells the child to stop; a child that is already gone has nothing to be told. */
    @Override
    public void close() throws IOException {
        try {
            server.bye();
        } catch (IOException e) {
            if (child.isAlive()) {
                throw e;
            }
        }
    }
}
