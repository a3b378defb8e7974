package ipcbench.mechanism.memory;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;
import ipcbench.os.LibC;
import ipcbench.os.Native;
import ipcbench.os.Signals;
import jnr.constants.platform.Errno;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.io.IOException;

/**
 * {@code signal}: the shared-memory rings, with the hand-over done by a real-time signal to one thread. One round
 * trip: the client copies N bytes into the request ring and tgkill(child, echo thread, SIGRTMIN+8)s; the echo thread
 * returns from sigwaitinfo, copies the record into the response ring and signals the measuring thread the same way.
 *
 * <p>Invariants: each receiving thread has the signal blocked and takes it with sigwaitinfo, so no handler runs and
 * no other thread can dequeue it; real-time signals queue, so one signal per record is a count that cannot be lost.
 * The client's thread may change (JMH): on its first operation from a new thread it blocks the signal there and
 * publishes its tid in the region header (release store), which the server reads (acquire) before it answers.
 * SIGRTMIN+8 stays clear of glibc's, HotSpot's and debuggers' signals (see docs/mechanisms.md).
 */
public final class SignalMechanism extends MemoryMechanism {
    static final int RT_OFFSET = 8;

    @Override
    public String id() {
        return "signal";
    }

    @Override
    public Availability availability() {
        Availability shm = super.availability();
        if (!shm.available()) {
            return shm;
        }
        int signal = signalNumber();
        if (signal > Signals.INSTANCE.__libc_current_sigrtmax()) {
            return Availability.unavailable("SIGRTMIN+" + RT_OFFSET + " is beyond SIGRTMAX on this libc");
        }
        if (String.valueOf(signal).equals(System.getenv("_JAVA_SR_SIGNUM"))) {
            return Availability.unavailable("_JAVA_SR_SIGNUM makes the JVM use signal " + signal
                    + " to suspend threads; unset it");
        }
        return Availability.AVAILABLE;
    }

    /** SIGRTMIN+8 as glibc numbers it at run time. */
    static int signalNumber() {
        return Signals.INSTANCE.__libc_current_sigrtmin() + RT_OFFSET;
    }

    @Override
    Handoff serverHandoff(Trial trial, SharedRegion region) throws IOException {
        ThreadSignal signal = new ThreadSignal(trial.spins());
        int tid = signal.blockOnCurrentThread();
        return new ServerSide(signal, region, tid);
    }

    @Override
    Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child)
            throws IOException {
        return new ClientSide(new ThreadSignal(trial.spins()), region, (int) child.pid(), Integer.parseInt(serverAddress));
    }

    /** The one signal, as a sigset of its own, and the calls on it. */
    private static final class ThreadSignal {
        private final int number = signalNumber();
        /** Kept for the handoff's life: jnr frees it when it is collected. */
        private final Pointer set;
        /** A zero struct timespec (two longs): sigtimedwait then polls. */
        private final Pointer zeroTimeout;
        private final boolean spin;

        ThreadSignal(boolean spin) throws IOException {
            this.spin = spin;
            set = Memory.allocateDirect(Runtime.getRuntime(Signals.INSTANCE), Signals.SIGSET_BYTES, true);
            zeroTimeout = Memory.allocateDirect(Runtime.getRuntime(Signals.INSTANCE), 2 * Long.BYTES, true);
            Native.check(Signals.INSTANCE.sigemptyset(set), "sigemptyset", null);
            Native.check(Signals.INSTANCE.sigaddset(set, number), "sigaddset(" + number + ")", null);
        }

        /** Blocks the signal on the calling thread, so it stays pending there for sigwaitinfo; returns the tid. */
        int blockOnCurrentThread() throws IOException {
            int rc = Signals.INSTANCE.pthread_sigmask(Signals.SIG_BLOCK, set, null);
            if (rc != 0) {
                throw new IOException("pthread_sigmask(SIG_BLOCK, " + number + "): " + Native.describeErrno(rc));
            }
            return Native.check(LibC.INSTANCE.gettid(), "gettid", null);
        }

        /**
         * Sends the signal to one thread. ESRCH (the process is gone) is not an error here: the client learns of a
         * dead child from the process reaper, and the child dies with its parent.
         */
        void send(int pid, int tid) throws IOException {
            if (Signals.INSTANCE.tgkill(pid, tid, number) == -1 && Native.lastErrno() != Errno.ESRCH.intValue()) {
                throw Native.failure("tgkill(" + pid + ", " + tid + ", " + number + ")",
                        "EAGAIN means RLIMIT_SIGPENDING (ulimit -i) is exhausted");
            }
        }

        /**
         * Takes one pending instance of the signal, sleeping until one is there, or when spinning polling for it with
         * a zero-timeout sigtimedwait (a system call per poll: signals have no user-space fast path).
         */
        void await() throws IOException {
            if (spin) {
                while (Signals.INSTANCE.sigtimedwait(set, null, zeroTimeout) == -1) {
                    int errno = Native.lastErrno();
                    if (errno != Errno.EAGAIN.intValue() && errno != Errno.EINTR.intValue()) {
                        throw Native.failure("sigtimedwait(" + number + ")", null);
                    }
                    Thread.onSpinWait();
                }
                return;
            }
            while (Signals.INSTANCE.sigwaitinfo(set, null) == -1) {
                if (Native.lastErrno() != Errno.EINTR.intValue()) {
                    throw Native.failure("sigwaitinfo(" + number + ")", null);
                }
            }
        }
    }

    /** The echo thread: blocked the signal in openServer, on the thread that serves; answers the client's tid. */
    private static final class ServerSide implements Handoff {
        private final ThreadSignal signal;
        private final SharedRegion region;
        private final int ownTid;

        ServerSide(ThreadSignal signal, SharedRegion region, int ownTid) {
            this.signal = signal;
            this.region = region;
            this.ownTid = ownTid;
        }

        @Override
        public String address() {
            return Integer.toString(ownTid);
        }

        @Override
        public boolean sleeps() {
            return true;
        }

        @Override
        public void signalPeer() throws IOException {
            // acquire loads: the tid the client published before the request this answers
            signal.send(region.header.getIntVolatile(SharedRegion.CLIENT_PID),
                    region.header.getIntVolatile(SharedRegion.CLIENT_TID));
        }

        @Override
        public void awaitPeer() throws IOException {
            signal.await();
        }

        @Override
        public void wakeSelf() throws IOException {
            signal.send((int) ProcessHandle.current().pid(), ownTid);
        }

        @Override
        public void close() {
        }
    }

    /** The measuring thread, whichever it is now. */
    private static final class ClientSide implements Handoff {
        private final ThreadSignal signal;
        private final SharedRegion region;
        private final int ownPid = (int) ProcessHandle.current().pid();
        private final int serverPid;
        private final int serverTid;
        /** The adopted thread and its tid (0 before the first operation); read by the reaper's wakeSelf. */
        private volatile Thread ownThread;
        private volatile int ownTid;

        ClientSide(ThreadSignal signal, SharedRegion region, int serverPid, int serverTid) {
            this.signal = signal;
            this.region = region;
            this.serverPid = serverPid;
            this.serverTid = serverTid;
        }

        @Override
        public void adoptCurrentThread() throws IOException {
            int tid = signal.blockOnCurrentThread();
            // release: published before this thread's next request record, which the server reads with acquire
            region.header.putIntVolatile(SharedRegion.CLIENT_TID, tid);
            ownTid = tid;
            ownThread = Thread.currentThread();
        }

        @Override
        public boolean sleeps() {
            return true;
        }

        @Override
        public void signalPeer() throws IOException {
            signal.send(serverPid, serverTid);
        }

        @Override
        public void awaitPeer() throws IOException {
            signal.await();
        }

        @Override
        public void wakeSelf() throws IOException {
            // only to a live thread: an exited thread's tid may be reused by a thread that has not blocked the
            // signal, and the signal's default action would end this JVM
            Thread thread = ownThread;
            if (thread != null && thread.isAlive()) {
                signal.send(ownPid, ownTid);
            }
        }

        @Override
        public void close() {
        }
    }
}
