package ipcbench.mechanism.memory;

import ipcbench.mechanism.Trial;
import ipcbench.os.Native;
import ipcbench.os.PosixSemaphores;
import jnr.constants.platform.Errno;
import jnr.ffi.Pointer;

import java.io.IOException;

/**
 * {@code semaphore}: the payload in shared memory, the hand-over by two POSIX named semaphores, {@code request}
 * (posted by the client, waited on by the server) and {@code response} (the other way), both created by the parent
 * at value 0. One round trip: the client copies N bytes into the request ring and sem_post(request); the echo
 * thread returns from sem_wait(request), copies the record into the response ring and sem_post(response);
 * the client returns from sem_wait(response) and copies the echo out. glibc's semaphores are futex-based: a
 * sem_post makes a futex(FUTEX_WAKE) syscall only when the other side is asleep, and a sem_wait sleeps in
 * futex(FUTEX_WAIT) only when the count is 0, so a round trip costs what a blocking wake-up costs (compare shm's
 * spinning).
 *
 * <p>A batch is the classic bounded buffer: the ring's free space is the "empty" count and the request semaphore
 * the "full" count; the client posts once per record, the server waits once per record, and when the ring is full
 * the client sets a flag and sleeps on the response semaphore until the server, having freed room, posts it (the
 * ring frees bytes rather than slots, so room is not a count). One ACK record and sem_post(response) end the batch.
 */
public final class SemaphoreMechanism extends MemoryMechanism {
    static final String REQUEST = "sem-request";
    static final String RESPONSE = "sem-response";
    private static final int MODE_0600 = 0600;

    @Override
    public String id() {
        return "semaphore";
    }

    @Override
    void createHandoffResources(Trial trial) throws IOException {
        for (String role : new String[] {REQUEST, RESPONSE}) {
            String name = trial.objectName(role);
            trial.scratch().recordThenCreate(id(), name, () -> {
                removeHandoffResource(name);
                Pointer sem = PosixSemaphores.INSTANCE.sem_open(semName(name),
                        PosixSemaphores.O_CREAT | PosixSemaphores.O_EXCL, MODE_0600, 0);
                if (sem == null) {
                    throw Native.failure("sem_open(" + semName(name) + ", O_CREAT|O_EXCL)",
                            "is /dev/shm writable and not full?");
                }
                Native.check(PosixSemaphores.INSTANCE.sem_close(sem), "sem_close(" + semName(name) + ")", null);
            });
        }
    }

    @Override
    void removeHandoffResource(String objectName) throws IOException {
        if (PosixSemaphores.INSTANCE.sem_unlink(semName(objectName)) == -1
                && Native.lastErrno() != Errno.ENOENT.intValue()) {
            throw Native.failure("sem_unlink(" + semName(objectName) + ")", "remove /dev/shm/sem." + objectName
                    + " by hand");
        }
    }

    @Override
    Handoff serverHandoff(Trial trial, SharedRegion region) throws IOException {
        return new Semaphores(trial, RESPONSE, REQUEST, trial.spins());
    }

    @Override
    Handoff clientHandoff(Trial trial, SharedRegion region, String serverAddress, Process child) throws IOException {
        return new Semaphores(trial, REQUEST, RESPONSE, trial.spins());
    }

    /** "/name": a named semaphore's name has one leading slash; glibc maps it to /dev/shm/sem.name. */
    private static String semName(String objectName) {
        return "/" + objectName;
    }

    /** sem_post on the peer's semaphore, sem_wait on this side's own. */
    private static final class Semaphores implements Handoff {
        private final String peerName;
        private final String ownName;
        private Pointer peer;
        private Pointer own;
        /** Poll with sem_trywait instead of sleeping in sem_wait. */
        private final boolean spin;

        Semaphores(Trial trial, String peerRole, String ownRole, boolean spin) throws IOException {
            this.spin = spin;
            this.peerName = semName(trial.objectName(peerRole));
            this.ownName = semName(trial.objectName(ownRole));
            this.peer = open(peerName);
            try {
                this.own = open(ownName);
            } catch (IOException e) {
                PosixSemaphores.INSTANCE.sem_close(peer);
                throw e;
            }
        }

        private static Pointer open(String name) throws IOException {
            Pointer sem = PosixSemaphores.INSTANCE.sem_open(name, 0, 0, 0);
            if (sem == null) {
                throw Native.failure("sem_open(" + name + ")", "the parent creates it before the child starts");
            }
            return sem;
        }

        @Override
        public boolean sleeps() {
            return true;
        }

        @Override
        public void signalPeer() throws IOException {
            if (PosixSemaphores.INSTANCE.sem_post(peer) == -1) {
                throw Native.failure("sem_post(" + peerName + ")", null);
            }
        }

        @Override
        public void awaitPeer() throws IOException {
            if (spin) {
                while (PosixSemaphores.INSTANCE.sem_trywait(own) == -1) {
                    int errno = Native.lastErrno();
                    if (errno != Errno.EAGAIN.intValue() && errno != Errno.EINTR.intValue()) {
                        throw Native.failure("sem_trywait(" + ownName + ")", null);
                    }
                    Thread.onSpinWait();
                }
                return;
            }
            while (PosixSemaphores.INSTANCE.sem_wait(own) == -1) {
                if (Native.lastErrno() != Errno.EINTR.intValue()) {
                    throw Native.failure("sem_wait(" + ownName + ")", null);
                }
            }
        }

        @Override
        public void wakeSelf() throws IOException {
            Native.check(PosixSemaphores.INSTANCE.sem_post(own), "sem_post(" + ownName + ")", null);
        }

        @Override
        public void close() throws IOException {
            int peerRc = PosixSemaphores.INSTANCE.sem_close(peer);
            int ownRc = PosixSemaphores.INSTANCE.sem_close(own);
            peer = null;
            own = null;
            Native.check(peerRc, "sem_close(" + peerName + ")", null);
            Native.check(ownRc, "sem_close(" + ownName + ")", null);
        }
    }
}
