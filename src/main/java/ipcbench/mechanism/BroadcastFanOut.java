package ipcbench.mechanism;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A mechanism whose fan-out is one publisher end that every subscriber reads at once (one buffer read by all, or
 * several subscriptions of one publication), not one channel per subscriber written in turn. The run starts one echo
 * child per subscriber on the same trial ({@link Trial#members()} subscribers, each child {@link Trial#member(int)}),
 * each opening its subscriber end, and connects the publisher to them all.
 */
public interface BroadcastFanOut {
    /**
     * Parent side, before any subscriber starts: the objects every subscriber shares, for {@code trial.members()}
     * subscribers, each through {@code trial.scratch().recordThenCreate} (ledger first); removed by
     * {@link Mechanism#removeResource}. Returns what the parent must keep running while the subscribers run (the media
     * driver they all use), closed once every subscriber has ended, or null when there is nothing.
     */
    Closeable createFanOutResources(Trial trial) throws IOException;

    /**
     * Child side: subscriber {@code trial.member()}'s end. Its {@link EchoServer#serve} acknowledges every message,
     * checks that none is missed or out of order (and with {@link Trial#verify} its bytes), and returns when the
     * publisher closes.
     */
    EchoServer openSubscriber(Trial trial) throws IOException;

    /**
     * Parent side, once every subscriber is ready: the publisher. One {@link EchoClient#roundTrip} publishes the
     * request and returns when every subscriber has acknowledged it, with the message as published in the response
     * (each subscriber checks the sequence and, with verify, the bytes it read); it fails naming the subscriber that
     * died or stopped answering. Closing it ends every subscriber's loop.
     */
    Publisher connectPublisher(Trial trial, List<Process> subscribers) throws IOException;

    /** The publisher's end: a fan-out measures latency only, so it streams no batches. */
    interface Publisher extends EchoClient {
        @Override
        default void stream(ByteBuffer request, int messages) {
            throw new UnsupportedOperationException("a fan-out measures latency only");
        }
    }
}
