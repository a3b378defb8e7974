package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * Taking a descriptor out of another process: pidfd_open(2) (Linux 5.3) gives a descriptor for a process,
 * pidfd_getfd(2) (Linux 5.6) duplicates one of that process's descriptors into the caller (close-on-exec set), as
 * if it had been passed over a Unix socket. The caller needs ptrace access to the target (PTRACE_MODE_ATTACH): same
 * user, and under Yama's ptrace_scope=1 only over its own descendants.
 *
 * <p>Called through syscall(2), not glibc's wrappers (new in glibc 2.36), so an older libc works too; both numbers
 * are from the unified table every architecture shares since Linux 5.1.
 */
public interface PidFds {
    PidFds INSTANCE = LibraryLoader.create(PidFds.class).load("c");

    long SYS_PIDFD_OPEN = 434;
    long SYS_PIDFD_GETFD = 438;

    /** syscall(2) with up to three integer arguments (the kernel ignores the ones a call does not take). */
    @SaveError
    long syscall(long number, long arg1, long arg2, long arg3);
}
