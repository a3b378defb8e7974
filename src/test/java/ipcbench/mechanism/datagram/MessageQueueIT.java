package ipcbench.mechanism.datagram;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Trial;
import ipcbench.os.Native;
import ipcbench.os.PosixMessageQueues;
import ipcbench.os.ProcSys;
import ipcbench.os.ScratchDirectory;
import ipcbench.os.SystemVQueues;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.process.LeftoverSweep;
import ipcbench.registry.RunnableHere;
import jnr.constants.platform.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What EchoSessionIT does not cover for the two queue mechanisms: their limits are the host's /proc values, and
 * no queue outlives its session, whether the session closes or its owner dies and a later run sweeps.
 */
class MessageQueueIT {
    @TempDir
    Path logs;

    @Test
    void posixLimitIsMsgsizeMax() {
        Mechanism mq = RunnableHere.orSkip("posix-mq");
        assertEquals(ProcSys.readInt("/proc/sys/fs/mqueue/msgsize_max").getAsInt(), mq.maxPayloadBytes());
    }

    @Test
    void sysvLimitIsMsgmaxBoundedByTheQueueCapacity() {
        Mechanism mq = RunnableHere.orSkip("sysv-mq");
        int msgmax = ProcSys.readInt("/proc/sys/kernel/msgmax").getAsInt();
        int msgmnb = ProcSys.readInt("/proc/sys/kernel/msgmnb").getAsInt();
        assertEquals(Math.min(msgmax, msgmnb), mq.maxPayloadBytes());
    }

    @Test
    void posixQueuesExistOnlyWhileTheSessionIsOpen() throws IOException {
        Mechanism mq = RunnableHere.orSkip("posix-mq");
        List<String> names;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mq, Exchange.LATENCY, 64), logs)) {
            names = List.of("/" + session.trial().objectName("request"), "/" + session.trial().objectName("response"));
            for (String name : names) {
                assertEquals(0, posixOpenErrno(name), name + " exists during the session");
            }
        }
        for (String name : names) {
            assertEquals(Errno.ENOENT.intValue(), posixOpenErrno(name), name + " is gone after close");
        }
    }

    @Test
    void sysvQueueExistsOnlyWhileTheSessionIsOpen() throws IOException {
        Mechanism mq = RunnableHere.orSkip("sysv-mq");
        int key;
        try (EchoSession session = EchoSession.open(SessionSpec.of(mq, Exchange.LATENCY, 64), logs)) {
            key = SysvMqMechanism.keyOf(session.trial().objectName("queue"));
            assertEquals(0, sysvGetErrno(key), "the queue exists during the session");
        }
        assertEquals(Errno.ENOENT.intValue(), sysvGetErrno(key), "the queue is gone after close");
    }

    @Test
    void queuesOfADeadOwnerAreSwept() throws Exception {
        Mechanism posix = RunnableHere.orSkip("posix-mq");
        Mechanism sysv = RunnableHere.orSkip("sysv-mq");
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), ScratchDirectory.PREFIX + exited.pid() + "-5ca1ab");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Trial posixTrial = new Trial(posix.id(), Exchange.LATENCY, 64, 16, false, 1, dir, -1);
        Trial sysvTrial = new Trial(sysv.id(), Exchange.LATENCY, 64, 16, false, 1, dir, -1);
        posix.createResources(posixTrial);
        sysv.createResources(sysvTrial);
        String request = "/" + posixTrial.objectName("request");
        int key = SysvMqMechanism.keyOf(sysvTrial.objectName("queue"));
        assertEquals(0, posixOpenErrno(request), "created under the dead pid's name");
        assertEquals(0, sysvGetErrno(key), "created under the dead pid's name");

        List<String> swept = LeftoverSweep.sweep().removed();

        assertTrue(swept.contains("posix-mq " + request), swept.toString());
        assertTrue(swept.contains("sysv-mq " + sysvTrial.objectName("queue")), swept.toString());
        assertEquals(Errno.ENOENT.intValue(), posixOpenErrno(request));
        assertEquals(Errno.ENOENT.intValue(), posixOpenErrno("/" + posixTrial.objectName("response")));
        assertEquals(Errno.ENOENT.intValue(), sysvGetErrno(key));
        assertFalse(Files.exists(dir));
    }

    /** 0 when the queue opens, else mq_open's errno. */
    private static int posixOpenErrno(String name) {
        int mqd = PosixMessageQueues.INSTANCE.mq_open(name, PosixMessageQueues.O_RDONLY, 0, 0L);
        if (mqd < 0) {
            return Native.lastErrno();
        }
        PosixMessageQueues.INSTANCE.mq_close(mqd);
        return 0;
    }

    /** 0 when a queue has the key, else msgget's errno. */
    private static int sysvGetErrno(int key) {
        return SystemVQueues.INSTANCE.msgget(key, 0) < 0 ? Native.lastErrno() : 0;
    }
}
