package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;

/**
 * The libc calls the JDK lacks that every part of the suite needs (glibc 2.36: all of them live in libc.so.6).
 * Families with calls of their own (message queues, semaphores, signals) declare them beside the family, so this
 * interface stays the shared core. Every method saves errno; {@link Native#check} turns a failure into a message.
 */
public interface LibC {
    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    @SaveError
    int sched_setaffinity(int tid, @size_t long cpuSetBytes, @In long[] cpuMask);

    @SaveError
    int sched_getaffinity(int tid, @size_t long cpuSetBytes, @Out long[] cpuMask);

    @SaveError
    int gettid();

    @SaveError
    int mkfifo(String path, int mode);

    int geteuid();
}
