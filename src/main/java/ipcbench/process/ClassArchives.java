package ipcbench.process;

import ipcbench.os.UserDirectories;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Class-data-sharing archives for the JVMs a run starts, the JMH forks and the echo-server children: they load the
 * same classes every time, and mapping them from an archive saves part of each JVM's start. One archive per role, per
 * class path (each jar's path, size and modification time) and per JDK, in {@code <user cache>/cds/<key>}; a key no
 * run used for 14 days is deleted.
 *
 * <p>An archive is loaded code: only a regular file of this user's in a directory nobody else can write
 * ({@link UserDirectories#problem}) is ever used. A run whose two archives exist uses them; otherwise every JVM of the
 * run writes one as it exits ({@code -XX:ArchiveClassesAtExit}, after its results were sent, so no measured iteration
 * differs) into a temporary file that {@link #keep} proves loadable with a JVM start and moves into place. All JVMs of
 * one role in one run get the same flags. CDS messages are off: a JDK that cannot use an archive says so on stdout, the
 * pipe mechanism's data channel and JMH's fork output, and then simply runs without it.
 */
public final class ClassArchives {
    /** Carries the echo children's archive to the forks: {@code use:<file>} or {@code make:<file>}. */
    public static final String CHILD_PROPERTY = "ipcbench.childArchive";
    static final String QUIET = "-Xlog:cds*=off";
    private static final String USE = "use:";
    private static final String MAKE = "make:";
    private static final String FORK = "fork.jsa";
    private static final String CHILD = "child.jsa";
    private static final String MAKING = ".making";
    private static final long CHECK_SECONDS = 60;
    /** An archive directory no run used for this long is deleted. */
    private static final Duration UNUSED = Duration.ofDays(14);

    private final Path dir;
    private final boolean making;
    private final String state;
    private final String childValue;

    private ClassArchives(Path dir, boolean making, String state) {
        this.dir = dir;
        this.making = making;
        this.state = state;
        this.childValue = dir == null ? null : (making ? MAKE : USE) + file(CHILD);
    }

    /**
     * The archives for this JVM's class path and JDK: used when both exist, else made by this run. Off, with the
     * reason in {@link #state()}, when this JVM shares no classes itself or the user's fork flags choose their own.
     */
    public static ClassArchives prepare(List<String> userForkFlags) {
        for (String flag : userForkFlags) {
            if (flag.startsWith("-Xshare") || flag.contains("SharedArchiveFile") || flag.contains("ArchiveClassesAtExit")) {
                return off("off: the JMH options set " + flag);
            }
        }
        if (!sharesClasses()) {
            return off("off: this JVM does not share classes (-Xshare)");
        }
        String classPath = JvmFlags.absoluteClassPath();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                return off("off: the class path holds a directory (" + entry + "); archives hold classes from jars");
            }
        }
        Path dir = UserDirectories.cache().resolve("cds").resolve(key(classPath));
        try {
            UserDirectories.privateDirectory(dir.getParent());
            UserDirectories.privateDirectory(dir);
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
            pruneUnused(dir.getParent(), Instant.now().minus(UNUSED));
            if (UserDirectories.problem(dir.resolve(FORK), false) == null
                    && UserDirectories.problem(dir.resolve(CHILD), false) == null) {
                return new ClassArchives(dir, false, "used: " + dir);
            }
            deleteArchives(dir, "*" + MAKING);
            return new ClassArchives(dir, true, "made by this run: " + dir);
        } catch (IOException e) {
            return off("off: " + e.getMessage());
        }
    }

    /** No archives, for {@code reason} (shown as the state). */
    public static ClassArchives off(String reason) {
        return new ClassArchives(null, false, reason);
    }

    /** Used, made by this run (with the directory), or off (with the reason): for run.json and the console. */
    public String state() {
        return state;
    }

    /** The JMH forks' archive flags (none when off). */
    public List<String> forkFlags() {
        return dir == null ? List.of() : flags(file(FORK));
    }

    /** The JMH forks' {@code -D} that gives their echo children the children's archive (none when off). */
    public List<String> childProperty() {
        return dir == null ? List.of() : List.of("-D" + CHILD_PROPERTY + "=" + childValue);
    }

    /** The echo children's archive flags, from {@link #CHILD_PROPERTY} as a fork received it (none without it). */
    static List<String> childFlags(String property) {
        if (property == null) {
            return List.of();
        }
        if (property.startsWith(USE)) {
            return List.of("-XX:SharedArchiveFile=" + property.substring(USE.length()), QUIET);
        }
        if (property.startsWith(MAKE)) {
            return List.of("-XX:ArchiveClassesAtExit=" + property.substring(MAKE.length()), QUIET);
        }
        throw new IllegalArgumentException(CHILD_PROPERTY + " is use:<file> or make:<file>, got '" + property + "'");
    }

    /** The echo children's archive flags of this run, for run.json. */
    public List<String> childFlags() {
        return childFlags(childValue);
    }

    private List<String> flags(Path file) {
        return List.of((making ? "-XX:ArchiveClassesAtExit=" : "-XX:SharedArchiveFile=") + file, QUIET);
    }

    private Path file(String name) {
        return making ? dir.resolve(name + MAKING) : dir.resolve(name);
    }

    /**
     * After a run that made the archives: each one its JVMs wrote, this user's and loadable by a JVM with the role's
     * {@code roleFlags} and {@code -Xshare:on}, is moved into place; the rest are deleted. Returns one line per
     * archive written but not kept (empty when all were kept, none was written, or none was to be made).
     */
    public List<String> keep(List<String> forkRoleFlags, List<String> childRoleFlags) {
        if (!making) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        keep(FORK, forkRoleFlags, problems);
        keep(CHILD, childRoleFlags, problems);
        return problems;
    }

    private void keep(String name, List<String> roleFlags, List<String> problems) {
        Path made = dir.resolve(name + MAKING);
        if (Files.notExists(made, LinkOption.NOFOLLOW_LINKS)) {
            return; // no JVM of this role ran to its end (a native-only run, say): the next run makes it
        }
        try {
            String problem = UserDirectories.problem(made, false);
            if (problem == null) {
                problem = loadProblem(made, roleFlags);
            }
            if (problem == null) {
                Files.move(made, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            Files.deleteIfExists(made);
            problems.add("the " + name + " class archive was not kept: " + problem);
        } catch (IOException e) {
            problems.add("the " + name + " class archive was not kept: " + e.getMessage());
        }
    }

    /** Why a JVM with {@code roleFlags} cannot start on {@code archive} with sharing required, or null. */
    private static String loadProblem(Path archive, List<String> roleFlags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(roleFlags);
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, QUIET, "-cp",
                JvmFlags.absoluteClassPath(), "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!java.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
                java.destroyForcibly();
                return "the check with -Xshare:on took over " + CHECK_SECONDS + " s";
            }
        } catch (InterruptedException e) {
            java.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking " + archive, e);
        }
        return java.exitValue() == 0 ? null : "a JVM with -Xshare:on refused it (exit " + java.exitValue() + ")";
    }

    /** Deletes the archives matching {@code glob} in {@code dir}: regular files of this user's only. */
    private static void deleteArchives(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            for (Path entry : entries) {
                if (UserDirectories.problem(entry, false) == null) {
                    Files.delete(entry);
                }
            }
        }
    }

    /**
     * Deletes the archive directories under {@code root} that no run used since {@code before} (a run touches its
     * directory), so that rebuilt jars and gate directories do not pile up archives: only private directories of
     * this user's, and in them only archives of ours; a directory that keeps anything else is left.
     */
    static void pruneUnused(Path root, Instant before) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                if (UserDirectories.problem(dir, true) != null
                        || !Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    continue;
                }
                deleteArchives(dir, "*.jsa*");
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException notOnlyArchives) {
                    // something that is not an archive of ours: left alone
                }
            }
        }
    }

    /** This JVM's own use of the JDK's archive: forks and children start the same way, so they can share too. */
    private static boolean sharesClasses() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseSharedSpaces").getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
    }

    /** The first 16 hex digits of a SHA-256 over the JDK and each class-path entry's path, size and modification time. */
    static String key(String classPath) {
        StringBuilder identity = new StringBuilder(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : classPath.split(File.pathSeparator)) {
            identity.append(entry);
            try {
                BasicFileAttributes attributes = Files.readAttributes(Path.of(entry), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                identity.append(' ').append(attributes.size()).append(' ').append(attributes.lastModifiedTime().toMillis());
            } catch (IOException missing) {
                identity.append(" missing");
            }
            identity.append('\n');
        }
        return NativePeer.sha256(identity.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
