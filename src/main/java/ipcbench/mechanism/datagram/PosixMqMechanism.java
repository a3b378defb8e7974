package ipcbench.mechanism.datagram;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;
import ipcbench.os.BufferAddress;
import ipcbench.os.Native;
import ipcbench.os.PosixMessageQueues;
import ipcbench.os.ProcSys;
import jnr.constants.platform.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * {@code posix-mq}: two POSIX message queues, {@code /ipcbench-<pid>-<hex>-request} and {@code ...-response}, each
 * holding /proc/sys/fs/mqueue/msg_max messages of exactly the payload's size (mq_msgsize = N). The parent creates
 * both before the child starts (recorded in the ledger first) and unlinks them at the end; each side opens the one
 * it writes O_WRONLY and the one it reads O_RDONLY, blocking.
 *
 * <p>One round trip: the client mq_send(3)s N bytes to the request queue; the echo thread's blocked mq_receive(3)
 * returns them and it mq_send(3)s the same buffer to the response queue; the client's mq_receive(3) returns them
 * (each call one syscall, copying the message into and out of the kernel). One streaming batch: the client
 * mq_send(3)s the batch's messages (blocking while the queue is full: that is the flow control), then
 * mq_receive(3)s the server's 1-byte acknowledgement.
 *
 * <p>Limit: /proc/sys/fs/mqueue/msgsize_max, read at run time. The total of both queues also counts against the
 * user's RLIMIT_MSGQUEUE (ulimit -q). A queue gives no end-of-file, so when the echo server dies the client's
 * {@link ReplyGuard} unblocks it through two extra non-blocking descriptors opened at connect: it drains the
 * request queue (releasing a blocked mq_send) and puts an empty message in the response queue.
 */
public final class PosixMqMechanism extends DatagramFamily {
    private static final String MSGSIZE_MAX = "/proc/sys/fs/mqueue/msgsize_max";
    private static final String MSG_MAX = "/proc/sys/fs/mqueue/msg_max";
    private static final PosixMessageQueues MQ = PosixMessageQueues.INSTANCE;
    private static final int MODE_0600 = 0600;

    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String whyHostLocal() {
        return "a POSIX message queue lives in one kernel";
    }

    @Override
    public String id() {
        return "posix-mq";
    }

    @Override
    public Availability availability() {
        return Support.RESULT;
    }

    @Override
    public int maxPayloadBytes() {
        return ProcSys.readInt(MSGSIZE_MAX).orElse(0);
    }

    @Override
    public void createResources(Trial trial) throws IOException {
        int msgsizeMax = ProcSys.readInt(MSGSIZE_MAX).orElseThrow(() -> new IOException(
                "posix-mq: cannot read " + MSGSIZE_MAX + ": does this kernel have POSIX message queues?"));
        int depth = ProcSys.readInt(MSG_MAX).orElseThrow(() -> new IOException("posix-mq: cannot read " + MSG_MAX));
        if (trial.payloadBytes() > msgsizeMax) {
            throw new IOException("posix-mq: payload " + trial.payloadBytes() + " B exceeds " + MSGSIZE_MAX + " = "
                    + msgsizeMax + "; raise it (sysctl fs.mqueue.msgsize_max) or use a smaller payload");
        }
        ByteBuffer attr = ByteBuffer.allocateDirect(PosixMessageQueues.ATTR_BYTES).order(ByteOrder.nativeOrder());
        attr.putLong(PosixMessageQueues.ATTR_MAXMSG_OFFSET, depth);
        attr.putLong(PosixMessageQueues.ATTR_MSGSIZE_OFFSET, trial.payloadBytes());
        for (String name : new String[] {queueName(trial, "request"), queueName(trial, "response")}) {
            trial.scratch().recordThenCreate(id(), name, () -> {
                removeResource(name);
                int mqd = Native.check(MQ.mq_open(name, PosixMessageQueues.O_CREAT | PosixMessageQueues.O_EXCL
                        | PosixMessageQueues.O_RDWR, MODE_0600, BufferAddress.once(attr)), "posix-mq: mq_open(" + name
                        + ", O_CREAT|O_EXCL, maxmsg " + depth + ", msgsize " + trial.payloadBytes() + ")",
                        createHint());
                Native.check(MQ.mq_close(mqd), "posix-mq: mq_close(" + name + ")", null);
            });
        }
    }

    private static String createHint() {
        int errno = Native.lastErrno();
        if (errno == Errno.EMFILE.intValue() || errno == Errno.ENOMEM.intValue()) {
            return "the queues' memory exceeds this user's RLIMIT_MSGQUEUE: raise ulimit -q";
        }
        if (errno == Errno.ENOSPC.intValue()) {
            return "/proc/sys/fs/mqueue/queues_max queues exist already: remove stale ones or raise it";
        }
        if (errno == Errno.EINVAL.intValue()) {
            return "maxmsg or msgsize exceeds /proc/sys/fs/mqueue/msg_max or msgsize_max";
        }
        return null;
    }

    @Override
    public void removeResource(String objectName) throws IOException {
        if (MQ.mq_unlink(objectName) == -1 && Native.lastErrno() != Errno.ENOENT.intValue()) {
            throw Native.failure("posix-mq: mq_unlink(" + objectName + ")", "remove it by hand if it stays (ls /dev/mqueue "
                    + "after mount -t mqueue none /dev/mqueue)");
        }
    }

    @Override
    protected Endpoint bind(Trial trial) throws IOException {
        String request = queueName(trial, "request");
        Port port = new Port(request, open(request, PosixMessageQueues.O_RDONLY | receiveFlags(trial)),
                queueName(trial, "response"), -1, -1);
        try {
            port.sendMqd = open(port.sendName, PosixMessageQueues.O_WRONLY);
        } catch (IOException | RuntimeException e) {
            port.close();
            throw e;
        }
        return new Endpoint() {
            @Override
            public String address() {
                return request;
            }

            @Override
            public int windowMessages() {
                return trial.batchMessages();
            }

            @Override
            public MessagePort accept() {
                return port;
            }

            @Override
            public void close() throws IOException {
                port.close();
            }
        };
    }

    @Override
    protected MessagePort connectPort(Trial trial, String address) throws IOException {
        String response = queueName(trial, "response");
        Port port = new Port(response, open(response, PosixMessageQueues.O_RDONLY | receiveFlags(trial)),
                queueName(trial, "request"), -1, -1);
        try {
            port.sendMqd = open(port.sendName, PosixMessageQueues.O_WRONLY);
            port.drainMqd = open(port.sendName, PosixMessageQueues.O_RDONLY | PosixMessageQueues.O_NONBLOCK);
            port.injectMqd = open(port.receiveName, PosixMessageQueues.O_WRONLY | PosixMessageQueues.O_NONBLOCK);
            port.drainBuffer = ByteBuffer.allocateDirect(trial.payloadBytes());
            return port;
        } catch (IOException | RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /** A spinning trial's receive descriptors are non-blocking ({@link Port#receiveNow}); the send ones never. */
    private static int receiveFlags(Trial trial) {
        return trial.spins() ? PosixMessageQueues.O_NONBLOCK : 0;
    }

    private static String queueName(Trial trial, String role) {
        return "/" + trial.objectName(role);
    }

    private static int open(String name, int flags) throws IOException {
        return Native.check(MQ.mq_open(name, flags, 0, 0L), "posix-mq: mq_open(" + name + ")",
                "the parent creates the queues before the child starts: was it cleaned up early?");
    }

    /** The child's port or the client's: blocking mq_send(3) / mq_receive(3) on one queue each. */
    private static final class Port implements MessagePort {
        private final String receiveName;
        private final int receiveMqd;
        private final String sendName;
        private int sendMqd;
        /** Client only, for the guard: non-blocking descriptors on the request (read) and response (write) queues. */
        private int drainMqd;
        private int injectMqd;
        private ByteBuffer drainBuffer;
        private final BufferAddress sendAddress = new BufferAddress();
        private final BufferAddress receiveAddress = new BufferAddress();
        private boolean closed;

        Port(String receiveName, int receiveMqd, String sendName, int drainMqd, int injectMqd) {
            this.receiveName = receiveName;
            this.receiveMqd = receiveMqd;
            this.sendName = sendName;
            this.sendMqd = -1;
            this.drainMqd = drainMqd;
            this.injectMqd = injectMqd;
        }

        @Override
        public void send(ByteBuffer message, int bytes) throws IOException {
            long address = sendAddress.of(message);
            while (MQ.mq_send(sendMqd, address, bytes, 0) == -1) {
                retryOnlyIfInterrupted("mq_send", sendName, bytes);
            }
        }

        @Override
        public int receive(ByteBuffer message) throws IOException {
            long address = receiveAddress.of(message);
            long bytes;
            while ((bytes = MQ.mq_receive(receiveMqd, address, message.capacity(), 0L)) == -1) {
                retryOnlyIfInterrupted("mq_receive", receiveName, message.capacity());
            }
            return (int) bytes;
        }

        @Override
        public int receiveNow(ByteBuffer message) throws IOException {
            // the receive descriptor was opened O_NONBLOCK for a spinning trial: EAGAIN when the queue is empty
            long bytes = MQ.mq_receive(receiveMqd, receiveAddress.of(message), message.capacity(), 0L);
            if (bytes == -1) {
                if (Native.lastErrno() != Errno.EAGAIN.intValue()) {
                    retryOnlyIfInterrupted("mq_receive", receiveName, message.capacity());
                }
                return NOTHING;
            }
            return (int) bytes;
        }

        /**
         * Until the guard is closed (which interrupts this thread): empties the request queue, so a client blocked in
         * mq_send goes on, and keeps an empty message in the response queue, which ends its next mq_receive.
         */
        @Override
        public void abort() {
            long drain = BufferAddress.once(drainBuffer);
            long capacity = drainBuffer.capacity();
            while (!Thread.currentThread().isInterrupted()) {
                while (MQ.mq_receive(drainMqd, drain, capacity, 0L) >= 0) {
                    // discard what the dead server will never read
                }
                MQ.mq_send(injectMqd, drain, 0, 0); // EAGAIN when full of these already: fine
                try {
                    Thread.sleep(1);
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }

        /** Idempotent: the child's endpoint and its server both close the port. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            for (int mqd : new int[] {receiveMqd, sendMqd, drainMqd, injectMqd}) {
                if (mqd >= 0) {
                    Native.check(MQ.mq_close(mqd), "posix-mq: mq_close", null);
                }
            }
        }
    }

    private static void retryOnlyIfInterrupted(String call, String queue, long bytes) throws IOException {
        Native.retryOnlyIfInterrupted("posix-mq: " + call + "(" + queue + ")", errno -> errno == Errno.EMSGSIZE.intValue()
                ? "the queue was created for another message size than " + bytes + " B" : null);
    }

    /** Whether the kernel has POSIX message queues, decided once per JVM. */
    private static final class Support {
        static final Availability RESULT = check();

        private static Availability check() {
            OptionalInt msgsizeMax = ProcSys.readInt(MSGSIZE_MAX);
            if (msgsizeMax.isEmpty() || ProcSys.readInt(MSG_MAX).isEmpty()) {
                return Availability.unavailable(MSGSIZE_MAX + " is missing: the kernel was built without "
                        + "CONFIG_POSIX_MQUEUE (or /proc is not mounted)");
            }
            // opening a name that does not exist fails with ENOENT where queues work, ENOSYS where they do not
            String absent = "/" + "ipcbench-" + ProcessHandle.current().pid() + "-support-check";
            int mqd = MQ.mq_open(absent, PosixMessageQueues.O_RDONLY, 0, 0L);
            if (mqd >= 0) {
                MQ.mq_close(mqd);
                return Availability.AVAILABLE;
            }
            int errno = Native.lastErrno();
            if (errno == Errno.ENOSYS.intValue()) {
                return Availability.unavailable("mq_open returns ENOSYS: this kernel has no POSIX message queues "
                        + "(CONFIG_POSIX_MQUEUE) or a seccomp filter forbids them");
            }
            return Availability.AVAILABLE;
        }
    }
}
