package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * POSIX message queues, mq_overview(7). glibc 2.34+ has them in libc.so.6 (before: librt). mqd_t is an int on
 * Linux. Buffers and structs are passed as raw addresses of direct buffers, so a send or receive allocates nothing.
 */
public interface PosixMessageQueues {
    PosixMessageQueues INSTANCE = LibraryLoader.create(PosixMessageQueues.class).load("c");

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_NONBLOCK = 04000;

    /** sizeof(struct mq_attr) on x86-64: mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs and 4 reserved longs. */
    int ATTR_BYTES = 64;
    int ATTR_MAXMSG_OFFSET = 8;
    int ATTR_MSGSIZE_OFFSET = 16;

    /**
     * mq_open is variadic ({@code mode} and {@code attr} only with O_CREAT); declared with the full fixed list, which
     * the x86-64 calling convention passes identically. Pass 0 for both when not creating.
     */
    @SaveError
    int mq_open(String name, int oflag, int mode, long attrAddress);

    @SaveError
    int mq_close(int mqd);

    @SaveError
    int mq_unlink(String name);

    @SaveError
    int mq_send(int mqd, long messageAddress, @size_t long bytes, int priority);

    /** {@code bufferBytes} must be at least the queue's mq_msgsize, or the call fails with EMSGSIZE. */
    @SaveError
    @ssize_t
    long mq_receive(int mqd, long bufferAddress, @size_t long bufferBytes, long priorityAddress);
}
