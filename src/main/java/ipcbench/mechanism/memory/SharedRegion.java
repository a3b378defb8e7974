package ipcbench.mechanism.memory;

import ipcbench.os.ScratchDirectory;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The one layout of the memory family's shared region: one file, created empty (zeroed) by the parent and mapped
 * read-write (MAP_SHARED) by both processes, in {@code /dev/shm} (for {@code mmap-file}: the trial's private
 * directory). A 4 KiB header of control words (one per 128-byte block, so unrelated words share no cache lines), then
 * latency-mode slots (payloads up to {@link #SLOT_MAX_PAYLOAD}), then two Agrona one-to-one rings for batches and
 * larger messages. docs/shared-region-layout.md is its one description (offsets, slot protocol, ring sizing); the C
 * peer maps the same layout, and {@code ipcpeer layout} with NativeContractIT keeps the two from drifting.
 */
final class SharedRegion implements AutoCloseable {
    static final Path DEV_SHM = Path.of("/dev/shm");
    /** The object-name role of the region file; semaphores use other roles. */
    static final String ROLE = "region";

    static final int CLOSED = 0;
    static final int REQUEST_ROOM_WANTED = 128;
    static final int RESPONSE_ROOM_WANTED = 256;
    static final int CLIENT_PID = 384;
    static final int CLIENT_TID = 512;
    static final int REQUEST_SLOTS_READ = 640;
    static final int RESPONSE_SLOTS_READ = 768;
    static final int HEADER_BYTES = 4096;

    /** The largest payload that travels through the slots; larger ones use the rings. */
    static final int SLOT_MAX_PAYLOAD = 4096;
    /** Bytes of one direction's slots that {@link #slotCount} aims at, and the fewest slots. */
    static final int SLOT_AREA_TARGET = 64 << 10;
    static final int MIN_SLOTS = 16;
    /** Bytes before a slot's payload: its sequence number. */
    static final int SLOT_HEADER_BYTES = Long.BYTES;
    static final int SLOT_ALIGNMENT = 128;

    static final int MIN_CAPACITY = 64 << 10;
    static final int MAX_RECORD_PAYLOAD = 1 << 20;
    static final int PAGE = 4096;

    private final MappedByteBuffer mapping;
    final UnsafeBuffer header;
    final OneToOneRingBuffer request;
    final OneToOneRingBuffer response;
    /** The slot areas, or null when the payload is larger than {@link #SLOT_MAX_PAYLOAD}. */
    final UnsafeBuffer requestSlots;
    final UnsafeBuffer responseSlots;
    final int slotBytes;
    final int slotCount;

    private SharedRegion(MappedByteBuffer mapping, int payloadBytes) {
        this.mapping = mapping;
        int capacity = ringCapacity(payloadBytes);
        int ringBytes = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        int slotAreaBytes = slotAreaBytes(payloadBytes);
        this.header = new UnsafeBuffer(mapping, 0, HEADER_BYTES);
        this.slotBytes = hasSlots(payloadBytes) ? slotBytes(payloadBytes) : 0;
        this.slotCount = hasSlots(payloadBytes) ? slotCount(payloadBytes) : 0;
        this.requestSlots = hasSlots(payloadBytes) ? new UnsafeBuffer(mapping, HEADER_BYTES, slotAreaBytes) : null;
        this.responseSlots = hasSlots(payloadBytes)
                ? new UnsafeBuffer(mapping, HEADER_BYTES + slotAreaBytes, slotAreaBytes) : null;
        int requestRing = HEADER_BYTES + 2 * slotAreaBytes;
        this.request = new OneToOneRingBuffer(new UnsafeBuffer(mapping, requestRing, ringBytes));
        this.response = new OneToOneRingBuffer(new UnsafeBuffer(mapping, pageAlign(requestRing + ringBytes),
                ringBytes));
    }

    /** Whether latency-mode messages of {@code payloadBytes} travel through the slots. */
    static boolean hasSlots(int payloadBytes) {
        return payloadBytes <= SLOT_MAX_PAYLOAD;
    }

    /** One slot: the sequence number and the payload, rounded up to a pair of cache lines. */
    static int slotBytes(int payloadBytes) {
        return (SLOT_HEADER_BYTES + payloadBytes + SLOT_ALIGNMENT - 1) / SLOT_ALIGNMENT * SLOT_ALIGNMENT;
    }

    /** Slots per direction, a power of two: the depth of the open-loop queue. */
    static int slotCount(int payloadBytes) {
        return Math.max(MIN_SLOTS, Integer.highestOneBit(SLOT_AREA_TARGET / slotBytes(payloadBytes)));
    }

    /** One direction's slots, page-aligned; 0 when the payload uses the rings only. */
    private static int slotAreaBytes(int payloadBytes) {
        return hasSlots(payloadBytes) ? pageAlign(slotCount(payloadBytes) * slotBytes(payloadBytes)) : 0;
    }

    /** The file of the region named {@code objectName} in /dev/shm. */
    static Path path(String objectName) {
        return DEV_SHM.resolve(objectName);
    }

    /** How the ledger names a region file: its name when it is in /dev/shm (as the sweep matches), else its path. */
    static String ledgerName(Path file) {
        return file.getParent().equals(DEV_SHM) ? file.getFileName().toString() : file.toAbsolutePath().toString();
    }

    /**
     * The region file a ledger entry names, if it names one: the absolute path of a plain file directly inside a
     * trial's private directory (mmap-file), or a /dev/shm name of the {@link #ROLE} role in the exact form
     * {@link ScratchDirectory#objectName} makes. Anything else (another directory, {@code ..}, a '/' inside a
     * /dev/shm name) is no region of ours.
     */
    static Optional<Path> fromLedgerName(String name) {
        if (name.startsWith("/")) {
            Path file = Path.of(name);
            Path dir = file.getParent();
            boolean inTrialDirectory = file.normalize().equals(file) && dir != null && dir.getFileName() != null
                    && ScratchDirectory.isDirectoryName(dir.getFileName().toString())
                    && ScratchDirectory.fileOf(dir, name).isPresent();
            return inTrialDirectory ? Optional.of(file) : Optional.empty();
        }
        boolean shmName = name.endsWith("-" + ROLE) && name.indexOf('/') < 0
                && ScratchDirectory.isShmFileName(name);
        return shmName ? Optional.of(path(name)) : Optional.empty();
    }

    /** Capacity of each ring for {@code payloadBytes}: a power of two, at least 8 x min(payload, 1 MiB). */
    static int ringCapacity(int payloadBytes) {
        int record = Math.min(payloadBytes, MAX_RECORD_PAYLOAD);
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(8 * record - 1) << 1);
    }

    /** Bytes of the whole region for {@code payloadBytes}. */
    static long bytes(int payloadBytes) {
        int ringBytes = ringCapacity(payloadBytes) + RingBufferDescriptor.TRAILER_LENGTH;
        return pageAlign(HEADER_BYTES + 2 * slotAreaBytes(payloadBytes) + ringBytes) + ringBytes;
    }

    /** An int: rings are at most 8 MiB and slots far smaller, so the region stays far below 2 GiB. */
    private static int pageAlign(int offset) {
        return (offset + PAGE - 1) / PAGE * PAGE;
    }

    /**
     * Parent side: creates the zero-filled, 0600 file (sparse: the file system allocates pages as the rings first
     * touch them), after checking that its file system can hold all of it: a full one would fail a later page
     * fault with SIGBUS, not with an error.
     */
    static void create(Path file, int payloadBytes) throws IOException {
        long bytes = bytes(payloadBytes);
        Path dir = file.getParent();
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < bytes) {
            throw new IOException(dir + " has " + usable + " bytes free, the shared region for " + payloadBytes
                    + " B needs " + bytes + "; free space there"
                    + (dir.equals(DEV_SHM) ? " or enlarge it (mount -o remount,size=...)" : ""));
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
    }

    /** Either side: maps the region the parent created. */
    static SharedRegion map(Path file, int payloadBytes) throws IOException {
        long bytes = bytes(payloadBytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() != bytes) {
                throw new IOException(file + " has " + channel.size() + " bytes, expected " + bytes
                        + " for a " + payloadBytes + "-byte payload");
            }
            return new SharedRegion(channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes), payloadBytes);
        }
    }

    /** Removes the file; absent is fine. Both processes' mappings stay valid until they unmap. */
    static void remove(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /** Unmaps now rather than at some later GC; no thread may touch the rings afterwards. */
    @Override
    public void close() {
        IoUtil.unmap(mapping);
    }
}
