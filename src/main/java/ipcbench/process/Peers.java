package ipcbench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which ends of a trial are the native peer ({@link NativePeer}) rather than Java, client first: a JVM client and
 * JVM server (the suite's own measurement), a JVM client against the C echo server, or both ends in C. The ids are
 * the values of the {@code --peers} option and of the results' {@code peers} column.
 */
public enum Peers {
    JVM_JVM(false, false),
    JVM_NATIVE(false, true),
    NATIVE_NATIVE(true, true);

    /** The id of runs and rows that predate the dimension. */
    public static final Peers DEFAULT = JVM_JVM;

    private final boolean nativeClient;
    private final boolean nativeServer;

    Peers(boolean nativeClient, boolean nativeServer) {
        this.nativeClient = nativeClient;
        this.nativeServer = nativeServer;
    }

    /** {@code jvm-jvm}, {@code jvm-native} or {@code native-native}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean nativeClient() {
        return nativeClient;
    }

    public boolean nativeServer() {
        return nativeServer;
    }

    /** The peers with this id; IllegalArgumentException naming the valid ids otherwise. */
    public static Peers of(String id) {
        for (Peers peers : values()) {
            if (peers.id().equals(id)) {
                return peers;
            }
        }
        throw new IllegalArgumentException("unknown peers '" + id + "' (expected " + String.join(", ", ids()) + ")");
    }

    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Peers peers : values()) {
            ids.add(peers.id());
        }
        return ids;
    }
}
