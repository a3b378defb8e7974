package ipcbench.mechanism.memory;

import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.SubscriberChecks;
import ipcbench.mechanism.Trial;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code shm}'s fan-out: one shared region that the publisher writes and every subscriber reads. Layout, each word
 * on a cache line of its own: the published sequence at 0, subscriber i's acknowledged sequence at
 * {@code 128 * (i + 1)}, then the message. One message: the publisher copies the payload in and release-stores
 * its sequence k; each subscriber spins until it sees k, copies the payload out and release-stores k as its
 * acknowledgement; the publisher spins until every acknowledgement is k. The publisher writes the next message only
 * then, so no subscriber can read a half-written one (no ring is needed for one message in flight).
 *
 * <p>A subscriber fails when a sequence is not the one after its last (a missed or reordered message), and with
 * verify when the bytes are not the seeded payload stamped with that sequence. The publisher checks, every
 * {@value #LIVENESS_SPINS} spins, that the subscribers it waits for still run and answer within
 * {@value SubscriberChecks#ANSWER_WITHIN_S} s ({@link SubscriberChecks}). Sequence -1 closes the region. Both ends spin: shm has no sleeping variant.
 */
final class ShmBroadcast {
    static final String ROLE = "bcast-" + SharedRegion.ROLE;
    private static final int LINE = 128;
    private static final int SEQUENCE = 0;
    private static final long CLOSED = -1;
    private static final int LIVENESS_SPINS = 1 << 20;

    private ShmBroadcast() {
    }

    /** The region's file, named after the trial's member 0 so that every subscriber finds the same one. */
    static Path file(Trial trial) {
        return SharedRegion.path(trial.member(0).objectName(ROLE));
    }

    private static int ack(int subscriber) {
        return LINE * (subscriber + 1);
    }

    private static int data(int subscribers) {
        return LINE * (subscribers + 1);
    }

    private static long bytes(Trial trial) {
        return (long) data(trial.members()) + trial.payloadBytes();
    }

    /** Parent side: a private (0600) zeroed region for the trial's subscribers, after checking there is room. */
    static void create(Path file, Trial trial) throws IOException {
        long bytes = bytes(trial);
        long usable = Files.getFileStore(file.getParent()).getUsableSpace();
        if (usable < bytes) {
            throw new IOException(file.getParent() + " has " + usable + " bytes free, the broadcast region needs "
                    + bytes);
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
    }

    private static MappedByteBuffer map(Trial trial) throws IOException {
        Path file = file(trial);
        long bytes = bytes(trial);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() != bytes) {
                throw new IOException(file + " has " + channel.size() + " bytes, expected " + bytes);
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        }
    }

    /** One subscriber's end in its echo child. */
    static final class Subscriber implements EchoServer {
        private final MappedByteBuffer mapping;
        private final UnsafeBuffer region;
        private final int ack;
        private final int data;
        private final int payloadBytes;
        private final ByteBuffer copy;
        /** The seeded payload, stamped with each sequence before the compare; null without verify. */
        private final ByteBuffer expected;

        Subscriber(Trial trial) throws IOException {
            mapping = map(trial);
            region = new UnsafeBuffer(mapping);
            ack = ack(trial.member());
            data = data(trial.members());
            payloadBytes = trial.payloadBytes();
            copy = ByteBuffer.allocateDirect(payloadBytes);
            expected = trial.verify() ? Payload.allocate(payloadBytes, trial.seed()) : null;
        }

        @Override
        public void serve() throws IOException {
            long last = 0;
            while (true) {
                long sequence;
                while ((sequence = region.getLongVolatile(SEQUENCE)) == last) {
                    Thread.onSpinWait();
                }
                if (sequence == CLOSED) {
                    return;
                }
                if (sequence != last + 1) {
                    throw new IOException("message " + sequence + " after " + last + ": missed or out of order");
                }
                region.getBytes(data, copy, 0, payloadBytes);
                if (expected != null) {
                    Payload.stamp(expected, sequence);
                    Payload.requireSame(expected, copy, "a broadcast message");
                }
                region.putLongRelease(ack, sequence);
                last = sequence;
            }
        }

        @Override
        public void close() {
            IoUtil.unmap(mapping);
        }
    }

    /** The publisher, in the parent. */
    static final class Publisher implements BroadcastFanOut.Publisher {
        private final MappedByteBuffer mapping;
        private final UnsafeBuffer region;
        private final SubscriberChecks checks;
        private final int data;
        private final int payloadBytes;
        private long sequence;
        private boolean closed;

        Publisher(Trial trial, List<Process> subscribers) throws IOException {
            mapping = map(trial);
            region = new UnsafeBuffer(mapping);
            checks = new SubscriberChecks(subscribers);
            data = data(trial.members());
            payloadBytes = trial.payloadBytes();
        }

        @Override
        public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
            long next = sequence + 1;
            region.putBytes(data, request, 0, payloadBytes);
            region.putLongRelease(SEQUENCE, next);
            sequence = next;
            for (int i = 0; i < checks.count(); i++) {
                int spins = 0;
                checks.startWait();
                while (region.getLongVolatile(ack(i)) != next) {
                    if (++spins == LIVENESS_SPINS) {
                        spins = 0;
                        checks.requireAnswering(i);
                    }
                    Thread.onSpinWait();
                }
            }
            region.getBytes(data, response, 0, payloadBytes);
        }

        /** Publishes the end: every subscriber's loop returns. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                region.putLongRelease(SEQUENCE, CLOSED);
                IoUtil.unmap(mapping);
            }
        }
    }
}
