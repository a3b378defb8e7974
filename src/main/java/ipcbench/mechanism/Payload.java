package ipcbench.mechanism;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** The bytes a trial sends: seeded random, so both processes can compute and check them without exchanging them. */
public final class Payload {
    private Payload() {
    }

    /** A direct buffer of exactly {@code bytes}, filled from {@code seed}. */
    public static ByteBuffer allocate(int bytes, long seed) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        fill(buffer, seed);
        return buffer;
    }

    /** Overwrites the whole buffer with the bytes {@code seed} stands for. */
    public static void fill(ByteBuffer buffer, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) random.nextInt(256));
        }
    }

    /** Writes {@code sequence} into the first bytes (up to 8) so that a stale or reordered echo is caught. */
    public static void stamp(ByteBuffer buffer, long sequence) {
        for (int i = 0; i < Math.min(8, buffer.capacity()); i++) {
            buffer.put(i, (byte) (sequence >>> (8 * i)));
        }
    }

    /** The sequence number {@link #stamp} wrote, as far as the buffer holds it (its first min(8, capacity) bytes). */
    public static long stampOf(ByteBuffer buffer) {
        long sequence = 0;
        for (int i = 0; i < Math.min(8, buffer.capacity()); i++) {
            sequence |= (buffer.get(i) & 0xFFL) << (8 * i);
        }
        return sequence;
    }

    /** {@code sequence} as {@link #stampOf} reads it back from a buffer of {@code capacity} bytes. */
    public static long stampMask(long sequence, int capacity) {
        return capacity >= 8 ? sequence : sequence & ((1L << (8 * capacity)) - 1);
    }

    /** What every verify failure says, wherever it is found. */
    public static final String DIFFERS = "differs from what was sent";

    /**
     * Throws unless both buffers hold the same bytes over their whole capacity; positions and limits are reset.
     * Allocation-free, so it may run inside a measured loop.
     */
    public static void requireSame(ByteBuffer expected, ByteBuffer actual, String what) throws IOException {
        expected.clear();
        actual.clear();
        int at = expected.mismatch(actual);
        if (at >= 0) {
            throw differs(what, at, expected.capacity());
        }
    }

    /** The failure of every verify, wherever it is found: {@code what} differs from the seeded bytes at {@code atByte}. */
    public static IOException differs(String what, int atByte, int payloadBytes) {
        return new IOException("verify: " + what + " " + DIFFERS + " at byte " + atByte + " of " + payloadBytes);
    }
}
