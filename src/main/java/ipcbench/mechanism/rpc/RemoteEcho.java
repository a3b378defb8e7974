package ipcbench.mechanism.rpc;

import java.io.IOException;
import java.rmi.Remote;
import java.rmi.RemoteException;

/** The remote interface the {@code rmi} child exports. Every call is synchronous: it returns when the server ran it. */
public interface RemoteEcho extends Remote {
    /** One round trip: the request comes back. */
    byte[] echo(byte[] request) throws RemoteException;

    /** One streamed message; throws (an IOException carried back by RMI) when the server's verify finds it wrong. */
    void sink(byte[] message) throws IOException;

    /** The end of a batch: the number of messages sunk since the last acknowledgement. */
    int ack() throws RemoteException;

    /** The client is done: ends the server's serve loop. */
    void bye() throws RemoteException;
}
