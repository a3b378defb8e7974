package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The socket calls the datagram family makes on a descriptor it already has (a jnr-unixsocket channel's): the JDK
 * and jnr-unixsocket either lack them (connect(2) of a Unix datagram socket, shutdown(2) to wake a blocked reader)
 * or copy through a fresh heap buffer on every read and write. Buffers are passed as raw addresses of direct
 * buffers, so a call neither allocates nor copies.
 */
public interface Sockets {
    Sockets INSTANCE = LibraryLoader.create(Sockets.class).load("c");

    short AF_UNIX = 1;
    int SHUT_RDWR = 2;
    int MSG_DONTWAIT = 0x40;

    @SaveError
    int connect(int fd, @In byte[] sockaddr, int sockaddrBytes);

    @SaveError
    @ssize_t
    long send(int fd, long bufferAddress, @size_t long bytes, int flags);

    @SaveError
    @ssize_t
    long recv(int fd, long bufferAddress, @size_t long bytes, int flags);

    @SaveError
    int shutdown(int fd, int how);
}
