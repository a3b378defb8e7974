package ipcbench.mechanism.datagram;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;
import ipcbench.os.BufferAddress;
import ipcbench.os.Native;
import ipcbench.os.ProcSys;
import ipcbench.os.SystemVQueues;
import jnr.constants.platform.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * {@code sysv-mq}: one System V message queue carrying both directions, mtype 1 for requests and 2 for replies.
 * Its key is a hash of the trial's object name {@code ipcbench-<pid>-<hex>-queue}, so the ledger (which records
 * that name) finds it again; the parent creates it (IPC_CREAT|IPC_EXCL, 0600) before the child starts and removes
 * it with IPC_RMID at the end.
 *
 * <p>A message is {@code struct msgbuf { long mtype; char mtext[N]; }}, so each process keeps direct buffers of
 * 8 + N bytes (the client one to send from and one to receive into, so that two threads can use them at once). One
 * round trip: the client copies the request into its send buffer's text and msgsnd(2)s it as type 1;
 * the echo thread's blocked msgrcv(2) for type 1 returns it in place, it rewrites the type to 2 and msgsnd(2)s the
 * same buffer; the client's msgrcv(2) for type 2 fills its buffer and it copies the text into the response. The
 * two user-space copies are the client's (the caller's buffers have no room for the type word); the server
 * copies nothing beyond the kernel's copy in and out. One streaming batch: the client copies and msgsnd(2)s the
 * batch's messages (blocking while the queue holds kernel.msgmnb bytes: that is the flow control), then msgrcv(2)s
 * the 1-byte type-2 acknowledgement.
 *
 * <p>Limit: min(kernel.msgmax, kernel.msgmnb) from /proc/sys/kernel, read at run time: msgsnd(2) refuses a text
 * above msgmax with EINVAL, and one above msgmnb (the queue's capacity) could never be sent. When the echo server
 * dies the client's {@link ReplyGuard} removes the queue, which ends any blocked msgsnd or msgrcv with EIDRM.
 */
public final class SysvMqMechanism extends DatagramFamily {
    private static final String MSGMAX = "/proc/sys/kernel/msgmax";
    private static final String MSGMNB = "/proc/sys/kernel/msgmnb";
    private static final SystemVQueues SYSV = SystemVQueues.INSTANCE;
    private static final int MODE_0600 = 0600;
    static final long REQUEST_TYPE = 1;
    static final long REPLY_TYPE = 2;

    @Override
    public String whyHostLocal() {
        return "a System V message queue lives in one kernel";
    }

    /** One queue per subscriber, written in turn, as posix-mq. */
    @Override
    public String whyNoFanOut() {
        return null;
    }

    @Override
    public String id() {
        return "sysv-mq";
    }

    @Override
    public Availability availability() {
        return Support.RESULT;
    }

    @Override
    public int maxPayloadBytes() {
        OptionalInt msgmax = ProcSys.readInt(MSGMAX);
        OptionalInt msgmnb = ProcSys.readInt(MSGMNB);
        return msgmax.isPresent() && msgmnb.isPresent() ? Math.min(msgmax.getAsInt(), msgmnb.getAsInt()) : 0;
    }

    @Override
    public void createResources(Trial trial) throws IOException {
        int limit = maxPayloadBytes();
        if (trial.payloadBytes() > limit) {
            throw new IOException("sysv-mq: payload " + trial.payloadBytes() + " B exceeds min(" + MSGMAX + ", "
                    + MSGMNB + ") = " + limit + "; raise kernel.msgmax (and msgmnb) or use a smaller payload");
        }
        String name = trial.objectName("queue");
        int key = keyOf(name);
        // a queue already under this key is not ours (the name is unique to this run): never remove it
        trial.scratch().recordThenCreate(id(), name, () -> Native.check(SYSV.msgget(key,
                SystemVQueues.IPC_CREAT | SystemVQueues.IPC_EXCL | MODE_0600),
                "sysv-mq: msgget(key " + hex(key) + ", IPC_CREAT|IPC_EXCL)", createHint(key)));
    }

    private static String createHint(int key) {
        int errno = Native.lastErrno();
        if (errno == Errno.EEXIST.intValue()) {
            return "another queue has this key (ipcs -q); run again (the key changes with every run) or remove it "
                    + "with ipcrm -Q " + hex(key) + " if it is a leftover";
        }
        if (errno == Errno.ENOSPC.intValue()) {
            return "kernel.msgmni queues exist already: remove stale ones (ipcs -q) or raise it";
        }
        return null;
    }

    @Override
    public void removeResource(String objectName) throws IOException {
        int key = keyOf(objectName);
        int msqid = SYSV.msgget(key, 0);
        if (msqid == -1) {
            if (Native.lastErrno() == Errno.ENOENT.intValue()) {
                return;
            }
            throw Native.failure("sysv-mq: msgget(key " + hex(key) + ")", "remove it by hand: ipcrm -Q " + hex(key));
        }
        if (SYSV.msgctl(msqid, SystemVQueues.IPC_RMID, 0L) == -1 && !gone(Native.lastErrno())) {
            throw Native.failure("sysv-mq: msgctl(" + msqid + ", IPC_RMID)", "remove it by hand: ipcrm -q " + msqid);
        }
    }

    /** The queue's key: 32-bit FNV-1a of the object name, never IPC_PRIVATE (0). */
    static int keyOf(String objectName) {
        int hash = 0x811c9dc5;
        for (byte b : objectName.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        return hash == 0 ? 1 : hash;
    }

    private static String hex(int key) {
        return "0x" + Integer.toHexString(key);
    }

    private static boolean gone(int errno) {
        return errno == Errno.EIDRM.intValue() || errno == Errno.EINVAL.intValue();
    }

    @Override
    protected Endpoint bind(Trial trial) throws IOException {
        Port port = new Port(open(trial), trial.payloadBytes(), REPLY_TYPE, REQUEST_TYPE);
        return new Endpoint() {
            @Override
            public String address() {
                return hex(keyOf(trial.objectName("queue")));
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
            public void close() {
                // the parent removes the queue
            }
        };
    }

    @Override
    protected MessagePort connectPort(Trial trial, String address) throws IOException {
        return new Port(open(trial), trial.payloadBytes(), REQUEST_TYPE, REPLY_TYPE);
    }

    private static int open(Trial trial) throws IOException {
        int key = keyOf(trial.objectName("queue"));
        return Native.check(SYSV.msgget(key, 0), "sysv-mq: msgget(key " + hex(key) + ")",
                "the parent creates the queue before the child starts: was it removed early?");
    }

    /**
     * msgsnd(2) / msgrcv(2) through a msgbuf: the type word, then the payload-sized text. The server receives into
     * {@link #text} and sends it back in place; a message from another buffer (the client's requests) is copied into a
     * second msgbuf of its own, so that a sending and a receiving thread never share one (open-loop load).
     */
    private static final class Port implements MessagePort {
        private final int msqid;
        private final long sendType;
        private final long receiveType;
        private final ByteBuffer msgbuf;
        private final long msgbufAddress;
        /** The text region of {@link #msgbuf}: received into, and sent from, without a copy. */
        private final ByteBuffer text;
        private final ByteBuffer sendMsgbuf;
        private final long sendMsgbufAddress;
        private final ByteBuffer sendText;
        private final int payloadBytes;

        Port(int msqid, int payloadBytes, long sendType, long receiveType) {
            this.msqid = msqid;
            this.sendType = sendType;
            this.receiveType = receiveType;
            this.payloadBytes = payloadBytes;
            this.msgbuf = ByteBuffer.allocateDirect(SystemVQueues.MTYPE_BYTES + payloadBytes).order(ByteOrder.nativeOrder());
            this.msgbufAddress = BufferAddress.once(msgbuf);
            this.text = msgbuf.position(SystemVQueues.MTYPE_BYTES).slice();
            msgbuf.clear();
            this.sendMsgbuf = ByteBuffer.allocateDirect(SystemVQueues.MTYPE_BYTES + payloadBytes)
                    .order(ByteOrder.nativeOrder());
            this.sendMsgbufAddress = BufferAddress.once(sendMsgbuf);
            this.sendText = sendMsgbuf.position(SystemVQueues.MTYPE_BYTES).slice();
            sendMsgbuf.clear();
        }

        /**
         * Requests and replies share the queue's kernel.msgmnb bytes (and as many messages): with at most msgmnb /
         * payload messages in flight, requests can never fill it and block the echo's reply (which would deadlock
         * against a client waiting for room).
         */
        @Override
        public long loadWindowMessages() {
            return Math.max(1, ProcSys.readInt(MSGMNB).orElse(payloadBytes) / Math.max(1, payloadBytes));
        }

        /** The text region itself; the port has one, so it serves every buffer asked of it. */
        @Override
        public ByteBuffer newMessageBuffer(int bytes) {
            if (bytes != text.capacity()) {
                throw new IllegalArgumentException("sysv-mq: messages here are " + text.capacity() + " B, not " + bytes);
            }
            return text;
        }

        @Override
        public void send(ByteBuffer message, int bytes) throws IOException {
            ByteBuffer from = msgbuf;
            long address = msgbufAddress;
            if (message != text) {
                sendText.put(0, message, 0, bytes);
                from = sendMsgbuf;
                address = sendMsgbufAddress;
            }
            from.putLong(0, sendType);
            while (SYSV.msgsnd(msqid, address, bytes, 0) == -1) {
                retryOnlyIfInterrupted("msgsnd", bytes);
            }
        }

        @Override
        public int receive(ByteBuffer message) throws IOException {
            long bytes;
            while ((bytes = SYSV.msgrcv(msqid, msgbufAddress, text.capacity(), receiveType, 0)) == -1) {
                retryOnlyIfInterrupted("msgrcv", text.capacity());
            }
            if (message != text && bytes > 0) {
                message.put(0, text, 0, (int) bytes);
            }
            return (int) bytes;
        }

        /** Removes the queue: every msgsnd or msgrcv blocked on it, in either process, fails with EIDRM. */
        @Override
        public void abort() throws IOException {
            if (SYSV.msgctl(msqid, SystemVQueues.IPC_RMID, 0L) == -1 && !gone(Native.lastErrno())) {
                throw Native.failure("sysv-mq: msgctl(" + msqid + ", IPC_RMID)", null);
            }
        }

        @Override
        public void close() {
            // a queue has no per-process descriptor; the parent removes it
        }

        @Override
        public int receiveNow(ByteBuffer message) throws IOException {
            long bytes = SYSV.msgrcv(msqid, msgbufAddress, text.capacity(), receiveType, SystemVQueues.IPC_NOWAIT);
            if (bytes == -1) {
                if (Native.lastErrno() != Errno.ENOMSG.intValue()) {
                    retryOnlyIfInterrupted("msgrcv", text.capacity());
                }
                return NOTHING;
            }
            if (message != text && bytes > 0) {
                message.put(0, text, 0, (int) bytes);
            }
            return (int) bytes;
        }

        private void retryOnlyIfInterrupted(String call, long bytes) throws IOException {
            Native.retryOnlyIfInterrupted("sysv-mq: " + call + "(msqid " + msqid + ")", errno -> {
                if (errno == Errno.EIDRM.intValue()) {
                    return "the queue was removed";
                }
                if (errno == Errno.EINVAL.intValue()) {
                    return "the queue is gone, or " + bytes + " B exceeds " + MSGMAX;
                }
                return errno == Errno.E2BIG.intValue() ? "a message longer than " + bytes + " B arrived" : null;
            });
        }
    }

    /** Whether the kernel has System V message queues, decided once per JVM. */
    private static final class Support {
        static final Availability RESULT = check();

        private static Availability check() {
            if (ProcSys.readInt(MSGMAX).isEmpty() || ProcSys.readInt(MSGMNB).isEmpty()) {
                return Availability.unavailable(MSGMAX + " is missing: the kernel was built without CONFIG_SYSVIPC "
                        + "(or /proc is not mounted)");
            }
            // looking up a key that does not exist fails with ENOENT where queues work, ENOSYS where they do not
            int msqid = SYSV.msgget(keyOf("ipcbench-" + ProcessHandle.current().pid() + "-support-check"), 0);
            if (msqid == -1 && Native.lastErrno() == Errno.ENOSYS.intValue()) {
                return Availability.unavailable("msgget returns ENOSYS: this kernel has no System V IPC "
                        + "(CONFIG_SYSVIPC) or a seccomp filter forbids it");
            }
            return Availability.AVAILABLE;
        }
    }
}
