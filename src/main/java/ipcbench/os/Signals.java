package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * Thread-directed signals and synchronous signal waits (glibc 2.36, libc.so.6; tgkill has a glibc wrapper since
 * 2.30). Layout relied on: {@code sigset_t} is 128 bytes on x86_64 glibc (1024 bits); it is only ever built and
 * read by sigemptyset/sigaddset, so its bit order does not matter here. {@code siginfo_t *} may be null for
 * sigwaitinfo. Every method saves errno, see {@link Native#check}.
 */
public interface Signals {
    Signals INSTANCE = LibraryLoader.create(Signals.class).load("c");

    /** Bytes of glibc's sigset_t on x86_64. */
    int SIGSET_BYTES = 128;
    /** {@code how} for pthread_sigmask: add the set to the calling thread's blocked mask. */
    int SIG_BLOCK = 0;

    /**
     * The first real-time signal an application may use: glibc keeps 32 and 33 for NPTL (thread cancellation,
     * setxid), so this is 34 at run time, not the kernel's 32.
     */
    @SaveError
    int __libc_current_sigrtmin();

    @SaveError
    int __libc_current_sigrtmax();

    @SaveError
    int sigemptyset(Pointer set);

    @SaveError
    int sigaddset(Pointer set, int signal);

    /** Changes the CALLING thread's mask. Returns 0 or an errno value (it does not set errno). */
    @SaveError
    int pthread_sigmask(int how, Pointer set, Pointer oldSet);

    /** Waits for a signal of {@code set} that is pending for the calling thread; returns its number or -1. */
    @SaveError
    int sigwaitinfo(Pointer set, Pointer info);

    /**
     * As sigwaitinfo, but gives up after {@code timeout} (a struct timespec); a zero timeout polls: -1 with EAGAIN
     * when nothing is pending.
     */
    @SaveError
    int sigtimedwait(Pointer set, Pointer info, Pointer timeout);

    /** Sends {@code signal} to thread {@code tid} of process {@code tgid}, and only to it. */
    @SaveError
    int tgkill(int tgid, int tid, int signal);
}
