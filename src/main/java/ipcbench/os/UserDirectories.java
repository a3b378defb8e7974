package ipcbench.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The directories private to this user that ipcbench keeps state in (the native peer's build cache, the run lock),
 * and the proof that a path there is this user's alone. Locations follow the XDG base directories: a variable is
 * used only when it holds an absolute path.
 *
 * <p>Invariant of a path that passes {@link #problem}: it is what it should be (a real directory or regular file,
 * not a link), it belongs to this user and no group or other user may write it; each directory above it belongs to
 * this user or root and is not writable by others unless sticky (as /tmp), so nobody else can rename anything on
 * the way to it.
 */
public final class UserDirectories {
    private static final int WRITABLE_BY_OTHERS = 0022;
    private static final int STICKY = 01000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    private UserDirectories() {
    }

    /** {@code $XDG_CACHE_HOME/ipcbench}, else {@code ~/.cache/ipcbench}. */
    public static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ipcbench");
    }

    /** {@code $XDG_RUNTIME_DIR/ipcbench} (a private tmpfs that lives as long as the user's sessions), else the cache. */
    public static Path runtime() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        return xdg != null && xdg.startsWith("/") && Files.isDirectory(Path.of(xdg)) ? Path.of(xdg, "ipcbench") : cache();
    }

    /** Creates {@code dir} (0700, with any missing parents) unless it exists, and proves it private to this user. */
    public static Path privateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new IOException("cannot create the private directory " + dir + " (" + e + "); set XDG_CACHE_HOME "
                    + "(or XDG_RUNTIME_DIR) to a directory of this user's", e);
        }
        String problem = problem(dir, true);
        if (problem != null) {
            throw new IOException(problem + "; remove it, or point the XDG variable at a private directory");
        }
        return dir;
    }

    /** Why {@code path} is not this user's alone (see the class comment), or null when it is. */
    public static String problem(Path path, boolean directory) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return path + " does not exist";
        }
        int mode = (Integer) attributes.get("mode");
        int uid = (Integer) attributes.get("uid");
        int user = LibC.INSTANCE.geteuid();
        if ((mode & S_IFMT) != (directory ? S_IFDIR : S_IFREG)) {
            return path + " is not a " + (directory ? "directory" : "regular file") + " (a link?)";
        }
        if (uid != user) {
            return path + " belongs to uid " + uid + ", not to this user (uid " + user + ")";
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            return path + " is writable by group or others (mode " + Integer.toOctalString(mode & 07777) + ")";
        }
        for (Path above = path.toRealPath().getParent(); above != null; above = above.getParent()) {
            Map<String, Object> up = Files.readAttributes(above, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int upMode = (Integer) up.get("mode");
            int upUid = (Integer) up.get("uid");
            if (upUid != user && upUid != 0) {
                return above + " (above " + path + ") belongs to uid " + upUid + ", neither this user nor root";
            }
            if ((upMode & WRITABLE_BY_OTHERS) != 0 && (upMode & STICKY) == 0) {
                return above + " (above " + path + ") is writable by group or others and not sticky";
            }
        }
        return null;
    }
}
