package ipcbench.preflight;

import java.util.List;

/** The CPUs of the client's measuring thread and the echo thread; -1 means not pinned. */
public record Pins(int clientCpu, int serverCpu) {

    boolean pinned() {
        return clientCpu >= 0 && serverCpu >= 0;
    }

    /** The pinned CPUs, each once; empty when not pinned. */
    List<Integer> cpus() {
        if (!pinned()) {
            return List.of();
        }
        return clientCpu == serverCpu ? List.of(clientCpu) : List.of(clientCpu, serverCpu);
    }
}
