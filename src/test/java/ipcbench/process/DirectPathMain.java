package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.DirectCalls;
import ipcbench.registry.Mechanisms;

import java.nio.file.Path;

/**
 * The direct io path on whatever JDK runs this (another JDK than the tests', see {@link OtherJdkDirectPathIT}): with
 * the log directory as its argument, prints {@code binding <FFM|jnr-ffi>}, then echoes seeded random payloads through
 * every mechanism with a direct path, each wait, at 64 B and 64 KiB ({@link #sizes}), compared byte for byte, printing
 * {@code ok <id> <wait> <bytes>} after each. Any failure ends it with a stack trace and exit 1.
 */
public final class DirectPathMain {
    private static final int[] SIZES = {64, 65536};

    /** 64 B and 64 KiB, or the mechanism's limit where that is smaller (udp). */
    static int[] sizes(Mechanism mechanism) {
        return java.util.Arrays.stream(SIZES).map(size -> Math.min(size, mechanism.maxPayloadBytes())).toArray();
    }

    private DirectPathMain() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        System.out.println("binding " + DirectCalls.bindingHere());
        for (Mechanism mechanism : Mechanisms.all()) {
            if (!mechanism.ios().contains(Io.DIRECT)) {
                continue;
            }
            for (WaitStrategy wait : mechanism.waits()) {
                for (int size : sizes(mechanism)) {
                    try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, size)
                            .waiting(wait).through(Io.DIRECT), logs)) {
                        EchoSessionIT.echoRandomPayloads(session, size, size * 43L + mechanism.id().hashCode(),
                                mechanism.id() + " direct " + wait.id());
                    }
                    System.out.println("ok " + mechanism.id() + " " + wait.id() + " " + size);
                }
            }
        }
    }
}
