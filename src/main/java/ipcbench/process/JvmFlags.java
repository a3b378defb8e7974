package ipcbench.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place JVM flags are decided: for JMH forks (through the CLI and the benchmarks' {@code @Fork}) and for
 * echo-server children. The pom's {@code ipcbench.jvmFlags} repeats {@link #REQUIRED} for Surefire and Failsafe.
 */
public final class JvmFlags {
    /** Agrona's Unsafe access on JDK 17+. */
    public static final String ADD_EXPORTS_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** The pipe mechanism unwraps the Process streams to their file descriptors. */
    public static final String ADD_OPENS_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    /** The direct path ({@code --io direct}) reads socket and datagram channels' descriptor numbers. */
    public static final String ADD_OPENS_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    /** jnr-ffi and the FFM API's downcalls load native code; JDK 24+ warns without this. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    public static final List<String> REQUIRED = List.of(ADD_EXPORTS_MISC, ADD_OPENS_IO, ADD_OPENS_NIO, NATIVE_ACCESS);

    /**
     * JMH and Agrona use {@code sun.misc.Unsafe}'s memory access, which JDK 24+ warns about; the option exists from
     * JDK 23 on and older JVMs refuse to start with it, so it is added only there ({@link #forThisJdk}).
     */
    public static final String UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    static final int UNSAFE_MEMORY_ACCESS_SINCE = 23;

    /**
     * The echo server: a small serial-GC heap (fewer threads to compete with the measured ones on a small host),
     * no hsperfdata file in /tmp that a killed child would leave behind.
     */
    static final List<String> CHILD = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    private JvmFlags() {
    }

    /** {@link #REQUIRED}, plus what the JDK running this needs to start without warnings (forks use the same JDK). */
    public static List<String> forThisJdk() {
        return forJdk(Runtime.version().feature());
    }

    static List<String> forJdk(int feature) {
        List<String> flags = new ArrayList<>(REQUIRED);
        if (feature >= UNSAFE_MEMORY_ACCESS_SINCE) {
            flags.add(UNSAFE_MEMORY_ACCESS);
        }
        return flags;
    }

    /** Every flag an echo-server child gets, for run.json. */
    public static List<String> childFlags() {
        List<String> flags = forThisJdk();
        flags.addAll(CHILD);
        return flags;
    }

    /**
     * java, flags (with the class archive the fork was given, {@link ClassArchives}), class path (made absolute: a JMH
     * fork's may be relative) and main class of a child JVM.
     */
    static List<String> childCommand(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(childFlags());
        command.addAll(ClassArchives.childFlags(System.getProperty(ClassArchives.CHILD_PROPERTY)));
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(mainClass);
        return command;
    }

    /** This JVM's class path with every entry absolute, for a child started in another directory. */
    public static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
