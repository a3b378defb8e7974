package ipcbench.mechanism.memory;

import ipcbench.mechanism.BroadcastFanOut;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shm}: shared memory only, both sides busy-spinning. One round trip (payload up to 4 KiB): the client copies
 * N bytes into the next request slot and release-stores its sequence number; the echo thread, spinning on that word,
 * copies the payload into the next response slot the same way (gathering it first: {@link SlotPort#echo}); the
 * client, spinning on the response slot, copies it out. Larger payloads go through the request and response rings
 * (Agrona tryClaim, copy, release store of the record length; above 1 MiB as 1 MiB records the echo thread gathers
 * in its own buffer before sending them back). No system call and no allocation on either side: the cost is the cache-line transfers between the CPUs
 * plus the copies (layout: {@link SharedRegion}). A batch: the client writes N-byte records while the request ring
 * has room (spinning when it is full: the ring is the flow control), the server reads them and writes one 1-byte
 * ACK record after {@code batchMessages}.
 *
 * <p>Spinning costs a whole CPU per side while waiting. Both sides on ONE CPU (placement same) is the worst case
 * by design: the waiter spins until the scheduler preempts it, so a handoff takes a scheduler time slice.
 */
public final class ShmMechanism extends MemoryMechanism implements BroadcastFanOut {
    /** Its fan-out is its own: one region that every subscriber reads ({@link ShmBroadcast}). */
    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public Closeable createFanOutResources(Trial trial) throws IOException {
        Path region = ShmBroadcast.file(trial);
        trial.scratch().recordThenCreate(id(), SharedRegion.ledgerName(region),
                () -> ShmBroadcast.create(region, trial));
        return null;
    }

    @Override
    public EchoServer openSubscriber(Trial trial) throws IOException {
        return new ShmBroadcast.Subscriber(trial);
    }

    @Override
    public Publisher connectPublisher(Trial trial, List<Process> subscribers) throws IOException {
        return new ShmBroadcast.Publisher(trial, subscribers);
    }

    @Override
    public String id() {
        return "shm";
    }

    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.SPIN);
    }


    @Override
    Handoff serverHandoff(Trial trial, SharedRegion region) {
        return new Spin();
    }

    @Override
    Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child) {
        return new Spin();
    }

    /** Signals nothing and never sleeps: {@link RingPort} spins on the rings' own positions (mmap-file too). */
    static final class Spin implements Handoff {
        @Override
        public boolean sleeps() {
            return false;
        }

        @Override
        public void signalPeer() {
        }

        @Override
        public void awaitPeer() {
        }

        @Override
        public void wakeSelf() {
            // the spinning thread reads the client's peer-gone flag on every turn
        }

        @Override
        public void close() {
        }
    }
}
