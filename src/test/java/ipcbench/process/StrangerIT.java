package ipcbench.process;

import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.PeerToken;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another local user reaches a loopback echo server before the benchmark's client (issue 19): on TCP it connects
 * first (silent, with a wrong token, or closing before a token); on UDP it sends the first hellos. The server (Java,
 * and the native peer's) drops or ignores it, names it in its log, and then serves the real client, whose round trips
 * come back whole; the child exits 0.
 */
@Timeout(120)
class StrangerIT {
    private static final int PAYLOAD_BYTES = 64;
    private static final int ROUND_TRIPS = 200;

    @TempDir
    Path logs;

    @ParameterizedTest(name = "tcp: strangers connecting first are dropped (native server: {0})")
    @ValueSource(booleans = {false, true})
    void tcpDropsStrangers(boolean nativeServer) throws Exception {
        Mechanism tcp = serverFor("tcp", nativeServer);
        try (ServedTrial served = ServedTrial.start(tcp, Exchange.LATENCY, PAYLOAD_BYTES, nativeServer, logs)) {
            int port = Integer.parseInt(served.address());
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port); // sends nothing, stays open
                 Socket wrongToken = new Socket(InetAddress.getLoopbackAddress(), port);
                 Socket noToken = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = wrongToken.getOutputStream();
                out.write(new byte[PAYLOAD_BYTES]); // a whole payload of zeros: not the token
                out.flush();
                noToken.shutdownOutput(); // ends its stream before any token
                echoes(served);
            }
            assertEquals(0, served.stop(), "tcp: the echo server's exit code");
            String log = Files.readString(served.logFile());
            assertTrue(log.contains("wrong token") && log.contains("before a whole token")
                    && log.contains("no token within"),
                    "the log names them: " + log);
        }
    }

    @ParameterizedTest(name = "udp: strangers' hellos are ignored (native server: {0})")
    @ValueSource(booleans = {false, true})
    void udpIgnoresStrangers(boolean nativeServer) throws Exception {
        Mechanism udp = serverFor("udp", nativeServer);
        try (ServedTrial served = ServedTrial.start(udp, Exchange.LATENCY, PAYLOAD_BYTES, nativeServer, logs)) {
            String address = served.address();
            int port = Integer.parseInt(address.substring(address.indexOf(' ') + 1));
            try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                InetAddress loopback = InetAddress.getLoopbackAddress();
                stranger.send(new DatagramPacket(new byte[1], 1, loopback, port)); // the old 1-byte hello
                byte[] wrong = new byte[PeerToken.BYTES];
                Arrays.fill(wrong, (byte) 7);
                stranger.send(new DatagramPacket(wrong, wrong.length, loopback, port));
                echoes(served);
            }
            assertEquals(0, served.stop(), "udp: the echo server's exit code");
            assertTrue(Files.readString(served.logFile()).contains("ignored"), "the log names the strangers");
        }
    }

    /**
     * The mechanisms without a token rely on the file system instead: their sockets, FIFOs and the control socket
     * live in the trial's directory, which only its owner may enter.
     */
    @ParameterizedTest(name = "{0}: the socket's directory is private (0700)")
    @ValueSource(strings = {"uds", "uds-dgram"})
    void socketsLiveInAPrivateDirectory(String id) throws Exception {
        Mechanism mechanism = RunnableHere.orSkip(id);
        try (ServedTrial served = ServedTrial.start(mechanism, Exchange.LATENCY, PAYLOAD_BYTES, false, logs)) {
            String address = served.address();
            Path socket = Path.of(address.substring(address.indexOf('/')));
            assertEquals(served.trial().scratchDir(), socket.getParent(),
                    id + ": the socket is in the trial's directory");
            assertEquals(PosixFilePermissions.fromString("rwx------"),
                    Files.getPosixFilePermissions(socket.getParent(), LinkOption.NOFOLLOW_LINKS));
            assertEquals(System.getProperty("user.name"),
                    Files.getOwner(socket.getParent(), LinkOption.NOFOLLOW_LINKS).getName());
            echoes(served);
            assertEquals(0, served.stop(), id + ": the echo server's exit code");
        }
    }

    private static Mechanism serverFor(String id, boolean nativeServer) {
        return nativeServer ? NativeEchoIT.withNativePeer(id) : RunnableHere.orSkip(id);
    }

    /** The real client connects after the strangers and echoes payloads whole. */
    private static void echoes(ServedTrial served) throws IOException {
        try (EchoClient client = served.connect()) {
            ByteBuffer request = Payload.allocate(PAYLOAD_BYTES, 9);
            ByteBuffer response = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
            for (int i = 0; i < ROUND_TRIPS; i++) {
                client.roundTrip(request, response);
                assertEquals(request.clear(), response.clear(), "round trip " + i + " came back whole");
            }
        }
    }
}
