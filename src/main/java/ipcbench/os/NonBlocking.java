package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

import java.io.FileDescriptor;
import java.io.IOException;

/**
 * Puts a file descriptor the JDK holds (a pipe or FIFO end behind a FileChannel) into non-blocking mode with
 * {@code fcntl(F_SETFL, O_NONBLOCK)}, so its reads return at once when no data is there: what a spinning receive
 * needs where the JDK offers no {@code configureBlocking}. Reaches the descriptor number through
 * {@code --add-opens java.base/java.io}.
 */
public final class NonBlocking {
    /** fcntl(2), with the one int argument F_GETFL and F_SETFL take. */
    public interface Fcntl {
        Fcntl INSTANCE = LibraryLoader.create(Fcntl.class).load("c");

        @SaveError
        int fcntl(int fd, int cmd, int arg);
    }

    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;

    private NonBlocking() {
    }

    /** Sets O_NONBLOCK on the open file behind {@code descriptor} (shared by every descriptor of that file). */
    public static void set(FileDescriptor descriptor) throws IOException {
        set(Descriptors.number(descriptor));
    }

    /** Sets O_NONBLOCK on the open file behind descriptor number {@code fd}. */
    public static void set(int fd) throws IOException {
        int flags = Native.check(Fcntl.INSTANCE.fcntl(fd, F_GETFL, 0), "fcntl(" + fd + ", F_GETFL)", null);
        Native.check(Fcntl.INSTANCE.fcntl(fd, F_SETFL, flags | O_NONBLOCK), "fcntl(" + fd + ", F_SETFL)", null);
    }
}
