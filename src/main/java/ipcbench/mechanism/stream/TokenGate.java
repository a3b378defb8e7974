package ipcbench.mechanism.stream;

import ipcbench.mechanism.PeerToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The TCP echo server's door: it accepts connections until one presents the trial's {@link PeerToken} as its first
 * {@link PeerToken#BYTES} bytes within {@link #TOKEN_WAIT_MS}; every other connection (wrong or no token, too slow,
 * closed) is closed and named on stderr (the child's log), and the trial goes on. Runs before the echo loop, so
 * no measured operation pays for it.
 */
final class TokenGate {
    static final long TOKEN_WAIT_MS = 2_000;

    private TokenGate() {
    }

    /** Blocks until the client with {@code token} is there; returns its connection, blocking again. */
    static SocketChannel admit(ServerSocketChannel server, PeerToken token, String mechanismId) throws IOException {
        while (true) {
            SocketChannel socket = server.accept();
            String peer = String.valueOf(socket.getRemoteAddress());
            String refused;
            try {
                refused = check(socket, token);
            } catch (IOException e) {
                refused = e.toString();
            }
            if (refused == null) {
                return socket;
            }
            socket.close();
            System.err.println(mechanismId + ": dropped a connection from " + peer + ": " + refused);
        }
    }

    /** Null when the token arrives in time, else why not; the socket is blocking again when it returns null. */
    private static String check(SocketChannel socket, PeerToken token) throws IOException {
        ByteBuffer received = ByteBuffer.allocate(PeerToken.BYTES);
        long deadlineNs = System.nanoTime() + TOKEN_WAIT_MS * 1_000_000;
        socket.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            socket.register(selector, SelectionKey.OP_READ);
            while (received.hasRemaining()) {
                long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return "no token within " + TOKEN_WAIT_MS + " ms";
                }
                selector.select(leftMs);
                selector.selectedKeys().clear();
                if (socket.read(received) < 0) {
                    return "closed after " + received.position() + " bytes, before a whole token";
                }
            }
        }
        socket.configureBlocking(true);
        return token.matches(received.flip()) ? null : "wrong token";
    }
}
