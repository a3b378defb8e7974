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
 * read-write (MAP_SHARED) by both processes. It lives in {@code /dev/shm} (tmpfs, so the mapping is plain RAM),
 * except for {@code mmap-file}, whose file is in the trial's private directory on a disk file system.
 *
 * <pre>
 * [0, 4096)            header: one int word per 128-byte block (two cache lines, so the adjacent-line
 *                      prefetcher does not make unrelated words share traffic)
 *   CLOSED                  client -> server: 1 once the client closed
 *   REQUEST_ROOM_WANTED     1 while the client sleeps until the server frees room in the request ring
 *   RESPONSE_ROOM_WANTED    1 while the server sleeps until the client frees room in the response ring
 *   CLIENT_PID, CLIENT_TID  where the server's wake-ups go (signal only)
 * [4096, ...)          request ring:  Agrona OneToOneRingBuffer, capacity C + trailer (client writes, server reads)
 * [page-aligned, ...)  response ring: the same, C + trailer              (server writes, client reads)
 * </pre>
 *
 * <p>Ring capacity C is sized from the payload: the smallest power of two of at least 8 times min(payload, 1 MiB)
 * and at least 64 KiB, because Agrona caps one record at C / 8. So a payload up to 1 MiB is one record and a
 * ring holds at least 7 of them (the streaming window); a larger payload travels as 1 MiB chunks through an 8 MiB
 * ring, which keeps a trial's region near 16 MiB however large the payload is (a ring that holds one 64 MiB record
 * would pin 512 MiB of RAM per direction).
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
    private static final int HEADER_BYTES = 4096;

    private static final int MIN_CAPACITY = 64 << 10;
    private static final int MAX_RECORD_PAYLOAD = 1 << 20;
    private static final int PAGE = 4096;

    private final MappedByteBuffer mapping;
    final UnsafeBuffer header;
    final OneToOneRingBuffer request;
    final OneToOneRingBuffer response;

    private SharedRegion(MappedByteBuffer mapping, int capacity) {
        this.mapping = mapping;
        int ringBytes = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        this.header = new UnsafeBuffer(mapping, 0, HEADER_BYTES);
        this.request = new OneToOneRingBuffer(new UnsafeBuffer(mapping, HEADER_BYTES, ringBytes));
        this.response = new OneToOneRingBuffer(new UnsafeBuffer(mapping, responseOffset(capacity), ringBytes));
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
     * The region file a ledger entry names, if it names one: an absolute path inside a trial's private directory,
     * or a /dev/shm name of the {@link #ROLE} role.
     */
    static Optional<Path> fromLedgerName(String name) {
        if (name.startsWith("/")) {
            Path file = Path.of(name);
            Path dir = file.getParent();
            boolean inTrialDirectory = dir != null && dir.getFileName() != null
                    && dir.getFileName().toString().startsWith(ScratchDirectory.PREFIX);
            return inTrialDirectory ? Optional.of(file) : Optional.empty();
        }
        return name.endsWith("-" + ROLE) ? Optional.of(path(name)) : Optional.empty();
    }

    /** Capacity of each ring for {@code payloadBytes}: a power of two, at least 8 x min(payload, 1 MiB). */
    static int ringCapacity(int payloadBytes) {
        int record = Math.min(payloadBytes, MAX_RECORD_PAYLOAD);
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(8 * record - 1) << 1);
    }

    /** Bytes of the whole region for {@code payloadBytes}. */
    static long bytes(int payloadBytes) {
        int capacity = ringCapacity(payloadBytes);
        return responseOffset(capacity) + capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /** An int: capacity is at most 8 MiB, so the region stays far below 2 GiB. */
    private static int responseOffset(int capacity) {
        int end = HEADER_BYTES + capacity + RingBufferDescriptor.TRAILER_LENGTH;
        return (end + PAGE - 1) / PAGE * PAGE;
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
            return new SharedRegion(channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes), ringCapacity(payloadBytes));
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
