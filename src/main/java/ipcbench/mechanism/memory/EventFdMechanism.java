package ipcbench.mechanism.memory;

import com.kenai.jffi.MemoryIO;
import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;
import ipcbench.os.EventFds;
import ipcbench.os.Native;
import ipcbench.os.NonBlocking;
import ipcbench.os.PidFds;
import ipcbench.os.ProcSys;
import jnr.constants.platform.Errno;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * {@code eventfd}: the payload in shared memory (the {@code shm} rings), the hand-over by one eventfd per direction.
 * One round trip: the client copies N bytes into the request ring and write(2)s 1 (8 bytes) to the request
 * eventfd; the echo thread, blocked in an 8-byte read(2) of it, returns, copies the record into the response ring
 * and writes 1 to the response eventfd; the client returns from its read(2) and copies the echo out. Each
 * direction is always two syscalls: unlike a futex-based sem_post, an eventfd write enters the kernel even when
 * nobody sleeps.
 *
 * <p>Both eventfds are in EFD_SEMAPHORE mode: a read takes exactly 1 from the counter, not all of it, so every
 * write is consumed by exactly one read — the exact counts {@link Handoff} requires (one wake-up per record, one per
 * "room wanted" flag). Without it one read could swallow two wake-ups and the next wait would sleep for ever.
 *
 * <p>Sharing: an eventfd has no name. The child creates both in openServer and reports their numbers; the client
 * (the child's parent) takes duplicates with pidfd_open + pidfd_getfd, which needs ptrace access to the target: a
 * parent has it over its own child under Yama's ptrace_scope 0 and 1, hence child creates, parent takes (why not
 * inheritance or SCM_RIGHTS: docs/mechanisms.md). Nothing is named, so the ledger gets only the /dev/shm region;
 * the eventfds die with their processes.
 */
public final class EventFdMechanism extends MemoryMechanism {
    @Override
    public String id() {
        return "eventfd";
    }

    @Override
    public Availability availability() {
        Availability shm = super.availability();
        if (!shm.available()) {
            return shm;
        }
        return Support.RESULT;
    }

    @Override
    Handoff serverHandoff(Trial trial, SharedRegion region) throws IOException {
        int request = create();
        try {
            if (trial.spins()) {
                NonBlocking.set(request);
            }
            int response = create();
            return new Counters(response, request, request + "," + response, trial.spins());
        } catch (IOException | RuntimeException e) {
            EventFds.INSTANCE.close(request);
            throw e;
        }
    }

    @Override
    Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child) throws IOException {
        String[] fds = serverAddress.split(",");
        if (fds.length != 2) {
            throw new IOException("eventfd: the echo server reported '" + serverAddress + "', expected two descriptors");
        }
        int pidfd = Native.check((int) PidFds.INSTANCE.syscall(PidFds.SYS_PIDFD_OPEN, child.pid(), 0, 0),
                "pidfd_open(" + child.pid() + ")", null);
        try {
            // a pidfd names one process: if the child is still alive now, the pid was not reused
            if (!child.isAlive()) {
                throw new IOException("eventfd: the echo server exited before its eventfds were taken");
            }
            int request = take(pidfd, Integer.parseInt(fds[0]));
            try {
                int response = take(pidfd, Integer.parseInt(fds[1]));
                if (trial.spins()) {
                    try {
                        NonBlocking.set(response);
                    } catch (IOException e) {
                        EventFds.INSTANCE.close(response);
                        throw e;
                    }
                }
                return new Counters(request, response, "", trial.spins());
            } catch (IOException | RuntimeException e) {
                EventFds.INSTANCE.close(request);
                throw e;
            }
        } finally {
            EventFds.INSTANCE.close(pidfd);
        }
    }

    /** A new eventfd at 0, semaphore mode, close-on-exec. */
    static int create() throws IOException {
        return Native.check(EventFds.INSTANCE.eventfd(0, EventFds.EFD_SEMAPHORE | EventFds.EFD_CLOEXEC),
                "eventfd(0, EFD_SEMAPHORE|EFD_CLOEXEC)", null);
    }

    private static int take(int pidfd, int targetFd) throws IOException {
        return Native.check((int) PidFds.INSTANCE.syscall(PidFds.SYS_PIDFD_GETFD, pidfd, targetFd, 0),
                "pidfd_getfd(" + targetFd + ")", "the parent needs ptrace access to its child (Yama ptrace_scope)");
    }

    /** Writes 1 to the peer's eventfd, reads 1 from this side's own. */
    private static final class Counters implements Handoff {
        private final ByteBuffer one = ByteBuffer.allocateDirect(EventFds.COUNTER_BYTES).order(ByteOrder.nativeOrder())
                .putLong(0, 1);
        private final ByteBuffer taken = ByteBuffer.allocateDirect(EventFds.COUNTER_BYTES);
        private final long oneAddress = MemoryIO.getInstance().getDirectBufferAddress(one);
        private final long takenAddress = MemoryIO.getInstance().getDirectBufferAddress(taken);
        private final String address;
        private int peerFd;
        private int ownFd;
        /** ownFd is non-blocking (O_NONBLOCK): poll its read instead of sleeping in it. */
        private final boolean spin;

        Counters(int peerFd, int ownFd, String address, boolean spin) {
            this.peerFd = peerFd;
            this.ownFd = ownFd;
            this.address = address;
            this.spin = spin;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public boolean sleeps() {
            return true;
        }

        @Override
        public void signalPeer() throws IOException {
            add(peerFd);
        }

        @Override
        public void awaitPeer() throws IOException {
            while (EventFds.INSTANCE.read(ownFd, takenAddress, EventFds.COUNTER_BYTES) != EventFds.COUNTER_BYTES) {
                int errno = Native.lastErrno();
                if (spin && errno == Errno.EAGAIN.intValue()) {
                    Thread.onSpinWait();
                } else if (errno != Errno.EINTR.intValue()) {
                    throw Native.failure("read(eventfd " + ownFd + ")", null);
                }
            }
        }

        @Override
        public void wakeSelf() throws IOException {
            add(ownFd);
        }

        private void add(int fd) throws IOException {
            if (EventFds.INSTANCE.write(fd, oneAddress, EventFds.COUNTER_BYTES) != EventFds.COUNTER_BYTES) {
                throw Native.failure("write(eventfd " + fd + ")", null);
            }
        }

        @Override
        public void close() throws IOException {
            int peerRc = EventFds.INSTANCE.close(peerFd);
            String peerCall = "close(eventfd " + peerFd + ")";
            int ownRc = EventFds.INSTANCE.close(ownFd);
            String ownCall = "close(eventfd " + ownFd + ")";
            peerFd = -1;
            ownFd = -1;
            Native.check(peerRc, peerCall, null);
            Native.check(ownRc, ownCall, null);
        }
    }

    /**
     * Whether this process may create an eventfd and take a descriptor from its child, decided once per JVM. The
     * calls are tried on this process itself (a missing syscall gives ENOSYS, a seccomp filter EPERM); ptrace access
     * to another process cannot be tried without one, so Yama's ptrace_scope is read instead: 2 needs
     * CAP_SYS_PTRACE, 3 forbids it.
     */
    private static final class Support {
        static final Availability RESULT = check();

        private static Availability check() {
            int fd = EventFds.INSTANCE.eventfd(0, EventFds.EFD_SEMAPHORE | EventFds.EFD_CLOEXEC);
            if (fd == -1) {
                return Availability.unavailable("eventfd(2) failed: " + Native.describeErrno(Native.lastErrno()));
            }
            try {
                int pidfd = (int) PidFds.INSTANCE.syscall(PidFds.SYS_PIDFD_OPEN, ProcessHandle.current().pid(), 0, 0);
                if (pidfd == -1) {
                    return Availability.unavailable(unsupported("pidfd_open(2)", "5.3", Native.lastErrno()));
                }
                int copy = (int) PidFds.INSTANCE.syscall(PidFds.SYS_PIDFD_GETFD, pidfd, fd, 0);
                int errno = Native.lastErrno();
                EventFds.INSTANCE.close(pidfd);
                if (copy == -1) {
                    return Availability.unavailable(unsupported("pidfd_getfd(2)", "5.6", errno));
                }
                EventFds.INSTANCE.close(copy);
            } finally {
                EventFds.INSTANCE.close(fd);
            }
            OptionalInt scope = ProcSys.readInt("/proc/sys/kernel/yama/ptrace_scope");
            if (scope.isPresent() && scope.getAsInt() >= 3) {
                return Availability.unavailable("kernel.yama.ptrace_scope=3 forbids taking a child's descriptors "
                        + "(pidfd_getfd)");
            }
            if (scope.isPresent() && scope.getAsInt() == 2 && !hasSysPtrace()) {
                return Availability.unavailable("kernel.yama.ptrace_scope=2 allows pidfd_getfd only with "
                        + "CAP_SYS_PTRACE; set it to 1 (sysctl kernel.yama.ptrace_scope=1)");
            }
            return Availability.AVAILABLE;
        }

        private static String unsupported(String call, String kernel, int errno) {
            if (errno == Errno.ENOSYS.intValue()) {
                return call + " is missing: Linux " + kernel + " or newer is needed, this is "
                        + System.getProperty("os.version");
            }
            return call + " failed: " + Native.describeErrno(errno)
                    + (errno == Errno.EPERM.intValue() ? " (a seccomp filter, e.g. a container's, forbids it)" : "");
        }

        /** CAP_SYS_PTRACE (bit 19) in this process's effective capabilities. */
        private static boolean hasSysPtrace() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                    if (line.startsWith("CapEff:")) {
                        return new BigInteger(line.substring(7).trim(), 16).testBit(19);
                    }
                }
            } catch (IOException | NumberFormatException unreadable) {
                // treated as absent
            }
            return false;
        }
    }
}
