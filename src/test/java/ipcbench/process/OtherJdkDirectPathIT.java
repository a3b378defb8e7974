package ipcbench.process;

import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct io path on the other binding: when the tests run on a JDK before 22 (jnr-ffi), on an installed JDK 22+
 * (the FFM API), and the other way round. {@link DirectPathMain} runs on that JDK with this classpath, so its echo
 * server children run there too, and echoes through every mechanism with a direct path, compared byte for byte.
 * Skipped, saying so, where /usr/lib/jvm holds no such JDK.
 */
class OtherJdkDirectPathIT {
    private static final int FFM_FEATURE = 22;
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    @TempDir
    Path logs;

    @Test
    void everyDirectMechanismEchoesOnTheOtherBinding() throws Exception {
        boolean ffmHere = Runtime.version().feature() >= FFM_FEATURE;
        Optional<Path> other = otherJdk(!ffmHere);
        Assumptions.assumeTrue(other.isPresent(), () -> "no JDK " + (ffmHere ? "before " : "") + FFM_FEATURE
                + (ffmHere ? "" : "+") + " in /usr/lib/jvm to run the direct path's other binding on");
        int feature = feature(other.get()).orElseThrow();
        List<String> command = new ArrayList<>(List.of(other.get().resolve("bin/java").toString()));
        command.addAll(JvmFlags.REQUIRED);
        if (feature >= JvmFlags.UNSAFE_MEMORY_ACCESS_SINCE) {
            command.add(JvmFlags.UNSAFE_MEMORY_ACCESS);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DirectPathMain.class.getName(),
                logs.toString()));
        Path output = logs.resolve("output.txt");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!java.waitFor(180, TimeUnit.SECONDS)) {
            java.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), printed);
        assertTrue(printed.startsWith("binding " + (ffmHere ? "jnr-ffi" : "FFM") + "\n"), printed);
        for (Mechanism mechanism : Mechanisms.all()) {
            if (mechanism.ios().contains(Io.DIRECT)) {
                for (var wait : mechanism.waits()) {
                    for (int size : DirectPathMain.sizes(mechanism)) {
                        assertTrue(printed.contains("ok " + mechanism.id() + " " + wait.id() + " " + size + "\n"),
                                mechanism.id() + " " + wait.id() + " " + size + ": " + printed);
                    }
                }
            }
        }
    }

    /** A JDK under /usr/lib/jvm whose FFM API is final ({@code ffm}) or is not. */
    private static Optional<Path> otherJdk(boolean ffm) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> feature(home).map(f -> (f >= FFM_FEATURE) == ffm).orElse(false))
                    .sorted().findFirst();
        }
    }

    /** The feature version a JDK's {@code release} file names. */
    private static Optional<Integer> feature(Path home) {
        try {
            Matcher version = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
