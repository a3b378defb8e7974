package ipcbench.process;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide Java deserialization allow-lists ({@code jdk.serialFilter} patterns) of the JVMs ipcbench starts.
 * Whatever a JVM reads with {@code ObjectInputStream} must be on its list; everything else is rejected before a
 * class is loaded or an object made, and the limits bound what an accepted stream may cost.
 *
 * <ul>
 *   <li>{@link #ECHO_CHILD}: the echo child reads only RMI call arguments (byte arrays, and Java's own DGC, which
 *       brings its own filter); the {@code rmi} export narrows that to arrays of the trial's payload.</li>
 *   <li>{@link #JMH}: the CLI's JVM and the JMH forks read JMH's binary-link frames (JMH's classes and the JDK value
 *       and collection classes they hold) and, in a fork, the {@code rmi} stub and RMI's replies.</li>
 * </ul>
 */
public final class SerialFilter {
    private static final String LIMITS = "maxdepth=20;maxrefs=1000000;maxbytes=1073741824;maxarray=67108864;";

    /**
     * The echo child: arrays of primitives (RMI's byte[] arguments; a pattern decides an array by its component
     * type, and leaves primitive ones to the limits) and no class at all.
     */
    public static final String ECHO_CHILD = LIMITS + "!*";

    /** JMH's link (both ends) and the fork's RMI client side. */
    public static final String JMH = LIMITS
            + "org.openjdk.jmh.**;ipcbench.**;"
            + "java.lang.*;java.lang.reflect.Proxy;jdk.proxy*;java.util.*;java.util.concurrent.TimeUnit;"
            + "java.util.concurrent.ConcurrentHashMap;java.util.concurrent.ConcurrentHashMap$Segment;"
            + "java.util.concurrent.locks.ReentrantLock;java.util.concurrent.locks.ReentrantLock$*;"
            + "java.util.concurrent.locks.AbstractQueuedSynchronizer;"
            + "java.util.concurrent.locks.AbstractOwnableSynchronizer;java.math.BigInteger;java.math.BigDecimal;"
            + "java.rmi.*;java.rmi.server.RemoteObjectInvocationHandler;java.rmi.server.RemoteObject;"
            + "java.rmi.server.ObjID;java.rmi.server.UID;java.rmi.dgc.Lease;java.rmi.dgc.VMID;"
            + "java.io.IOException;java.io.ObjectStreamException;java.io.InvalidClassException;"
            + "java.io.InvalidObjectException;java.io.UncheckedIOException;!*";

    /** The JVM option that sets {@link #JMH} in a JMH fork before JMH's link reads anything. */
    public static final String JMH_OPTION = "-Djdk.serialFilter=" + JMH;

    private SerialFilter() {
    }

    /** Makes {@code pattern} this JVM's filter, unless one is set already (by {@code -Djdk.serialFilter} or us). */
    public static void install(String pattern) {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(pattern));
        }
    }
}
