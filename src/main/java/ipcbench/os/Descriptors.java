package ipcbench.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.Channel;

/**
 * File descriptor numbers behind the JDK's objects, which a direct path ({@link DirectCalls}) and the per-call
 * comparison with the JDK's channels need, and pipe(2) for that comparison. The numbers are reached by reflection,
 * through {@code --add-opens java.base/java.io} (a {@link FileDescriptor}) and {@code --add-opens
 * java.base/sun.nio.ch} (a socket or datagram channel's {@code fdVal}, a file channel's {@code fd}).
 */
public final class Descriptors {
    /** pipe(2) and close(2). */
    public interface Calls {
        Calls INSTANCE = LibraryLoader.create(Calls.class).load("c");

        @SaveError
        int pipe(@Out int[] fds);

        @SaveError
        int close(int fd);
    }

    private Descriptors() {
    }

    /** A new pipe: read end, write end. */
    public static int[] pipe() throws IOException {
        int[] fds = new int[2];
        Native.check(Calls.INSTANCE.pipe(fds), "pipe", null);
        return fds;
    }

    /** The number behind {@code descriptor}. */
    public static int number(FileDescriptor descriptor) throws IOException {
        return intField(FileDescriptor.class, descriptor, "fd", "java.io");
    }

    /** A {@link FileDescriptor} for {@code fd}, so that the JDK's file streams and channels can use it (and close it). */
    public static FileDescriptor of(int fd) throws IOException {
        FileDescriptor descriptor = new FileDescriptor();
        try {
            Field field = FileDescriptor.class.getDeclaredField("fd");
            field.setAccessible(true);
            field.setInt(descriptor, fd);
            return descriptor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unreachable("java.io", e);
        }
    }

    /**
     * The number behind a socket or datagram channel of the JDK's (its {@code fdVal}), or behind a file channel (its
     * {@code fd}, a {@link FileDescriptor}).
     */
    public static int number(Channel channel) throws IOException {
        for (Class<?> type = channel.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals("fdVal") && field.getType() == int.class) {
                    return intField(type, channel, "fdVal", "sun.nio.ch");
                }
                if (field.getName().equals("fd") && field.getType() == FileDescriptor.class) {
                    try {
                        field.setAccessible(true);
                        return number((FileDescriptor) field.get(channel));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw unreachable("sun.nio.ch", e);
                    }
                }
            }
        }
        throw new IOException(channel.getClass().getName() + " has no descriptor field (fdVal or fd)");
    }

    private static int intField(Class<?> type, Object owner, String name, String openPackage) throws IOException {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.getInt(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unreachable(openPackage, e);
        }
    }

    private static IOException unreachable(String openPackage, Exception e) {
        return new IOException("cannot reach a descriptor number (run with --add-opens=java.base/" + openPackage
                + "=ALL-UNNAMED): " + e, e);
    }
}
