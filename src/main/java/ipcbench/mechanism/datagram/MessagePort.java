package ipcbench.mechanism.datagram;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One end of a message transport, as the datagram family uses it: one whole message per call, blocking
 * ({@link #receive}) or polling ({@link #receiveNow}, for the spinning wait). A message
 * of 0 bytes is the family's end-of-session marker, never a payload (payloads are at least 1 byte). Neither
 * {@link #send} nor {@link #receive} allocates; positions and limits of the buffers they get may move.
 */
interface MessagePort extends AutoCloseable {
    /** Sends bytes {@code [0, bytes)} of {@code message} as one message. */
    void send(ByteBuffer message, int bytes) throws IOException;

    /** Receives one message into {@code message} from byte 0 and returns its length; 0 is the end-of-session marker. */
    int receive(ByteBuffer message) throws IOException;

    /** What {@link #receiveNow} returns when no message is waiting. */
    int NOTHING = -1;

    /**
     * As {@link #receive}, but never sleeps: returns {@link #NOTHING} at once when no message is waiting (a
     * non-blocking descriptor's EAGAIN, System V's ENOMSG under IPC_NOWAIT). Needs {@link #prepareToSpin} first.
     */
    int receiveNow(ByteBuffer message) throws IOException;

    /**
     * The most messages the client may have in flight under open-loop load ({@link ipcbench.mechanism.EchoClient#maxInFlight}):
     * a transport whose two directions share one buffer bounds it.
     */
    default long loadWindowMessages() {
        return Long.MAX_VALUE;
    }

    /** Readies this port for {@link #receiveNow} (a socket the JDK reads becomes non-blocking); once, before use. */
    default void prepareToSpin() throws IOException {
    }

    /** One message, received as the trial's wait strategy says: sleeping in the kernel, or polling. */
    default int receive(ByteBuffer message, boolean spin) throws IOException {
        if (!spin) {
            return receive(message);
        }
        int bytes;
        while ((bytes = receiveNow(message)) == NOTHING) {
            Thread.onSpinWait();
        }
        return bytes;
    }

    /**
     * A direct buffer of {@code bytes} that this port sends from and receives into in place. Only a transport whose
     * messages carry a header in front of the payload (System V's mtype) needs its own; buffers from elsewhere
     * cost it one copy per message.
     */
    default ByteBuffer newMessageBuffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes);
    }

    /**
     * Called from another thread when the peer is gone or silent: makes a {@link #receive} blocked in this port return
     * 0 or throw, now and from then on. The port is unusable afterwards; {@link #close()} still must be called.
     */
    void abort() throws IOException;

    @Override
    void close() throws IOException;
}
