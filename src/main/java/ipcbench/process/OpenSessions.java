package ipcbench.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trials this JVM has open (echo sessions, native pairs), so that nothing outlives an abnormal end: a shutdown
 * hook (Ctrl-C, SIGTERM) closes them, and when the system property {@link EchoSession#OWNER_PID_PROPERTY} names the run that started this
 * JVM (the CLI sets it for its JMH forks), a watcher closes them and halts once that process is gone, SIGKILL
 * included.
 * A SIGKILL of this JVM itself leaves the ledger, which the next run sweeps ({@link LeftoverSweep}).
 */
final class OpenSessions {
    private static final long OWNER_POLL_MS = 200;
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean watching;

    private OpenSessions() {
    }

    static synchronized void add(AutoCloseable session) {
        if (!watching) {
            watching = true;
            Runtime.getRuntime().addShutdownHook(new Thread(OpenSessions::closeAll, "ipcbench-cleanup"));
            watchOwner();
        }
        OPEN.add(session);
    }

    static synchronized void remove(AutoCloseable session) {
        OPEN.remove(session);
    }

    private static void closeAll() {
        List<AutoCloseable> sessions;
        synchronized (OpenSessions.class) {
            sessions = new ArrayList<>(OPEN);
        }
        for (AutoCloseable session : sessions) {
            try {
                session.close();
            } catch (Exception e) {
                System.err.println("ipcbench: cleanup: " + e.getMessage());
            }
        }
    }

    private static void watchOwner() {
        String owner = System.getProperty(EchoSession.OWNER_PID_PROPERTY);
        if (owner == null) {
            return;
        }
        DeathWatch.whenGone(ProcessHandle.of(Long.parseLong(owner)), OWNER_POLL_MS, "ipcbench-owner-watch", () -> {
            System.err.println("ipcbench: the run (pid " + owner + ") is gone; cleaning up and exiting");
            closeAll();
            Runtime.getRuntime().halt(1);
        });
    }
}
