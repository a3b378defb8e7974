package ipcbench.mechanism.memory;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The shared-memory family (shm, semaphore, signal): the payload always travels through the same region of
 * {@code /dev/shm} ({@link SharedRegion}: two Agrona single-producer/single-consumer rings), through one echo loop
 * ({@link MemoryEchoServer}) and one client ({@link MemoryClient}). A mechanism only supplies its {@link Handoff},
 * how one side waits for the other and wakes it, plus the named objects that handoff needs.
 *
 * <p>Limit: the suite's own ({@link Trial#MAX_PAYLOAD_BYTES}), because messages larger than a ring record
 * (1 MiB) are sent in chunks; what the host limits is /dev/shm's free space, checked when the region is created.
 */
public abstract class MemoryMechanism implements Mechanism {

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
    public Availability availability() {
        if (!Files.isDirectory(SharedRegion.DEV_SHM) || !Files.isWritable(SharedRegion.DEV_SHM)) {
            return Availability.unavailable("/dev/shm is not a writable directory; mount a tmpfs there "
                    + "(mount -t tmpfs tmpfs /dev/shm)");
        }
        return Availability.AVAILABLE;
    }

    @Override
    public int maxPayloadBytes() {
        return Trial.MAX_PAYLOAD_BYTES;
    }

    @Override
    public final void createResources(Trial trial) throws IOException {
        String region = trial.objectName(SharedRegion.ROLE);
        trial.scratch().record(id(), region);
        SharedRegion.create(region, trial.payloadBytes());
        createHandoffResources(trial);
    }

    @Override
    public final void removeResource(String objectName) throws IOException {
        if (objectName.endsWith("-" + SharedRegion.ROLE)) {
            SharedRegion.remove(objectName);
        } else {
            removeHandoffResource(objectName);
        }
    }

    @Override
    public final EchoServer openServer(Trial trial) throws IOException {
        SharedRegion region = SharedRegion.map(trial.objectName(SharedRegion.ROLE), trial.payloadBytes());
        try {
            return new MemoryEchoServer(trial, region, serverHandoff(trial, region));
        } catch (IOException | RuntimeException e) {
            region.close();
            throw e;
        }
    }

    @Override
    public final EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        SharedRegion region = SharedRegion.map(trial.objectName(SharedRegion.ROLE), trial.payloadBytes());
        try {
            return new MemoryClient(region, clientHandoff(trial, region, serverAddress, child), child);
        } catch (IOException | RuntimeException e) {
            region.close();
            throw e;
        }
    }
}
