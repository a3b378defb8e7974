package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * System V message queues, sysvipc(7). A message is {@code struct msgbuf { long mtype; char mtext[]; }}: the
 * buffer address points at mtype and {@code textBytes} counts mtext only.
 */
public interface SystemVQueues {
    SystemVQueues INSTANCE = LibraryLoader.create(SystemVQueues.class).load("c");

    int IPC_CREAT = 01000;
    int IPC_EXCL = 02000;
    int IPC_RMID = 0;
    /** msgrcv flag: fail with ENOMSG instead of sleeping when no message of the type waits. */
    int IPC_NOWAIT = 04000;
    /** Bytes of the mtype word in front of the text. */
    int MTYPE_BYTES = 8;

    @SaveError
    int msgget(int key, int flags);

    @SaveError
    int msgsnd(int msqid, long msgbufAddress, @size_t long textBytes, int flags);

    @SaveError
    @ssize_t
    long msgrcv(int msqid, long msgbufAddress, @size_t long textBytes, long type, int flags);

    @SaveError
    int msgctl(int msqid, int command, long bufAddress);
}
