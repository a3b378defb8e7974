package ipcbench.process;

import ipcbench.mechanism.Mechanisms;
import ipcbench.mechanism.Mode;

import java.nio.file.Path;

/**
 * A parent for the parent-death test: opens a session of the mechanism in args[0], prints the child's pid and its
 * private directory, then waits to be killed.
 */
public final class SessionHolderMain {
    private SessionHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        EchoSession session = EchoSession.open(Mechanisms.require(args[0]), Mode.LATENCY, 64, false, Placement.NONE,
                Path.of(args[1]));
        System.out.println(session.serverProcess().pid() + " " + session.trial().scratchDir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
