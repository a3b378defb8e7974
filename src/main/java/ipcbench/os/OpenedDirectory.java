package ipcbench.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One directory, opened once, whose entries are inspected, read and removed relative to the open descriptor
 * (openat, fstatat, unlinkat through the JDK's {@link SecureDirectoryStream}), never following a link. So an entry
 * checked here is the entry acted on: renaming a symlink into its place afterwards redirects nothing.
 *
 * <p>Invariants: entry names are single path components; attributes are read without following links; a removal
 * of a subtree descends only through real directories opened with O_NOFOLLOW.
 */
public final class OpenedDirectory implements AutoCloseable {
    /** How deep {@link #removeTree} descends: scratch directories are flat, so more means someone else's tree. */
    private static final int MAX_DEPTH = 4;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path path;
    private final SecureDirectoryStream<Path> stream;
    private final List<String> names;

    private OpenedDirectory(Path path, SecureDirectoryStream<Path> stream) {
        this.path = path;
        this.stream = stream;
        List<String> listed = new ArrayList<>();
        for (Path entry : stream) {
            listed.add(entry.getFileName().toString());
        }
        this.names = List.copyOf(listed);
    }

    /** Opens {@code dir} (a directory the caller trusts, such as /tmp or /dev/shm) for work relative to it. */
    public static OpenedDirectory open(Path dir) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw new IOException(dir + ": this platform cannot work relative to an open directory (no openat)");
        }
        return new OpenedDirectory(dir, secure);
    }

    /** The effective user of this process, as file owners are compared. */
    public static UserPrincipal currentUser() throws IOException {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(Integer.toString(LibC.INSTANCE.geteuid()));
    }

    public Path path() {
        return path;
    }

    /** The entries' names as listed when opened. */
    public List<String> names() {
        return names;
    }

    /** The entry's own attributes (a symlink's, not its target's); empty when it is gone. */
    public Optional<PosixFileAttributes> attributes(String name) throws IOException {
        try {
            return Optional.of(stream.getFileAttributeView(entry(name), PosixFileAttributeView.class, NO_FOLLOW)
                    .readAttributes());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /** The subdirectory {@code name}, opened without following a link (a symlink there fails with ELOOP). */
    public OpenedDirectory child(String name) throws IOException {
        return new OpenedDirectory(path.resolve(name), stream.newDirectoryStream(entry(name), NO_FOLLOW));
    }

    /** At most {@code maxBytes} of the regular file {@code name}, opened without following a link. */
    public byte[] read(String name, int maxBytes) throws IOException {
        try (SeekableByteChannel channel = stream.newByteChannel(entry(name),
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // fill up to the cap
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Unlinks the non-directory entry {@code name} (a symlink itself, never its target); gone already is fine. */
    public void removeFile(String name) throws IOException {
        try {
            stream.deleteFile(entry(name));
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
    }

    /** Removes the entry {@code name} and, when it is a real directory, everything in it, all relative to it. */
    public void removeTree(String name) throws IOException {
        removeTree(name, 0);
    }

    private void removeTree(String name, int depth) throws IOException {
        Optional<PosixFileAttributes> attributes = attributes(name);
        if (attributes.isEmpty()) {
            return;
        }
        if (!attributes.get().isDirectory()) {
            removeFile(name);
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw new IOException(path.resolve(name) + " nests deeper than " + MAX_DEPTH + " directories");
        }
        try (OpenedDirectory child = child(name)) {
            for (String inner : child.names) {
                child.removeTree(inner, depth + 1);
            }
        }
        try {
            stream.deleteDirectory(entry(name));
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
    }

    private static Path entry(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not one directory entry: " + name);
        }
        return Path.of(name);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
