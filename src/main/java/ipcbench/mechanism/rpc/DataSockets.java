package ipcbench.mechanism.rpc;

import ipcbench.mechanism.DataAddress;

import java.io.IOException;
import java.io.Serializable;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;

/**
 * RMI's sockets for the {@code rmi} mechanism: the server listens on the trial's data address only (127.0.0.1 unless
 * the child runs across a link; a port of {@code --data-ports} when given), and the client connects to that address
 * whatever host name RMI wrote into the stub, with TCP_NODELAY (as the {@code tcp} mechanism). It travels inside the
 * stub, so it is Serializable, and equal instances let RMI share one listening port and reuse connections.
 */
final class DataSockets implements RMIClientSocketFactory, RMIServerSocketFactory, Serializable {
    private static final long serialVersionUID = 2L;

    private final String host;
    private final int firstPort;
    private final int lastPort;

    DataSockets(DataAddress address) {
        this.host = address.host();
        this.firstPort = address.firstPort();
        this.lastPort = address.lastPort();
    }

    private DataAddress address() {
        return new DataAddress(host, firstPort, lastPort);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        // RMI asks for port 0 (the export's): the address's range, or an ephemeral port
        return address().firstFree(at -> new ServerSocket(at.getPort(), 1, at.getAddress()));
    }

    @Override
    public Socket createSocket(String ignoredStubHost, int port) throws IOException {
        Socket socket = new Socket(address().inet(), port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataSockets sockets && host.equals(sockets.host) && firstPort == sockets.firstPort
                && lastPort == sockets.lastPort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, firstPort, lastPort);
    }
}
