package ipcbench.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The parent's end of an echo child's control channel: lines out (the token, cost queries), lines in (readiness,
 * cost replies), never data. A private Unix socket for a child started here; the launcher's stdin and stdout for a
 * child across a link. Reads never block: the caller polls with its own deadline and liveness check. Closing it is
 * the child's signal to exit.
 */
abstract sealed class ControlLine implements AutoCloseable {
    /** Writes {@code line} and a newline, whole. */
    abstract void send(String line) throws IOException;

    /** Reads what has arrived into {@code into} without waiting: bytes read, 0 for none yet, -1 at end of stream. */
    abstract int readNow(ByteBuffer into) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /** The first complete line in {@code bytes} (without its newline), or null while there is none. */
    static String firstLine(ByteBuffer bytes) {
        for (int i = 0; i < bytes.position(); i++) {
            if (bytes.get(i) == '\n') {
                byte[] line = new byte[i];
                bytes.get(0, line);
                return new String(line, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A non-blocking Unix socket. */
    static final class Socket extends ControlLine {
        private final SocketChannel channel;

        Socket(SocketChannel channel) throws IOException {
            channel.configureBlocking(false);
            this.channel = channel;
        }

        @Override
        void send(String line) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        int readNow(ByteBuffer into) throws IOException {
            return channel.read(into);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The child process's stdin (ours to write) and stdout (ours to read), through its launcher. */
    static final class Stdio extends ControlLine {
        private final OutputStream toChild;
        private final InputStream fromChild;

        Stdio(Process process) {
            this.toChild = process.getOutputStream();
            this.fromChild = process.getInputStream();
        }

        @Override
        void send(String line) throws IOException {
            toChild.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toChild.flush();
        }

        @Override
        int readNow(ByteBuffer into) throws IOException {
            int ready = Math.min(fromChild.available(), into.remaining());
            if (ready == 0) {
                return 0;
            }
            int read = fromChild.read(into.array(), into.arrayOffset() + into.position(), ready);
            if (read > 0) {
                into.position(into.position() + read);
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            try {
                toChild.close();
            } finally {
                fromChild.close();
            }
        }
    }
}
