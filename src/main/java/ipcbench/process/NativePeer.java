package ipcbench.process;

import ipcbench.mechanism.Availability;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The native (C) peer binary, {@code ipcpeer} (its contract is {@code src/main/c/ipcpeer.h}): built on first use with
 * the host's {@code cc} from the C sources the jar carries ({@code ipcbench/native/}), into
 * {@code <home>/target/native/<hash of the sources>/ipcpeer}, where home is {@code IPCBENCH_HOME} (run-bench.sh sets
 * it) or else the working directory (Maven's tests run there). A build goes to a private temporary name and is renamed
 * into place, so concurrent builds are safe and a finished binary is never half-written; the hash keys the cache, so
 * edited sources build anew.
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
    private static final long BUILD_TIMEOUT_S = 120;
    private static final long LIST_TIMEOUT_S = 10;

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
            here = given != null && !given.isEmpty() ? ofBinary(Path.of(given)) : build(home(), System.getenv("PATH"));
        }
        return here;
    }

    /** Where the build cache lives: {@code IPCBENCH_HOME}, else the working directory. */
    static Path home() {
        String home = System.getenv("IPCBENCH_HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** Builds (or finds built) the binary under {@code home}, with the {@code cc} that {@code path} finds. */
    static NativePeer build(Path home, String path) {
        Path cc = findOnPath("cc", path);
        if (cc == null) {
            return unavailable("no C compiler (cc) on PATH: install gcc");
        }
        try {
            Map<String, byte[]> sources = sources();
            Path dir = home.resolve("target").resolve("native").resolve(hash(sources));
            Path binary = dir.resolve(BINARY_NAME);
            if (!Files.isExecutable(binary)) {
                String failure = compile(cc, sources, dir, binary);
                if (failure != null) {
                    return unavailable(failure);
                }
            }
            return ofBinary(binary);
        } catch (IOException e) {
            return unavailable("the native peer could not be built: " + e.getMessage());
        }
    }

    /** The peer of an existing binary: what {@code ipcpeer list} names. */
    static NativePeer ofBinary(Path binary) {
        if (!Files.isExecutable(binary)) {
            return unavailable("the native peer " + binary + " is missing or not executable");
        }
        try {
            Process list = new ProcessBuilder(binary.toString(), "list")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            list.getOutputStream().close();
            byte[] out = list.getInputStream().readAllBytes();
            if (!list.waitFor(LIST_TIMEOUT_S, TimeUnit.SECONDS)) {
                list.destroyForcibly();
                return unavailable(binary + " list did not finish in " + LIST_TIMEOUT_S + " s");
            }
            if (list.exitValue() != 0) {
                return unavailable(binary + " list exited with code " + list.exitValue());
            }
            List<String> ids = new ArrayList<>();
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    ids.add(line.trim());
                }
            }
            return new NativePeer(binary, ids, Availability.AVAILABLE);
        } catch (IOException e) {
            return unavailable("the native peer " + binary + " cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while listing the native peer's mechanisms");
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

    /** The first 16 hex digits of a SHA-256 over every source's name and content. */
    static String hash(Map<String, byte[]> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                digest.update(source.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(source.getValue());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * Compiles the sources in a private directory next to the cache entry and renames the binary into place; returns
     * null on success, else the reason (the compiler's last line and its log's path).
     */
    private static String compile(Path cc, Map<String, byte[]> sources, Path dir, Path binary) throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "build-" + ProcessHandle.current().pid() + "-");
        try {
            List<String> command = new ArrayList<>(List.of(cc.toString(), "-O2", "-pthread", "-o",
                    work.resolve(BINARY_NAME).toString()));
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                Path file = work.resolve(source.getKey());
                Files.write(file, source.getValue());
                if (source.getKey().endsWith(".c")) {
                    command.add(file.toString());
                }
            }
            command.add("-lrt");
            Path log = dir.resolve("build-" + ThreadLocalRandom.current().nextInt(1 << 20) + ".log");
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
            try {
                Files.move(work.resolve(BINARY_NAME), binary, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename the built binary into " + dir + ": " + e.getMessage(), e);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while building the native peer";
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
