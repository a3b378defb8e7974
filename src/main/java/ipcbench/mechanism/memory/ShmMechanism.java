package ipcbench.mechanism.memory;

import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;
import java.util.List;

/**
 * {@code shm}: shared memory only, both sides busy-spinning. One round trip: the client copies N bytes into the
 * request ring (Agrona tryClaim, copy, release store of the record length); the echo thread, spinning on that
 * length word, copies the record straight into the response ring the same way; the client, spinning on the
 * response ring, copies it out. (Above 1 MiB the message travels as 1 MiB records and the echo thread gathers
 * them in its own buffer before sending them back.) No system call and no allocation on either side: the cost
 * is the cache-line transfers between the CPUs plus the copies. A batch: the client writes N-byte records while
 * the request ring has room (spinning when it is full: the ring is the flow control), the server reads them and
 * writes one 1-byte ACK record after {@code batchMessages}.
 *
 * <p>Spinning costs a whole CPU per side while waiting. Both sides on ONE CPU (placement same) is the worst case
 * by design: the waiter spins until the scheduler preempts it, so a handoff takes a scheduler time slice.
 */
public final class ShmMechanism extends MemoryMechanism {
    @Override
    public String id() {
        return "shm";
    }

    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.SPIN);
    }

    @Override
    public String summary() {
        return "shared memory (/dev/shm): two Agrona SPSC rings, both sides busy-spin, no syscalls";
    }

    /** Both sides spin on the rings' positions: a sending and a receiving client thread share nothing. */
    @Override
    public String whyNoLoad() {
        return null;
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
