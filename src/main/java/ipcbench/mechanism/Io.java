package ipcbench.mechanism;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the Java ends make a mechanism's system calls: {@link #JDK} through the JDK's own channels where the mechanism
 * has them (pipe, fifo, tcp, uds, udp), otherwise through the one binding the mechanism has; {@link #DIRECT} through
 * plain read(2)/write(2) on the same descriptors, bound by {@link ipcbench.os.DirectCalls} (the FFM API on JDK 22+,
 * jnr-ffi before). Recorded with every result: on one CPU it is part of what separates Java from C.
 */
public enum Io {
    JDK, DIRECT;

    /** The id used in CSV files and options: {@code jdk} or {@code direct}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The path with this id; {@link IllegalArgumentException} naming the choices otherwise. */
    public static Io parse(String id) {
        for (Io io : values()) {
            if (io.id().equals(id)) {
                return io;
            }
        }
        throw new IllegalArgumentException("unknown io path '" + id + "'; use jdk or direct");
    }

    /** {@code jdk,direct}: the ids of {@code ios}, comma-separated. */
    public static String ids(List<Io> ios) {
        return ios.stream().map(Io::id).collect(Collectors.joining(","));
    }
}
