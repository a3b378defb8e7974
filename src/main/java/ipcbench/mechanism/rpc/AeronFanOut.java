package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.SubscriberChecks;
import ipcbench.mechanism.Trial;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code aeron-ipc}'s fan-out: several subscriptions of one publication, through one media driver. The driver runs
 * in the publisher's process (Aeron's one driver per host; its thread unpinned, as in a pair), in {@code aeron}
 * under the trial's private directory; every subscriber child is an Aeron client of it. The publisher's exclusive
 * publication on the request stream ({@link AeronIpcMechanism#CHANNEL}) is read by every subscriber through its own
 * image of the same log: the message is written once. Each subscriber acknowledges on an exclusive publication of its
 * own on the reply stream ({@link #ACK_CHANNEL}), so no two contend for one log's tail; the publisher polls them all
 * through one subscription.
 *
 * <p>An acknowledgement is {@value #ACK_BYTES} bytes: the message's sequence (the subscriber's count, from 1) and the
 * subscriber's index. Sequence 0 is each subscriber's hello, sent once the request stream reaches it; the publisher
 * publishes nothing before every hello is in, so no subscriber joins the stream late. The publisher fails on an
 * acknowledgement of another message than the one it waits for (missed, repeated or out of order); a subscriber with
 * verify fails on bytes that are not the seeded payload stamped with its count. Both ends poll with a yielding idle
 * strategy (spin only). The publisher checks, every {@value #LIVENESS_EVERY} empty polls, that the subscribers it
 * waits for still run and answer within {@value SubscriberChecks#ANSWER_WITHIN_S} s ({@link SubscriberChecks}).
 * Closing the publication ends every subscriber.
 */
final class AeronFanOut {
    /**
     * The acknowledgements' logs, with the term length of every other stream here, so that one subscriber's
     * acknowledgement travels as a pair's echo does; a 64 KiB term lengthened the tail (docs/measurements).
     */
    static final String ACK_CHANNEL = new ChannelUriStringBuilder().media("ipc").termLength(AeronTransport.TERM_LENGTH).build();
    private static final int ACK_BYTES = 16;
    private static final int ACK_SEQUENCE = 0;
    private static final int ACK_SUBSCRIBER = 8;
    private static final long HELLO = 0;
    private static final int LIVENESS_EVERY = 4096;
    private static final String ID = "aeron-ipc";

    private AeronFanOut() {
    }

    /** The driver's directory: member 0's, so every subscriber finds the same one. */
    private static Path directory(Trial trial) {
        return trial.member(0).file(AeronTransport.SERVER_DIRECTORY);
    }

    /** Parent side: the media driver every subscriber and the publisher use, on a daemon thread; close stops it. */
    static Closeable launchDriver(Trial trial) throws IOException {
        Path directory = directory(trial);
        try {
            MediaDriver driver = AeronTransport.launchDriver(directory, runnable -> {
                Thread thread = new Thread(runnable, ID + "-fanout-driver");
                thread.setDaemon(true);
                return thread;
            });
            return driver::close;
        } catch (RuntimeException e) {
            throw new IOException("aeron: cannot start the media driver in " + directory + ": " + e, e);
        }
    }

    private static Aeron client(Trial trial, AeronErrors errors) throws IOException {
        Path directory = directory(trial);
        try {
            return Aeron.connect(new Aeron.Context().aeronDirectoryName(directory.toString()).errorHandler(errors)
                    .threadFactory(runnable -> {
                        Thread thread = new Thread(runnable, ID + "-client-conductor");
                        thread.setDaemon(true);
                        return thread;
                    }));
        } catch (RuntimeException e) {
            throw new IOException("aeron: cannot connect to the media driver in " + directory + ": " + e, e);
        }
    }

    /** One subscriber's end in its echo child. */
    static final class Subscriber implements EchoServer, FragmentHandler {
        private final Aeron aeron;
        private final Subscription requests;
        private final ExclusivePublication acks;
        private final AeronErrors errors;
        private final AeronTransport.Liveness alive;
        private final IdleStrategy idle = new YieldingIdleStrategy();
        private final IdleStrategy offerIdle = new YieldingIdleStrategy();
        private final UnsafeBuffer ack = new UnsafeBuffer(ByteBuffer.allocateDirect(ACK_BYTES));
        private final int payloadBytes;
        /** Where each message is copied out, as a reader would. */
        private final ByteBuffer copy;
        /** The seeded payload, stamped with each count before the compare; null without verify. */
        private final ByteBuffer expected;
        private long received;
        /** What the handler found wrong: Aeron's poll catches exceptions thrown in a handler, so it is kept here. */
        private IOException failure;

        Subscriber(Trial trial) throws IOException {
            errors = new AeronErrors(ID, "subscriber " + trial.member());
            alive = () -> errors.throwIfAny(null);
            aeron = client(trial, errors);
            try {
                requests = aeron.addSubscription(AeronIpcMechanism.CHANNEL, AeronTransport.REQUEST_STREAM);
                acks = aeron.addExclusivePublication(ACK_CHANNEL, AeronTransport.REPLY_STREAM);
            } catch (RuntimeException e) {
                aeron.close();
                throw new IOException("aeron: cannot open subscriber " + trial.member() + "'s streams: " + e, e);
            }
            ack.putInt(ACK_SUBSCRIBER, trial.member());
            payloadBytes = trial.payloadBytes();
            copy = ByteBuffer.allocateDirect(payloadBytes);
            expected = trial.verify() ? Payload.allocate(payloadBytes, trial.seed()) : null;
        }

        @Override
        public void serve() throws IOException {
            Image image = AeronTransport.awaitStreams(requests, acks, errors, idle, "the publisher");
            acknowledge(HELLO);
            AeronTransport.pollUntilEnd(image, new FragmentAssembler(this), idle, errors, () -> {
                if (failure != null) {
                    throw failure;
                }
                return false;
            });
        }

        /** One whole (reassembled) message: copied out, checked with verify, acknowledged. Inside poll. */
        @Override
        public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
            if (failure != null) {
                return;
            }
            try {
                if (length != payloadBytes) {
                    throw new IOException("aeron: a " + length + "-byte message in a " + payloadBytes + "-byte trial");
                }
                long sequence = received + 1;
                buffer.getBytes(offset, copy, 0, length);
                if (expected != null) {
                    Payload.stamp(expected, sequence);
                    Payload.requireSame(expected, copy, "a broadcast message");
                }
                acknowledge(sequence);
                received = sequence;
            } catch (IOException e) {
                failure = e;
            }
        }

        private void acknowledge(long sequence) throws IOException {
            ack.putLong(ACK_SEQUENCE, sequence);
            AeronTransport.offer(acks, ack, 0, ACK_BYTES, offerIdle, alive);
        }

        @Override
        public void close() {
            CloseHelper.closeAll(acks, requests, aeron);
        }
    }

    /** The publisher, in the parent. Allocation-free per message. */
    static final class Publisher implements BroadcastFanOut.Publisher, FragmentHandler {
        private final Aeron aeron;
        private final ExclusivePublication requests;
        private final Subscription acks;
        private final SubscriberChecks checks;
        private final AeronErrors errors;
        private final IdleStrategy idle = new YieldingIdleStrategy();
        private final IdleStrategy offerIdle = new YieldingIdleStrategy();
        private final AeronTransport.Liveness offerAlive = this::checkWhileBackPressured;
        private final UnsafeBuffer outgoing = new UnsafeBuffer(new byte[0]);
        private final int payloadBytes;
        /** The last sequence each subscriber acknowledged; -1 before its hello. */
        private final long[] acknowledged;
        private long sequence;
        private long awaited;
        private int outstanding;
        private int emptyPolls;
        /** What the handler found wrong: Aeron's poll catches exceptions thrown in a handler, so it is kept here. */
        private IOException wrongAck;
        private boolean closed;

        private Publisher(Aeron aeron, ExclusivePublication requests, Subscription acks, List<Process> subscribers,
                          AeronErrors errors, int payloadBytes) {
            this.aeron = aeron;
            this.requests = requests;
            this.acks = acks;
            checks = new SubscriberChecks(subscribers);
            this.errors = errors;
            this.payloadBytes = payloadBytes;
            acknowledged = new long[checks.count()];
            Arrays.fill(acknowledged, -1);
        }

        /** Opens the streams and waits (bounded) for every subscriber's hello. */
        static Publisher connect(Trial trial, List<Process> subscribers) throws IOException {
            AeronErrors errors = new AeronErrors(ID, "parent");
            Aeron aeron = client(trial, errors);
            try {
                Subscription acks = aeron.addSubscription(ACK_CHANNEL, AeronTransport.REPLY_STREAM);
                ExclusivePublication requests = aeron.addExclusivePublication(AeronIpcMechanism.CHANNEL,
                        AeronTransport.REQUEST_STREAM);
                Publisher publisher = new Publisher(aeron, requests, acks, subscribers, errors, trial.payloadBytes());
                publisher.awaitEveryAck(HELLO);
                return publisher;
            } catch (IOException | RuntimeException e) {
                aeron.close();
                throw e;
            }
        }

        @Override
        public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
            outgoing.wrap(request);
            emptyPolls = 0;
            checks.startWait();
            try {
                AeronTransport.offer(requests, outgoing, 0, payloadBytes, offerIdle, offerAlive);
            } catch (IOException e) {
                errors.throwIfAny(e);
                throw e;
            }
            awaitEveryAck(++sequence);
            outgoing.getBytes(0, response, 0, payloadBytes);
        }

        private void awaitEveryAck(long message) throws IOException {
            awaited = message;
            outstanding = checks.count();
            emptyPolls = 0;
            checks.startWait();
            idle.reset();
            while (outstanding > 0) {
                if (acks.poll(this, AeronTransport.FRAGMENTS_PER_POLL) == 0) {
                    if (++emptyPolls % LIVENESS_EVERY == 0) {
                        check();
                    }
                    idle.idle();
                } else if (wrongAck != null) {
                    IOException wrong = wrongAck;
                    wrongAck = null;
                    throw wrong;
                }
            }
        }

        /** One acknowledgement; inside poll. */
        @Override
        public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
            if (wrongAck != null) {
                return;
            }
            int subscriber = length == ACK_BYTES ? buffer.getInt(offset + ACK_SUBSCRIBER) : -1;
            if (subscriber < 0 || subscriber >= checks.count()) {
                wrongAck = new IOException("aeron: an acknowledgement of " + length + " bytes from no subscriber of "
                        + checks.count());
                return;
            }
            long acked = buffer.getLong(offset + ACK_SEQUENCE);
            if (acked != awaited || acknowledged[subscriber] == acked) {
                wrongAck = new IOException(checks.name(subscriber) + ": acknowledged message " + acked + " while message "
                        + awaited + " was awaited: missed, repeated or out of order");
                return;
            }
            acknowledged[subscriber] = acked;
            outstanding--;
        }

        /** On the offer's idle path: no subscriber may be gone, and the stream must take the message within the bound. */
        private void checkWhileBackPressured() throws IOException {
            if (++emptyPolls % LIVENESS_EVERY != 0) {
                return;
            }
            errors.throwIfAny(null);
            for (int i = 0; i < checks.count(); i++) {
                checks.requireRunning(i);
            }
            if (checks.waitedTooLong()) {
                throw new IOException("aeron: the request stream stayed back-pressured for "
                        + SubscriberChecks.ANSWER_WITHIN_S + " s");
            }
        }

        /** Fails naming a subscriber that has not acknowledged and is gone or silent beyond the bound. */
        private void check() throws IOException {
            errors.throwIfAny(null);
            for (int i = 0; i < checks.count(); i++) {
                if (acknowledged[i] != awaited) {
                    checks.requireAnswering(i);
                }
            }
        }

        /** Closes the publication: every subscriber's image ends, and its loop returns. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                aeron.close();
            }
        }
    }
}
