package ipcbench.os;

import com.kenai.jffi.MemoryIO;

import java.nio.ByteBuffer;

/**
 * The native address of a direct buffer, for passing it to a syscall without copying, remembered for the last
 * buffer seen: callers pass the same few buffers on every call, so the measured path costs one identity check.
 * Uses jffi (JNI GetDirectBufferAddress), so it needs no JVM flag, unlike Unsafe-based helpers.
 */
public final class BufferAddress {
    private ByteBuffer buffer;
    private long address;

    public long of(ByteBuffer direct) {
        if (direct != buffer) {
            if (!direct.isDirect()) {
                throw new IllegalArgumentException("a message buffer must be direct");
            }
            address = MemoryIO.getInstance().getDirectBufferAddress(direct);
            buffer = direct;
        }
        return address;
    }

    /** The address of a buffer looked up once, outside any measured path. */
    public static long once(ByteBuffer direct) {
        return new BufferAddress().of(direct);
    }
}
