package ipcbench.mechanism.memory;

import ipcbench.mechanism.Mechanisms;
import ipcbench.mechanism.Mode;
import ipcbench.process.EchoSession;
import ipcbench.process.Placement;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A parent that will be SIGKILLed: with the log directory first, opens one session per mechanism named in the
 * other arguments, prints each trial's private directory once its objects exist, then waits to be killed.
 */
public final class LeftoverMaker {
    private LeftoverMaker() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        for (String id : Arrays.copyOfRange(args, 1, args.length)) {
            EchoSession session = EchoSession.open(Mechanisms.require(id), Mode.LATENCY, 64, false, Placement.NONE,
                    logs);
            System.out.println(session.trial().scratchDir());
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
