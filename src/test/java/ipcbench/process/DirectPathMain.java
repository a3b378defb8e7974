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
 * {@code ok <id> <wait> <bytes>} after each; at 64 B the client must also allocate nothing per round trip. Any failure
 * ends it with a stack trace and exit 1.
 */
public final class DirectPathMain {
    private static final int[] SIZES = {64, 65536};

    /** 64 B and 64 KiB, or the mechanism's limit where that is smaller (udp). */
    static int[] sizes(Mechanism mechanism) {
        return java.util.Arrays.stream(SIZES).map(size -> Math.min(size, mechanism.maxPayloadBytes())).toArray();
    }

    private DirectPathMain() {
    }

    /**
     * As EchoSessionIT's allocation check: 5,000 round trips allocate less than one 16-byte object per 4 round trips
     * on this thread, or this fails. They follow 20,000 that compile the path: before the JIT has compiled them the
     * FFM downcalls allocate (80 B per round trip after 2,000 here), as a benchmark's warm-up leaves behind.
     */
    private static void requireNoAllocation(EchoSession session, String what) throws java.io.IOException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int bytes = session.trial().payloadBytes();
        java.nio.ByteBuffer request = ipcbench.mechanism.Payload.allocate(bytes, 1);
        java.nio.ByteBuffer response = java.nio.ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < 20_000; i++) {
            session.client().roundTrip(request, response);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 5_000; i++) {
            session.client().roundTrip(request, response);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        if (allocated >= 4 * 5_000) {
            throw new IllegalStateException(what + " allocated " + allocated + " B in 5000 round trips");
        }
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
                        if (size == SIZES[0]) {
                            requireNoAllocation(session, mechanism.id() + " direct " + wait.id());
                        }
                    }
                    System.out.println("ok " + mechanism.id() + " " + wait.id() + " " + size);
                }
            }
        }
    }
}
