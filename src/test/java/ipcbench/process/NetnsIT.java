package ipcbench.process;

import ipcbench.mechanism.DataAddress;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Payload;
import ipcbench.os.NetworkNamespace;
import ipcbench.os.Subprocess;
import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mechanisms that cross hosts, through a second network namespace joined by a veth pair ({@code --netns}'s
 * link): the echo child runs inside it through nsenter and the launcher's stdin and stdout, its server bound to the
 * namespace's address only. Random payloads come back byte for byte at 1 B, 64 B and 64 KiB (udp: its limit), a
 * streamed batch is verified by the server, and afterwards no namespace, veth, holder or child process is left.
 * Host-local mechanisms are refused before anything starts. Skipped, with the reason, where this user may not
 * create a network namespace.
 */
class NetnsIT {
    private static final List<String> CROSSING = List.of("tcp", "udp", "grpc", "rmi", "aeron-udp");
    private static final int[] SIZES = {1, 64, 65536};
    private static NetworkNamespace namespace;
    private static Link link;

    @TempDir
    Path logs;

    @BeforeAll
    static void createNamespace() {
        try {
            namespace = NetworkNamespace.create(null, null);
        } catch (IOException cannot) {
            Assumptions.abort("no second network namespace here: " + cannot.getMessage());
        }
        link = new Link(Link.NETNS, new DataAddress(namespace.farAddress(), 0, 0), namespace.launcher(), null, null);
    }

    @AfterAll
    static void nothingLeft() throws IOException {
        if (namespace == null) {
            return;
        }
        String device = namespace.hostDevice();
        namespace.close();
        String links = Subprocess.output(List.of("ip", "-o", "link", "show"), null, Duration.ofSeconds(10)).output();
        assertFalse(links.contains(device), "the veth pair is gone: " + links);
    }

    static Stream<Arguments> crossingMechanismsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : CROSSING) {
            for (int size : SIZES) {
                cases.add(Arguments.of(id, Math.min(size, Mechanisms.require(id).maxPayloadBytes())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} B")
    @MethodSource("crossingMechanismsAndSizes")
    @Execution(ExecutionMode.CONCURRENT)
    void echoesThroughTheNamespace(String id, int payloadBytes) throws IOException {
        Process child;
        Path scratch;
        try (EchoSession session = EchoSession.open(SessionSpec.of(Mechanisms.require(id), Exchange.LATENCY,
                payloadBytes).verified(true).over(link), logs)) {
            assertEquals(namespace.farAddress(), session.trial().address().host());
            EchoSessionIT.echoRandomPayloads(session, payloadBytes, payloadBytes, id + " over " + link.id());
            child = session.serverProcess();
            scratch = session.trial().scratchDir();
        }
        assertFalse(child.isAlive(), "the launched child has ended");
        assertFalse(Files.exists(scratch), "private directory removed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossing")
    @Execution(ExecutionMode.CONCURRENT)
    void streamedBatchesAreVerifiedAcrossTheLink(String id) throws IOException {
        int payloadBytes = 4096;
        try (EchoSession session = EchoSession.open(SessionSpec.of(Mechanisms.require(id), Exchange.THROUGHPUT,
                payloadBytes).verified(true).over(link), logs)) {
            ByteBuffer request = Payload.allocate(payloadBytes, session.trial().seed());
            for (int batch = 0; batch < 3; batch++) {
                session.client().stream(request, session.trial().batchMessages());
            }
        }
    }

    static Stream<String> crossing() {
        return CROSSING.stream();
    }

    @Test
    void aFarChildEndsWithinSecondsOfItsSigkilledParentAndTheNamespaceStaysClean() throws Exception {
        Process parent = SessionHolderMain.start(logs, Map.of(), "tcp@" + Link.encode(List.of(link)));
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertNotNull(line, "the parent reported its child");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(line.split(" ")[0])).orElseThrow();
        // read whole: ProcessHandle.Info cuts a command line at 4 KiB, before the class path's end
        String commandLine = Files.readString(Path.of("/proc", Long.toString(child.pid()), "cmdline"))
                .replace('\0', ' ');
        assertTrue(commandLine.contains(EchoServerMain.STDIO_CONTROL), "the pid is the far child itself: "
                + commandLine);
        parent.destroyForcibly();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        ParentDeathIT.awaitEnd(child, "after its parent was SIGKILLed");
    }

    @Test
    void hostLocalMechanismsAreRefused() {
        for (String id : List.of("pipe", "fifo", "uds", "shm", "posix-mq", "aeron-ipc")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoSession.open(
                    SessionSpec.of(Mechanisms.require(id), Exchange.LATENCY, 64).over(link), logs));
            assertTrue(e.getMessage().contains("cannot cross to " + Link.NETNS), e.getMessage());
        }
    }
}
