package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * eventfd(2) and the plain descriptor calls on it (glibc 2.36, libc.so.6; eventfd since glibc 2.7). An eventfd is a
 * 64-bit kernel counter behind a descriptor: write(2) of 8 bytes adds to it, read(2) of 8 bytes blocks while it is
 * 0; with {@link #EFD_SEMAPHORE} a read takes exactly 1 instead of the whole count. Buffers are passed as raw
 * addresses of direct buffers, so a call neither allocates nor copies. Every method saves errno, see
 * {@link Native#check}.
 */
public interface EventFds {
    EventFds INSTANCE = LibraryLoader.create(EventFds.class).load("c");

    /** Linux &lt;sys/eventfd.h&gt; flags (x86_64 and aarch64 share them). */
    int EFD_SEMAPHORE = 1;
    int EFD_CLOEXEC = 02000000;

    /** Bytes of one read or write: the counter is a uint64_t in host byte order. */
    int COUNTER_BYTES = 8;

    @SaveError
    int eventfd(int initialValue, int flags);

    @SaveError
    @ssize_t
    long read(int fd, long bufferAddress, @size_t long bytes);

    @SaveError
    @ssize_t
    long write(int fd, long bufferAddress, @size_t long bytes);

    @SaveError
    int close(int fd);
}
