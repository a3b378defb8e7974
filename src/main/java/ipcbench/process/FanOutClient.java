package ipcbench.process;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.LoadClient;
import ipcbench.mechanism.Payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The publisher of a fan-out over one channel per subscriber: one round trip writes the message to every subscriber
 * in turn (subscriber 0 first), then reads every subscriber's echo in the same order, so it ends when the last
 * subscriber's acknowledgement is in. Each subscriber is an echo child of its own ({@link EchoSession}); its echo is
 * its acknowledgement and proves it received that message whole. Reading in subscriber order cannot tell which echo
 * arrived first, so only the time to the last is measured.
 *
 * <p>Every echo of a message must fit in its channel's buffer while the publisher still writes to the next
 * subscribers: {@link Subscribers#MAX_PAYLOAD_BYTES}. A subscriber's failure names it ({@code subscriber 1: …});
 * with {@code verify} every echo is compared with the message (the compare is then inside the measured time, as for
 * a pair). Allocation-free.
 */
public final class FanOutClient implements EchoClient {
    private final List<LoadClient> subscribers;
    private final String[] names;
    /** What a verify failure calls each echo, made once: the hot loop builds no string. */
    private final String[] echoes;
    private final boolean verify;

    FanOutClient(List<LoadClient> subscribers, boolean verify) {
        this.subscribers = List.copyOf(subscribers);
        this.verify = verify;
        names = new String[subscribers.size()];
        echoes = new String[subscribers.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = "subscriber " + i;
            echoes[i] = names[i] + "'s echo";
        }
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        int count = subscribers.size();
        for (int i = 0; i < count; i++) {
            request.clear();
            try {
                subscribers.get(i).send(request);
            } catch (IOException e) {
                throw new IOException(names[i] + ": " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < count; i++) {
            response.clear();
            try {
                subscribers.get(i).receive(response);
            } catch (IOException e) {
                throw new IOException(names[i] + ": " + e.getMessage(), e);
            }
            if (verify) {
                Payload.requireSame(request, response, echoes[i]);
            }
        }
    }

    /** Fan-out measures latency only: a streamed batch has one subscriber's acknowledgement, not every one's. */
    @Override
    public void stream(ByteBuffer request, int messages) {
        throw new UnsupportedOperationException("a fan-out measures latency only");
    }

    /** Nothing: each subscriber's session owns its channel and closes it ({@link Subscribers#close}). */
    @Override
    public void close() {
    }
}
