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
 * {@code signal}: the payload in shared memory, the hand-over by a real-time signal sent to one thread. One round
 * trip: the client copies N bytes into the request ring and calls tgkill(child, echo thread, SIGRTMIN+8); the echo
 * thread, asleep in sigwaitinfo, returns, copies the record into the response ring, and calls
 * tgkill(parent, measuring thread, SIGRTMIN+8); the client returns from sigwaitinfo and copies the echo out. Two
 * syscalls per direction, and no signal handler anywhere: the JVM's own signal dispatching (the sun.misc.Signal
 * thread) is not on the path.
 *
 * <p>Delivery: each receiving thread has the signal blocked (pthread_sigmask on that thread) and takes it with
 * sigwaitinfo. tgkill queues the signal on the target thread's own pending set, which only that thread can
 * dequeue; the other JVM threads never see it, blocked or not, so the signal's default action (terminate) cannot
 * fire. Nobody sends it process-wide (kill). The echo thread is the child's main thread and reports its tid as the
 * server address; the client's thread may change (JMH), so on its first operation from a new thread the client
 * blocks the signal on that thread and publishes the new tid in the region's header (release store), which the
 * server reads (acquire) after it received a request, before it answers.
 *
 * <p>Real-time signals queue (up to RLIMIT_SIGPENDING), standard ones coalesce: two SIGUSR1s sent before the
 * receiver looks are one. Queueing is what makes one signal per record a count that cannot be lost. A batch: the
 * client writes a record and sends a signal per message while the ring has room; when it is full it flags that and
 * waits for the server's signal that room was freed; one ACK record and one signal end the batch.
 *
 * <p>Why SIGRTMIN+8 (42 with glibc 2.36): glibc keeps 32 and 33 for itself (hence SIGRTMIN is 34 at run time);
 * HotSpot on Linux uses standard signals only (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGPIPE, SIGXFSZ, SIGQUIT, SIGHUP,
 * SIGINT, SIGTERM, and SIGUSR2 to suspend threads, movable with _JAVA_SR_SIGNUM, which {@link #availability}
 * checks); the lowest real-time signals were LinuxThreads' and some tools still assume them, and debuggers such as
 * Valgrind reserve the highest, so +8 stays clear of both ends.
 */
public final class SignalMechanism extends MemoryMechanism {
    private static final int RT_OFFSET = 8;

    @Override
    public String id() {
        return "signal";
    }

    @Override
    public String summary() {
        return "shared memory + a real-time signal per direction: tgkill to one thread, sigwaitinfo, no handler";
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
        ThreadSignal signal = new ThreadSignal();
        int tid = signal.blockOnCurrentThread();
        return new ServerSide(signal, region, tid);
    }

    @Override
    Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child)
            throws IOException {
        return new ClientSide(new ThreadSignal(), region, (int) child.pid(), Integer.parseInt(serverAddress));
    }

    /** The one signal, as a sigset of its own, and the calls on it. */
    private static final class ThreadSignal {
        private final int number = signalNumber();
        /** Kept for the handoff's life: jnr frees it when it is collected. */
        private final Pointer set;

        ThreadSignal() throws IOException {
            set = Memory.allocateDirect(Runtime.getRuntime(Signals.INSTANCE), Signals.SIGSET_BYTES, true);
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

        /** Takes one pending instance of the signal, sleeping until one is there. */
        void await() throws IOException {
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
