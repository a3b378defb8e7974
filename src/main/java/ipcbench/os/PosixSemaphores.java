package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * POSIX named semaphores (sem_overview(7)); glibc 2.36 has them in libc.so.6. A named semaphore "/x" is the file
 * {@code /dev/shm/sem.x}, so it is removed like any other /dev/shm entry and matched by the leftover sweep.
 * {@code sem_t *} is an opaque {@link Pointer}; every method saves errno, see {@link Native#check}.
 */
public interface PosixSemaphores {
    PosixSemaphores INSTANCE = LibraryLoader.create(PosixSemaphores.class).load("c");

    /** Linux &lt;fcntl.h&gt; values. */
    int O_CREAT = 0100;
    int O_EXCL = 0200;

    /**
     * sem_open is variadic ({@code name, oflag, ...}); declared here with the fixed list glibc reads when O_CREAT is
     * given (mode_t mode, unsigned value). On x86_64 the two ints travel in registers either way. Returns null
     * (glibc's SEM_FAILED is {@code (sem_t *) 0}) on failure.
     */
    @SaveError
    Pointer sem_open(String name, int oflag, int mode, int value);

    @SaveError
    int sem_post(Pointer sem);

    @SaveError
    int sem_wait(Pointer sem);

    /** As sem_wait, but fails with EAGAIN instead of sleeping when the count is 0. */
    @SaveError
    int sem_trywait(Pointer sem);

    @SaveError
    int sem_close(Pointer sem);

    @SaveError
    int sem_unlink(String name);
}
