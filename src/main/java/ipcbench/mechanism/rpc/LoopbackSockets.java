package ipcbench.mechanism.rpc;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;

/**
 * RMI's sockets for the {@code rmi} mechanism: the server listens on 127.0.0.1 only, and the client connects to
 * 127.0.0.1 whatever host name RMI wrote into the stub, with TCP_NODELAY (as the {@code tcp} mechanism). It travels
 * inside the stub, so it is Serializable, and equal instances let RMI share one listening port and reuse
 * connections.
 */
final class LoopbackSockets implements RMIClientSocketFactory, RMIServerSocketFactory, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoopbackSockets;
    }

    @Override
    public int hashCode() {
        return LoopbackSockets.class.hashCode();
    }
}
