package ipcbench.cli;

import ipcbench.os.DirectCalls;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The versions of the libraries whose code is on the measured path or does the measuring (JMH, HdrHistogram,
 * Agrona, gRPC, Aeron, jnr-ffi), for run.json: read from each jar's {@code META-INF/maven/.../pom.properties}, which
 * the shaded jar keeps, else from the package manifest; "unknown" when neither says. Beside them, what binds the
 * direct io path's calls on the JDK the forks run ({@code --io direct}: FFM or jnr-ffi).
 */
final class LibraryVersions {
    /** Display name, Maven group, artifact, and a class of the library (for its manifest). */
    private record Library(String name, String group, String artifact, String className) {
    }

    private static final Library[] LIBRARIES = {
        new Library("JMH", "org.openjdk.jmh", "jmh-core", "org.openjdk.jmh.runner.Runner"),
        new Library("HdrHistogram", "org.hdrhistogram", "HdrHistogram", "org.HdrHistogram.Histogram"),
        new Library("Agrona", "org.agrona", "agrona", "org.agrona.DirectBuffer"),
        new Library("gRPC", "io.grpc", "grpc-api", "io.grpc.ManagedChannel"),
        new Library("Aeron", "io.aeron", "aeron-client", "io.aeron.Aeron"),
        new Library("jnr-ffi", "com.github.jnr", "jnr-ffi", "jnr.ffi.LibraryLoader"),
    };

    private LibraryVersions() {
    }

    /** Name → version, in a fixed order. */
    static Map<String, String> read() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Library library : LIBRARIES) {
            versions.put(library.name(), version(library));
        }
        versions.put(RunInfo.Environment.DIRECT_IO_BINDING, DirectCalls.bindingHere());
        return versions;
    }

    private static String version(Library library) {
        String resource = "META-INF/maven/" + library.group() + "/" + library.artifact() + "/pom.properties";
        try (InputStream in = LibraryVersions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.strip();
                }
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            // fall through to the manifest
        }
        try {
            // Names the class without loading it: initialising Aeron or gRPC here would cost time and threads.
            Class<?> type = Class.forName(library.className(), false, LibraryVersions.class.getClassLoader());
            String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
            return version == null || version.isBlank() ? "unknown" : version;
        } catch (ClassNotFoundException | LinkageError absent) {
            return "unknown";
        }
    }
}
