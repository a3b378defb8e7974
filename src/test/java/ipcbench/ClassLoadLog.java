package ipcbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM's own record of every class it loads ({@code -Xlog:class+load}), to check that code which needs no
 * framework loads none: a line is {@code [...][info][class,load] io.netty.Foo source: ...}.
 */
public final class ClassLoadLog {
    /** Netty (gRPC's shaded copy included), gRPC and Aeron: what only the rpc mechanisms need. */
    private static final List<String> FRAMEWORKS = List.of(" io.netty.", " io.grpc.", " io.aeron.");

    private ClassLoadLog() {
    }

    /** The JVM option that writes one such log per process into {@code dir} (the file name holds the pid). */
    public static String option(Path dir) {
        return "-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log");
    }

    /** Every log file in {@code dir}. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("classes-")).sorted().toList();
        }
    }

    /** Whether the process that wrote {@code log} loaded {@code className}. */
    public static boolean loaded(Path log, String className) throws IOException {
        return lines(log).stream().anyMatch(line -> line.contains(" " + className + " "));
    }

    /** The framework classes the process that wrote {@code log} loaded, as log lines (empty when none). */
    public static List<String> frameworkClasses(Path log) throws IOException {
        return lines(log).stream().filter(line -> FRAMEWORKS.stream().anyMatch(line::contains)).toList();
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
