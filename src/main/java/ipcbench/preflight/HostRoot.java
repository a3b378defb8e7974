package ipcbench.preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The /proc and /sys files the preflight reads, under a root directory: "/" on the live host, a recorded snapshot
 * in tests. A file that is missing or unreadable reads as empty: what the host does not show is a fact, not an error.
 */
public final class HostRoot {
    private final Path root;

    public HostRoot(Path root) {
        this.root = root;
    }

    public static HostRoot live() {
        return new HostRoot(Path.of("/"));
    }

    /** The trimmed content of an absolute path such as "/proc/loadavg", empty when missing, unreadable or blank. */
    Optional<String> text(String absolutePath) {
        try {
            String text = Files.readString(path(absolutePath), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Raw bytes (for /proc/PID/cmdline, whose arguments are NUL-separated), empty when missing or unreadable. */
    Optional<byte[]> bytes(String absolutePath) {
        try {
            return Optional.of(Files.readAllBytes(path(absolutePath)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    boolean exists(String absolutePath) {
        return Files.exists(path(absolutePath));
    }

    /** The names in a directory matching {@code regex}, sorted; empty when it is missing. */
    List<String> names(String absoluteDir, String regex) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path(absoluteDir))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.matches(regex)).sorted().forEach(names::add);
        } catch (IOException | RuntimeException unreadable) {
            // nothing visible
        }
        return names;
    }

    /** The process ids under /proc. */
    List<Long> pids() {
        return names("/proc", "[0-9]+").stream().map(Long::parseLong).sorted().toList();
    }

    private Path path(String absolutePath) {
        return root.resolve(absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath);
    }
}
