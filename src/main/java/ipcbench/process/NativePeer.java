package ipcbench.process;

import ipcbench.mechanism.Availability;
import ipcbench.os.OpenedDirectory;
import ipcbench.os.Subprocess;
import ipcbench.os.UserDirectories;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The native (C) peer binary, {@code ipcpeer} (its contract is {@code src/main/c/ipcpeer.h}): built on first use with
 * the host's {@code cc} from the C sources the jar carries ({@code ipcbench/native/}), into the user's cache,
 * {@code <cache>/<hash of the sources>/ipcpeer} with cache = {@code $XDG_CACHE_HOME/ipcbench/native} or
 * {@code ~/.cache/ipcbench/native} (private, 0700). A build goes to a private temporary name and is renamed into
 * place, so concurrent builds are safe and a finished binary is never half-written; the hash keys the cache, so
 * edited sources build anew.
 *
 * <p>The cache's path is predictable (the sources are public), so a cached binary is run only when it proves to be
 * this user's own build ({@link #untrusted}): a regular file owned by this user, neither it nor its directories
 * writable by group or others, whose SHA-256 matches {@code ipcpeer.sha256} written beside it at build. A binary
 * that fails the check is rebuilt in place; a directory that fails it makes the peer unavailable, with the reason.
 *
 * <p>A JMH fork or child is handed the built binary through {@link #BINARY_PROPERTY} and never compiles. Without a
 * compiler, or when the build fails, the peer is unavailable with a reason a user can act on; mechanisms the binary
 * does not list ({@code ipcpeer list}) are unavailable with theirs.
 */
public final class NativePeer {
    /** System property naming an already built binary (the CLI passes it to JMH forks). */
    public static final String BINARY_PROPERTY = "ipcbench.nativePeer";
    static final String RESOURCE_DIR = "ipcbench/native";
    static final String HEADER = "ipcpeer.h";
    private static final String BINARY_NAME = "ipcpeer";
    private static final String DIGEST_SUFFIX = ".sha256";
    /** Warnings on (the sources build without any), plus the usual hardening. */
    static final List<String> CFLAGS = List.of("-Wall", "-Wextra", "-O2", "-D_FORTIFY_SOURCE=2",
            "-fstack-protector-strong", "-pthread");
    private static final long BUILD_TIMEOUT_S = 120;
    private static final Duration LIST_DEADLINE = Duration.ofSeconds(10);

    private static NativePeer here;

    private final Path binary;
    private final List<String> mechanisms;
    private final Availability availability;

    private NativePeer(Path binary, List<String> mechanisms, Availability availability) {
        this.binary = binary;
        this.mechanisms = List.copyOf(mechanisms);
        this.availability = availability;
    }

    /** The peer of this JVM: the binary the property names, else one built (or found in the cache) now; memoized. */
    public static synchronized NativePeer here() {
        if (here == null) {
            String given = System.getProperty(BINARY_PROPERTY);
            here = given != null && !given.isEmpty() ? ofBinary(Path.of(given)) : build(cache(), System.getenv("PATH"));
        }
        return here;
    }

    /** Where the build cache lives: {@code native} in the user's cache ({@link UserDirectories#cache()}). */
    static Path cache() {
        return UserDirectories.cache().resolve("native");
    }

    /** Builds (or finds built and proven) the binary under {@code cache}, with the {@code cc} that {@code path} finds. */
    static NativePeer build(Path cache, String path) {
        Path cc = findOnPath("cc", path);
        if (cc == null) {
            return unavailable("no C compiler (cc) on PATH: install gcc");
        }
        try {
            Map<String, byte[]> sources = sources();
            UserDirectories.privateDirectory(cache);
            String hash = hash(sources);
            Path binary = cache.resolve(hash).resolve(BINARY_NAME);
            if (untrusted(binary) != null) {
                String failure = compile(cc, sources, cache, hash);
                if (failure != null) {
                    return unavailable(failure);
                }
            }
            return ofBinary(binary);
        } catch (IOException e) {
            return unavailable("the native peer could not be built: " + e.getMessage());
        }
    }

    /** The peer of an existing binary, once it proves to be this user's build: what {@code ipcpeer list} names. */
    static NativePeer ofBinary(Path binary) {
        return ofBinary(binary, LIST_DEADLINE);
    }

    /** {@link #ofBinary(Path)}, with {@code ipcpeer list} given {@code listDeadline}. */
    static NativePeer ofBinary(Path binary, Duration listDeadline) {
        try {
            String problem = untrusted(binary);
            if (problem != null) {
                return unavailable("the native peer " + problem + "; not running it");
            }
        } catch (IOException e) {
            return unavailable("the native peer " + binary + " cannot be checked: " + e.getMessage());
        }
        try {
            Subprocess.Result list = Subprocess.output(List.of(binary.toString(), "list"), null, listDeadline);
            if (list.exitCode() != 0) {
                return unavailable(binary + " list exited with code " + list.exitCode());
            }
            List<String> ids = new ArrayList<>();
            for (String line : list.output().split("\n")) {
                if (!line.isBlank()) {
                    ids.add(line.trim());
                }
            }
            return new NativePeer(binary, ids, Availability.AVAILABLE);
        } catch (IOException e) {
            return unavailable("the native peer " + binary + " cannot run: " + e.getMessage());
        }
    }

    private static NativePeer unavailable(String reason) {
        return new NativePeer(null, List.of(), Availability.unavailable(reason));
    }

    /** Whether the binary exists and runs here; the reason when not. */
    public Availability availability() {
        return availability;
    }

    /** Whether {@code mechanismId} has a native peer here, with the reason when not. */
    public Availability availability(String mechanismId) {
        if (!availability.available()) {
            return availability;
        }
        if (!mechanisms.contains(mechanismId)) {
            return Availability.unavailable("the native peer has no " + mechanismId + " end (ipcpeer list names "
                    + (mechanisms.isEmpty() ? "none" : String.join(", ", mechanisms)) + ")");
        }
        return Availability.AVAILABLE;
    }

    /** The ids {@code ipcpeer list} printed, in its order. */
    public List<String> mechanisms() {
        return mechanisms;
    }

    /** The built binary; only when {@link #availability()} says available. */
    public Path binary() {
        if (binary == null) {
            throw new IllegalStateException(availability.reason());
        }
        return binary;
    }

    /** An executable {@code name} in one of {@code path}'s directories, or null. */
    static Path findOnPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** File name to content of every {@code .c} and {@code .h} under {@link #RESOURCE_DIR}, sorted by name. */
    static Map<String, byte[]> sources() throws IOException {
        URL header = NativePeer.class.getClassLoader().getResource(RESOURCE_DIR + "/" + HEADER);
        if (header == null) {
            throw new IOException("this build carries no C sources (" + RESOURCE_DIR + "/" + HEADER + ")");
        }
        Map<String, byte[]> sources = new TreeMap<>();
        if (header.getProtocol().equals("file")) {
            Path dir;
            try {
                dir = Path.of(header.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException("unreadable resource location " + header, e);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    if (isSource(file.getFileName().toString())) {
                        sources.put(file.getFileName().toString(), Files.readAllBytes(file));
                    }
                }
            }
        } else if (header.getProtocol().equals("jar")) {
            String spec = header.getPath();
            Path jar;
            try {
                jar = Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
            } catch (URISyntaxException e) {
                throw new IOException("unreadable jar location " + header, e);
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : file.stream().toList()) {
                    String name = entry.getName();
                    if (name.startsWith(RESOURCE_DIR + "/") && name.indexOf('/', RESOURCE_DIR.length() + 1) < 0
                            && isSource(name.substring(RESOURCE_DIR.length() + 1))) {
                        try (InputStream in = file.getInputStream(entry)) {
                            sources.put(name.substring(RESOURCE_DIR.length() + 1), in.readAllBytes());
                        }
                    }
                }
            }
        } else {
            throw new IOException("cannot list the C sources at " + header);
        }
        return sources;
    }

    private static boolean isSource(String name) {
        return name.endsWith(".c") || name.endsWith(".h");
    }

    /**
     * Why {@code binary} is not to be run, or null when it is this user's own build: a regular file (not a link)
     * owned by this user, executable, private as {@link UserDirectories#problem} says (with its directory), and
     * whose SHA-256 is the one its build recorded beside it.
     */
    static String untrusted(Path binary) throws IOException {
        String problem = UserDirectories.problem(binary.toAbsolutePath().getParent(), true);
        Path digest = binary.resolveSibling(BINARY_NAME + DIGEST_SUFFIX);
        for (Path file : List.of(binary, digest)) {
            problem = problem != null ? problem : UserDirectories.problem(file, false);
        }
        if (problem != null) {
            return problem;
        }
        if (!Files.isExecutable(binary)) {
            return binary + " is not executable";
        }
        String recorded = Files.readString(digest, StandardCharsets.US_ASCII).strip();
        if (!recorded.equals(sha256(Files.readAllBytes(binary)))) {
            return binary + " does not match the SHA-256 its build recorded (" + digest + ")";
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The first 16 hex digits of a SHA-256 over every source's name and content. */
    static String hash(Map<String, byte[]> sources) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            digest.update(source.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(source.getValue());
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    /**
     * Compiles the sources in a private directory of the cache, records the binary's SHA-256 beside it there, and
     * renames that directory into place as {@code <cache>/<hash>}, replacing a failed entry: binary and digest
     * appear together or not at all, and when a concurrent build renamed its own first, that one stays. Returns null
     * on success, else the reason (the compiler's last line and its log's path).
     */
    private static String compile(Path cc, Map<String, byte[]> sources, Path cache, String hash) throws IOException {
        Path work = Files.createTempDirectory(cache, "build-" + ProcessHandle.current().pid() + "-");
        try {
            List<String> command = new ArrayList<>();
            command.add(cc.toString());
            command.addAll(CFLAGS);
            command.addAll(List.of("-o", BINARY_NAME));
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                Files.write(work.resolve(source.getKey()), source.getValue());
                if (source.getKey().endsWith(".c")) {
                    command.add(source.getKey());
                }
            }
            command.add("-lrt");
            Path log = cache.resolve(work.getFileName() + ".log");
            Process build = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            build.getOutputStream().close();
            if (!build.waitFor(BUILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                build.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return "the native peer's build (cc) did not finish in " + BUILD_TIMEOUT_S + " s (log: " + log + ")";
            }
            if (build.exitValue() != 0) {
                return "the native peer did not compile: " + EchoServerProcess.lastLine(log) + " (log: " + log + ")";
            }
            Files.deleteIfExists(log);
            for (String source : sources.keySet()) {
                Files.delete(work.resolve(source));
            }
            Path built = work.resolve(BINARY_NAME);
            Files.setPosixFilePermissions(built, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(work.resolve(BINARY_NAME + DIGEST_SUFFIX), sha256(Files.readAllBytes(built)) + "\n",
                    StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
            Path dir = cache.resolve(hash);
            try (OpenedDirectory opened = OpenedDirectory.open(cache)) {
                if (opened.names().contains(hash) && untrusted(dir.resolve(BINARY_NAME)) != null) {
                    opened.removeTree(hash);
                }
            }
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException taken) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("cannot rename the build into " + dir + ": " + taken.getMessage(), taken);
                }
                // a concurrent build renamed its directory first: that one stays, and is checked before it runs
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while building the native peer";
        } finally {
            if (Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
                try (OpenedDirectory opened = OpenedDirectory.open(cache)) {
                    opened.removeTree(work.getFileName().toString());
                }
            }
        }
    }
}
