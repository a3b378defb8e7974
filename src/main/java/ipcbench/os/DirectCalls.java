package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Plain read(2) and write(2) on a descriptor number, the whole of a direct path's system calls ({@code --io direct}):
 * through the FFM API's downcalls on JDK 22 and later, through jnr-ffi before. {@link #on} gives one end's calls; it
 * keeps the errno of its own last failed call, so a reading and a writing thread on one socket never see each
 * other's. Nothing here allocates per call.
 *
 * <p>The FFM binding is reached by reflection, so this class compiles for JDK 17: its downcalls pass the buffer's
 * address as a {@code long} (a pointer and a long travel alike in the x86-64 and AArch64 calling conventions), which
 * keeps every call-site type primitive and the handles constant, so the JIT inlines them as it does a direct call.
 */
public abstract sealed class DirectCalls permits DirectCalls.Ffm, DirectCalls.Jnr {
    /** Whether this JDK's FFM API is final (JDK 22 and later). */
    private static final boolean FFM = Runtime.version().feature() >= 22;

    DirectCalls() {
    }

    /** The calls of one end on descriptor {@code fd}, bound as this JDK allows. */
    public static DirectCalls on(int fd) {
        return FFM ? new Ffm(fd) : new Jnr(fd);
    }

    /** {@code FFM} or {@code jnr-ffi}: what a direct path binds its calls with on this JDK. */
    public static String bindingHere() {
        return FFM ? "FFM" : "jnr-ffi";
    }

    /** read(2) into {@code bytes} bytes at {@code address}: the count, 0 at end of stream, -1 on failure. */
    public abstract long read(long address, long bytes);

    /** write(2) of {@code bytes} bytes from {@code address}: the count, or -1 on failure. */
    public abstract long write(long address, long bytes);

    /** errno of this end's last call that returned -1. */
    public abstract int errno();

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    /**
     * Whether a call that returned -1 moved nothing for a reason to simply try again: EAGAIN (a non-blocking
     * descriptor, the spinning wait) or EINTR; any other errno is a failure.
     */
    public static boolean retryable(int errno) {
        return errno == EAGAIN || errno == EINTR;
    }

    /** jnr-ffi's binding; errno is saved per thread by the library. */
    static final class Jnr extends DirectCalls {
        /** The two calls, saving errno for the EAGAIN of a non-blocking descriptor and EINTR. */
        public interface Calls {
            Calls INSTANCE = LibraryLoader.create(Calls.class).load("c");

            @SaveError
            @ssize_t
            long read(int fd, long bufferAddress, @size_t long bytes);

            @SaveError
            @ssize_t
            long write(int fd, long bufferAddress, @size_t long bytes);
        }

        private final int fd;

        Jnr(int fd) {
            this.fd = fd;
        }

        @Override
        public long read(long address, long bytes) {
            return Calls.INSTANCE.read(fd, address, bytes);
        }

        @Override
        public long write(long address, long bytes) {
            return Calls.INSTANCE.write(fd, address, bytes);
        }

        @Override
        public int errno() {
            return Native.lastErrno();
        }
    }

    /** The FFM API's binding; each end captures errno into a small native segment of its own. */
    static final class Ffm extends DirectCalls {
        private static final MethodHandle READ;
        private static final MethodHandle WRITE;
        private static final Object CAPTURE_LAYOUT;
        private static final long ERRNO_OFFSET;
        private static final Method AUTO_ARENA;
        private static final Method ALLOCATE;
        private static final Method ADDRESS;

        static {
            try {
                Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
                Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> valueLayouts = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
                Object linker = linkerType.getMethod("nativeLinker").invoke(null);
                Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
                Method find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
                Object intLayout = valueLayouts.getField("JAVA_INT").get(null);
                Object longLayout = valueLayouts.getField("JAVA_LONG").get(null);
                Object layouts = Array.newInstance(layoutType, 3);
                Array.set(layouts, 0, intLayout);
                Array.set(layouts, 1, longLayout);
                Array.set(layouts, 2, longLayout);
                // ssize_t f(int fd, void *buffer, size_t bytes)
                Object descriptor = descriptorType.getMethod("of", layoutType, layouts.getClass())
                        .invoke(null, longLayout, layouts);
                Object options = Array.newInstance(optionType, 1);
                Array.set(options, 0, optionType.getMethod("captureCallState", String[].class)
                        .invoke(null, (Object) new String[] {"errno"}));
                Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType,
                        options.getClass());
                MethodType primitive = MethodType.methodType(long.class, Object.class, int.class, long.class,
                        long.class);
                MethodHandle[] handles = new MethodHandle[2];
                String[] names = {"read", "write"};
                for (int i = 0; i < 2; i++) {
                    Object symbol = ((Optional<?>) find.invoke(lookup, names[i])).orElseThrow();
                    handles[i] = ((MethodHandle) downcall.invoke(linker, symbol, descriptor, options))
                            .asType(primitive);
                }
                READ = handles[0];
                WRITE = handles[1];
                CAPTURE_LAYOUT = optionType.getMethod("captureStateLayout").invoke(null);
                Object elements = Array.newInstance(pathElement, 1);
                Array.set(elements, 0, pathElement.getMethod("groupElement", String.class).invoke(null, "errno"));
                ERRNO_OFFSET = (long) layoutType.getMethod("byteOffset", elements.getClass())
                        .invoke(CAPTURE_LAYOUT, elements);
                AUTO_ARENA = Class.forName("java.lang.foreign.Arena").getMethod("ofAuto");
                ALLOCATE = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", layoutType);
                ADDRESS = segmentType.getMethod("address");
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExceptionInInitializerError("the FFM API's downcalls to read(2)/write(2): " + e);
            }
        }

        private final int fd;
        /** Where the downcalls leave errno; freed when this end is unreachable. */
        private final Object capture;
        private final UnsafeBuffer errno;

        Ffm(int fd) {
            this.fd = fd;
            try {
                capture = ALLOCATE.invoke(AUTO_ARENA.invoke(null), CAPTURE_LAYOUT);
                errno = new UnsafeBuffer((long) ADDRESS.invoke(capture) + ERRNO_OFFSET, Integer.BYTES);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot allocate the errno capture segment: " + e, e);
            }
        }

        @Override
        public long read(long address, long bytes) {
            return call(READ, address, bytes);
        }

        @Override
        public long write(long address, long bytes) {
            return call(WRITE, address, bytes);
        }

        /** Inlined into each caller, where {@code handle} is a constant again. */
        private long call(MethodHandle handle, long address, long bytes) {
            try {
                return (long) handle.invokeExact(capture, fd, address, bytes);
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        @Override
        public int errno() {
            return errno.getInt(0);
        }

        /** A downcall throws nothing checked; anything else is a JVM fault, passed on unchanged. */
        private static RuntimeException rethrown(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }
}
