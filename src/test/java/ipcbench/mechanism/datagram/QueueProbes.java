package ipcbench.mechanism.datagram;

import ipcbench.os.PosixMessageQueues;
import ipcbench.os.SystemVQueues;

/** For leftover checks in tests: whether a queue of a ledger entry still exists. */
public final class QueueProbes {
    private QueueProbes() {
    }

    /** True when the ledger entry's object ({@code kind} is the mechanism id) is a queue that still exists. */
    public static boolean queueExists(String kind, String objectName) {
        return switch (kind) {
            case "posix-mq" -> posixExists(objectName);
            case "sysv-mq" -> SystemVQueues.INSTANCE.msgget(SysvMqMechanism.keyOf(objectName), 0) >= 0;
            default -> false;
        };
    }

    private static boolean posixExists(String name) {
        int mqd = PosixMessageQueues.INSTANCE.mq_open(name.startsWith("/") ? name : "/" + name,
                PosixMessageQueues.O_RDONLY, 0, 0L);
        if (mqd < 0) {
            return false;
        }
        PosixMessageQueues.INSTANCE.mq_close(mqd);
        return true;
    }
}
