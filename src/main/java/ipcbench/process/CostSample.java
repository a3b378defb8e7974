package ipcbench.process;

import ipcbench.os.TaskCounters;

/**
 * Both ends' kernel counters at one iteration boundary: the client's measuring thread and whole process (this JVM),
 * the echo server's echo thread and whole process (the child, which reads its own and reports them over the control
 * socket). Two samples' {@link #minus difference} is the work done in between.
 */
public record CostSample(TaskCounters clientThread, TaskCounters clientProcess, TaskCounters serverThread,
                         TaskCounters serverProcess) {
    public static final CostSample ZERO =
            new CostSample(TaskCounters.ZERO, TaskCounters.ZERO, TaskCounters.ZERO, TaskCounters.ZERO);

    public CostSample minus(CostSample earlier) {
        return new CostSample(clientThread.minus(earlier.clientThread), clientProcess.minus(earlier.clientProcess),
                serverThread.minus(earlier.serverThread), serverProcess.minus(earlier.serverProcess));
    }

    public CostSample plus(CostSample other) {
        return new CostSample(clientThread.plus(other.clientThread), clientProcess.plus(other.clientProcess),
                serverThread.plus(other.serverThread), serverProcess.plus(other.serverProcess));
    }
}
