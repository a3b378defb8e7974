package ipcbench.process;

import java.util.Optional;

/**
 * Runs an action on a daemon thread once a process is gone, polling its liveness. Used where a process must not
 * outlive another that is not its child (the JDK can wait only for children): the echo server for its parent,
 * a JMH fork for the run that started it.
 */
final class DeathWatch {
    private DeathWatch() {
    }

    /** Polls every {@code pollMs}; an absent handle counts as already gone. */
    static void whenGone(Optional<ProcessHandle> process, long pollMs, String threadName, Runnable action) {
        Thread watcher = new Thread(() -> {
            while (process.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(pollMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
            action.run();
        }, threadName);
        watcher.setDaemon(true);
        watcher.start();
    }
}
