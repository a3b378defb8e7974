package ipcbench.mechanism.memory;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.WaitStrategy;

import org.agrona.concurrent.ringbuffer.RecordDescriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared-memory family (shm, semaphore, signal, eventfd, mmap-file): the payload always travels through the
 * same region layout ({@link SharedRegion}: two Agrona single-producer/single-consumer rings in one mapped file, in
 * {@code /dev/shm} unless {@link #regionFile} says otherwise), through one echo loop
 * ({@link MemoryEchoServer}) and one client ({@link MemoryClient}). A mechanism only supplies its {@link Handoff},
 * how one side waits for the other and wakes it, plus the named objects that handoff needs.
 *
 * <p>Limit: the suite's own ({@link Trial#MAX_PAYLOAD_BYTES}), because messages larger than a ring record
 * (1 MiB) are sent in chunks; what the host limits is the file system's free space, checked when the region is
 * created.
 *
 * <p>Every handoff runs under open-loop load with at most {@link #loadWindowMessages} requests in flight, so that
 * neither ring fills: a sleeping handoff's wake-up count (a semaphore, a signal to one thread id, an eventfd) then
 * serves the client's receiving thread alone (its sending thread never waits for room), and a spinning one polls on
 * one thread without the echo thread ever waiting for room in the response ring.
 */
public abstract class MemoryMechanism implements Mechanism, OpenLoad {

    /** The region's file: {@code /dev/shm/<trial>-region} unless the mechanism keeps it elsewhere. */
    Path regionFile(Trial trial) {
        return SharedRegion.path(trial.objectName(SharedRegion.ROLE));
    }

    /** Parent side, in createResources after the region: creates the handoff's named objects (ledger first). */
    void createHandoffResources(Trial trial) throws IOException {
    }

    /** Removes one of the handoff's named objects (never the region, which this class removes). */
    void removeHandoffResource(String objectName) throws IOException {
    }

    /** Child side, on the echo thread: the server's handoff. */
    abstract Handoff serverHandoff(Trial trial, SharedRegion region) throws IOException;

    /** Parent side: the client's handoff, given what the server reported. */
    abstract Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child)
            throws IOException;

    @Override
    public String whyHostLocal() {
        return "shared memory is one machine's memory, and its wake-ups one kernel's";
    }

    @Override
    public String whyNoLoad(int payloadBytes) {
        return loadWindowMessages(payloadBytes) < 1 ? "a " + payloadBytes + "-byte message does not fit its ring ("
                + SharedRegion.ringCapacity(payloadBytes) + " bytes) with room to spare, so no request can be in "
                + "flight without a side waiting for room" : null;
    }

    /** Spinning handoffs poll on the sending thread under load (the first wait strategy is spin). */
    @Override
    public boolean pollsUnderLoad() {
        return waits().get(0) == WaitStrategy.SPIN;
    }

    /**
     * The most requests in flight under load that never fill a ring: the ring's capacity less one record (Agrona may
     * pad at the wrap), over the ring bytes of one message (each record 8 header bytes plus its chunk, 8-aligned).
     */
    static long loadWindowMessages(int payloadBytes) {
        int capacity = SharedRegion.ringCapacity(payloadBytes);
        int maxRecord = capacity / 8; // Agrona's largest record (OneToOneRingBuffer.maxMsgLength)
        long messageBytes = 0;
        for (int left = payloadBytes; left > 0; left -= maxRecord) {
            messageBytes += recordBytes(Math.min(left, maxRecord));
        }
        return (capacity - recordBytes(Math.min(payloadBytes, maxRecord))) / messageBytes;
    }

    private static long recordBytes(int chunk) {
        return (chunk + RecordDescriptor.HEADER_LENGTH + RecordDescriptor.ALIGNMENT - 1L)
                & -(long) RecordDescriptor.ALIGNMENT;
    }

    @Override
    public Availability availability() {
        if (!Files.isDirectory(SharedRegion.DEV_SHM) || !Files.isWritable(SharedRegion.DEV_SHM)) {
            return Availability.unavailable("/dev/shm is not a writable directory; mount a tmpfs there "
                    + "(mount -t tmpfs tmpfs /dev/shm)");
        }
        return Availability.AVAILABLE;
    }

    /**
     * A sleeping handoff can also poll (sem_trywait, a zero-timeout sigtimedwait, a non-blocking eventfd read); the
     * counts stay exact either way. {@code shm} and {@code mmap-file} only spin.
     */
    @Override
    public List<WaitStrategy> waits() {
        return List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN);
    }

    @Override
    public final void createResources(Trial trial) throws IOException {
        Path region = regionFile(trial);
        trial.scratch().recordThenCreate(id(), SharedRegion.ledgerName(region),
                () -> SharedRegion.create(region, trial.payloadBytes()));
        createHandoffResources(trial);
    }

    @Override
    public final void removeResource(String objectName) throws IOException {
        Optional<Path> region = SharedRegion.fromLedgerName(objectName);
        if (region.isPresent()) {
            SharedRegion.remove(region.get());
        } else {
            removeHandoffResource(objectName);
        }
    }

    @Override
    public final EchoServer openServer(Trial trial) throws IOException {
        SharedRegion region = SharedRegion.map(regionFile(trial), trial.payloadBytes());
        try {
            return new MemoryEchoServer(trial, region, serverHandoff(trial, region));
        } catch (IOException | RuntimeException e) {
            region.close();
            throw e;
        }
    }

    @Override
    public final EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        SharedRegion region = SharedRegion.map(regionFile(trial), trial.payloadBytes());
        try {
            return new MemoryClient(region, clientHandoff(trial, region, serverAddress, child), child,
                    trial.payloadBytes(), loadWindowMessages(trial.payloadBytes()));
        } catch (IOException | RuntimeException e) {
            region.close();
            throw e;
        }
    }
}
