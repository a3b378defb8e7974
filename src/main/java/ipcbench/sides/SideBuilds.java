package ipcbench.sides;

import ipcbench.os.Subprocess;
import ipcbench.os.UserDirectories;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Turns what the user named for a side into a benchmarks jar. A revision (or a clean checkout, by its commit) is
 * exported with {@code git archive}, built once with Maven, and cached by commit in a private directory
 * ({@code <user cache>/sides/<commit>}, see {@link UserDirectories}); a checkout with uncommitted changes
 * is refused unless asked for, then built from its working tree and never cached; a jar is copied into the gate, so
 * that a rebuild meanwhile cannot change a side half-way.
 * {@link #resolve} only looks (bad input fails before anything is created); {@link #build} creates.
 */
public final class SideBuilds {
    /** A side as named, checked but not yet built. */
    public record Source(String name, String given, SideJar.Kind kind, String commit, boolean dirty, Path location) {
    }

    static final String JAR_NAME = "benchmarks.jar";
    private static final Duration GIT_DEADLINE = Duration.ofMinutes(2);
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(20);

    private SideBuilds() {
    }

    /**
     * What {@code given} names: an existing {@code .jar} file, an existing git checkout directory, or else a revision
     * of the repository at {@code home}. Fails with {@link SideException#badInput} and one line otherwise.
     */
    public static Source resolve(String name, String given, Path home, boolean allowDirty) throws SideException {
        if (given == null || given.isBlank()) {
            throw new SideException("--" + name + " needs a git revision, a checkout directory or a .jar file", true);
        }
        Path path = Path.of(given).toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            if (!given.endsWith(".jar")) {
                throw new SideException("--" + name + " " + given + ": a file, but not a .jar", true);
            }
            requireBenchmarksJar(name, path);
            return new Source(name, given, SideJar.Kind.JAR, null, false, path);
        }
        if (Files.isDirectory(path)) {
            String commit = git(path, "rev-parse", "--verify", "--quiet", "HEAD^{commit}");
            if (commit == null || !Files.isRegularFile(path.resolve("pom.xml"))) {
                throw new SideException("--" + name + " " + given + ": not an ipcbench git checkout (no commit or no"
                        + " pom.xml there)", true);
            }
            String status = git(path, "status", "--porcelain", "--untracked-files=no");
            boolean dirty = status == null || !status.isEmpty();
            if (dirty && !allowDirty) {
                throw new SideException("--" + name + " " + given + " has uncommitted changes; commit them, or pass"
                        + " --allow-dirty to measure its working tree (built each time, never cached)", true);
            }
            return new Source(name, given, SideJar.Kind.CHECKOUT, commit, dirty, path);
        }
        String commit = given.startsWith("-") ? null : git(home, "rev-parse", "--verify", "--quiet", given + "^{commit}");
        if (commit == null) {
            throw new SideException("--" + name + " '" + given + "' is neither a revision of " + home
                    + " nor an existing checkout directory or .jar file", true);
        }
        return new Source(name, given, SideJar.Kind.REVISION, commit, false, home);
    }

    /** The side's jar: the cached build of its commit, a new build, or the jar given. */
    public static SideJar build(Source source, Path cacheRoot, Path workDir, PrintStream out) throws SideException {
        try {
            if (source.kind() == SideJar.Kind.JAR) {
                Path copy = workDir.resolve(source.name() + "-" + JAR_NAME);
                Files.copy(source.location(), copy);
                return jar(source, copy);
            }
            if (source.dirty()) {
                Path jar = workDir.resolve(source.name() + "-" + JAR_NAME);
                out.println("ipcbench gate: building " + source.name() + " from the working tree of " + source.given()
                        + " (uncommitted changes: not cached) ...");
                buildInto(source, cacheRoot, workDir, jar);
                return jar(source, jar);
            }
            Path cached = cacheRoot.resolve(source.commit()).resolve(JAR_NAME);
            if (ours(cached.getParent()) && ours(cached)) {
                out.println("ipcbench gate: " + source.name() + " = " + source.given() + ": the cached build of "
                        + source.commit().substring(0, 12));
                return jar(source, cached);
            }
            out.println("ipcbench gate: building " + source.name() + " = " + source.given() + " (commit "
                    + source.commit().substring(0, 12) + "; cached for later gates) ...");
            Path staging = Files.createTempDirectory(cacheRoot, source.commit() + ".tmp-", privateDirectory());
            try {
                buildInto(source, cacheRoot, workDir, staging.resolve(JAR_NAME));
            } catch (SideException | IOException | RuntimeException e) {
                deleteTree(staging);
                throw e;
            }
            try {
                Files.move(staging, cached.getParent(), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException another) {
                deleteTree(staging);
            } catch (IOException e) {
                if (!Files.isDirectory(cached.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                deleteTree(staging);
            }
            if (!(ours(cached.getParent()) && ours(cached))) {
                throw new SideException(cached + " is not a private file of this user after the build; remove it",
                        false);
            }
            return jar(source, cached);
        } catch (IOException e) {
            throw new SideException(source.name() + ": " + oneLine(e.getMessage()), false);
        }
    }

    /** The private cache directory for built sides, {@code <user cache>/sides}, created 0700 and proved private. */
    public static Path cacheRoot() throws SideException {
        try {
            return UserDirectories.privateDirectory(UserDirectories.cache().resolve("sides"));
        } catch (IOException e) {
            throw new SideException("the build cache: " + oneLine(e.getMessage()), false);
        }
    }

    /** A real file or directory of this user that nobody else can write, nor rename on the way to it. */
    static boolean ours(Path path) {
        try {
            return UserDirectories.problem(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void buildInto(Source source, Path cacheRoot, Path workDir, Path jar) throws IOException,
            SideException {
        Path tree = Files.createTempDirectory(cacheRoot, "build-", privateDirectory());
        Path log = workDir.resolve("build-" + source.name() + ".log");
        try {
            if (source.dirty()) {
                copyTrackedFiles(source.location(), tree);
            } else {
                Path archive = tree.resolve("source.tar");
                run(List.of("git", "-C", source.location().toString(), "archive", "--format=tar", "-o",
                        archive.toString(), source.commit()), null, log, GIT_DEADLINE, "git archive");
                run(List.of("tar", "-xf", archive.toString(), "-C", tree.toString()), null, log, GIT_DEADLINE,
                        "tar");
                Files.delete(archive);
            }
            run(List.of("mvn", "-B", "-q", "-DskipTests", "package"), tree, log, BUILD_DEADLINE,
                    "the build (mvn package) of " + source.name());
            Path built = tree.resolve("target").resolve(JAR_NAME);
            if (!Files.isRegularFile(built, LinkOption.NOFOLLOW_LINKS)) {
                throw new SideException(source.name() + ": the build made no target/" + JAR_NAME + "; see " + log,
                        false);
            }
            Files.move(built, jar);
            Files.delete(log);
        } finally {
            deleteTree(tree);
        }
    }

    private static void run(List<String> command, Path dir, Path log, Duration deadline, String what)
            throws IOException, SideException {
        int code = Subprocess.toLog(command, dir, Map.of(), log, deadline);
        if (code != 0) {
            throw new SideException(what + " failed (exit " + code + "); see " + log, false);
        }
    }

    /** The files git tracks in {@code checkout}, as they are in its working tree (links are not followed). */
    private static void copyTrackedFiles(Path checkout, Path tree) throws IOException, SideException {
        String listing = git(checkout, "ls-files", "-z");
        if (listing == null) {
            throw new SideException("git ls-files failed in " + checkout, false);
        }
        for (String file : listing.split("\0")) {
            if (file.isEmpty()) {
                continue;
            }
            Path from = checkout.resolve(file).normalize();
            if (!from.startsWith(checkout) || !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path to = tree.resolve(file).normalize();
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static SideJar jar(Source source, Path jar) throws IOException {
        return new SideJar(source.name(), source.given(), source.kind(), source.commit(), source.dirty(), jar,
                sha256(jar));
    }

    private static void requireBenchmarksJar(String name, Path jar) throws SideException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry("ipcbench/cli/Main.class") == null) {
                throw new SideException("--" + name + " " + jar + ": not an ipcbench benchmarks jar (no"
                        + " ipcbench/cli/Main.class)", true);
            }
        } catch (IOException e) {
            throw new SideException("--" + name + " " + jar + ": not a readable jar (" + oneLine(e.getMessage())
                    + ")", true);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every JDK", e);
        }
    }

    /** Git's answer, trimmed, or null when git fails (not a repository, unknown revision, no git). */
    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Subprocess.Result result = Subprocess.output(command, null, GIT_DEADLINE);
            return result.exitCode() == 0 ? result.output() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> privateDirectory() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    /** Removes a directory this process made, without following links out of it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
