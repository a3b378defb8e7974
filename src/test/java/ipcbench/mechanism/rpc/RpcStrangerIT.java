package ipcbench.mechanism.rpc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import ipcbench.Await;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.mechanism.PeerToken;
import ipcbench.process.ServedTrial;
import ipcbench.registry.RunnableHere;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.RemoteException;
import java.rmi.server.RemoteObject;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strangers on loopback against the framework servers (issue 19). gRPC: a call without the trial's token is
 * rejected, the stranger closing its connection does not end the server, the real client is served, and a message
 * larger than the trial's payload is refused. RMI: a call whose argument is not a byte array (a HashMap, as a gadget
 * chain would start) is rejected by the export's filter before the map is made, and the real client is served.
 * Aeron over UDP: sessions whose first message is not the trial's token are rejected, and the real client is served.
 */
@Timeout(120)
class RpcStrangerIT {
    private static final int PAYLOAD_BYTES = 64;
    /** Connection states as /proc/net/tcp writes them (include/net/tcp_states.h). */
    private static final String TCP_ESTABLISHED = "01";
    private static final String TCP_CLOSE_WAIT = "08";

    @TempDir
    Path logs;

    @Test
    void grpcRejectsStrangersAndOversizeMessages() throws Exception {
        GrpcMechanism grpc = (GrpcMechanism) RunnableHere.orSkip("grpc");
        try (ServedTrial served = ServedTrial.start(grpc, Exchange.LATENCY, PAYLOAD_BYTES, false, logs)) {
            ManagedChannel stranger = channel(served);
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(stranger, GrpcEchoService.ECHO, CallOptions.DEFAULT,
                            new byte[PAYLOAD_BYTES]), "a call without the token");
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            int port = Integer.parseInt(served.address());
            assertTrue(openServerEnds(port) > 0, "the server holds the stranger's connection");
            stranger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            Await.until(() -> "the server closes its end of the stranger's connection", Duration.ofSeconds(30),
                    () -> openServerEnds(port) == 0);
            assertTrue(served.process().isAlive(), "the stranger's closed connection did not end the server");

            try (EchoClient client = served.connect()) {
                echoesWhole(client);
                ManagedChannel oversize = channel(served);
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of(PeerToken.GRPC_HEADER, Metadata.ASCII_STRING_MARSHALLER),
                        served.trial().token().hex());
                StatusRuntimeException tooLarge = assertThrows(StatusRuntimeException.class,
                        () -> ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(oversize,
                                        MetadataUtils.newAttachHeadersInterceptor(headers)), GrpcEchoService.ECHO,
                                CallOptions.DEFAULT, new byte[PAYLOAD_BYTES + 1]), "a message beyond the payload");
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, tooLarge.getStatus().getCode());
                echoesWhole(client);
                oversize.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertEquals(0, served.stop(), "grpc: the echo server's exit code");
        }
    }

    @Test
    void rmiRejectsArgumentsThatAreNotByteArrays() throws Exception {
        RmiMechanism rmi = (RmiMechanism) RunnableHere.orSkip("rmi");
        try (ServedTrial served = ServedTrial.start(rmi, Exchange.LATENCY, PAYLOAD_BYTES, false, logs)) {
            RemoteEcho stub;
            try (ObjectInputStream in = new ObjectInputStream(
                    new ByteArrayInputStream(Base64.getDecoder().decode(served.address())))) {
                stub = (RemoteEcho) in.readObject();
            }
            Method echo = RemoteEcho.class.getMethod("echo", byte[].class);
            HashMap<String, String> gadget = new HashMap<>(); // where a deserialization gadget chain would start
            gadget.put("a", "b");
            RemoteException rejected = assertThrows(RemoteException.class,
                    () -> ((RemoteObject) Proxy.getInvocationHandler(stub)).getRef().invoke(stub, echo,
                            new Object[] {gadget},
                            methodHash(echo)), "a HashMap where echo takes a byte[]");
            assertTrue(causes(rejected).contains("REJECTED"), "the export's filter refused it: " + causes(rejected));
            byte[] tooLong = new byte[PAYLOAD_BYTES + 1];
            RemoteException oversize = assertThrows(RemoteException.class, () -> stub.echo(tooLong),
                    "an array beyond the payload");
            assertTrue(causes(oversize).contains("REJECTED"), "refused by length: " + causes(oversize));

            try (EchoClient client = served.connect()) {
                ByteBuffer request = Payload.allocate(PAYLOAD_BYTES, 5);
                ByteBuffer response = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
                client.roundTrip(request, response);
                assertEquals(request.clear(), response.clear(), "the real client is served");
            }
            assertEquals(0, served.stop(), "rmi: the echo server's exit code");
        }
    }

    /**
     * aeron-udp: two strangers publish to the server's request port before the client, one with 16 bytes that are
     * not the token, one with a request of the trial's size and no token; the server rejects both sessions and names
     * them in its log, goes on waiting, and then serves the real client, and ends normally.
     */
    @Test
    void aeronUdpServesOnlyTheSessionThatPresentsTheToken(@TempDir Path strangerDir) throws Exception {
        Mechanism aeronUdp = RunnableHere.orSkip("aeron-udp");
        try (ServedTrial served = ServedTrial.start(aeronUdp, Exchange.LATENCY, PAYLOAD_BYTES, false, logs)) {
            int requestPort = Integer.parseInt(served.address().split(",")[0]);
            try (MediaDriver driver = AeronTransport.launchDriver(strangerDir.resolve("aeron"), null);
                 Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())
                         .errorHandler(error -> System.err.println("stranger: " + error)))) {
                String channel = "aeron:udp?endpoint=127.0.0.1:" + requestPort;
                ExclusivePublication wrongToken = aeron.addExclusivePublication(channel, AeronTransport.REQUEST_STREAM);
                ExclusivePublication noToken = aeron.addExclusivePublication(channel, AeronTransport.REQUEST_STREAM);
                Await.until(() -> "the strangers' publications connect", Duration.ofSeconds(30),
                        () -> wrongToken.isConnected() && noToken.isConnected());
                byte[] notTheToken = new byte[PeerToken.BYTES];
                new java.util.Random(1).nextBytes(notTheToken);
                offer(wrongToken, new UnsafeBuffer(notTheToken));
                offer(noToken, new UnsafeBuffer(Payload.allocate(PAYLOAD_BYTES, 5)));
                Await.until(() -> "the child names both strangers in its log", Duration.ofSeconds(30),
                        () -> Files.exists(served.logFile()) && Files.readString(served.logFile(),
                                StandardCharsets.UTF_8).split("aeron-udp: ignored session", -1).length == 3);
                String log = Files.readString(served.logFile(), StandardCharsets.UTF_8);
                assertTrue(log.contains("wrong token"), log);
                assertTrue(log.contains("its first message is " + PAYLOAD_BYTES + " bytes, not a token"), log);
            }
            assertTrue(served.process().isAlive(), "the strangers did not end the server");
            try (EchoClient client = served.connect()) {
                echoesWhole(client);
            }
            assertEquals(0, served.stop(), "aeron-udp: the echo server's exit code");
        }
    }

    private static void offer(ExclusivePublication publication, UnsafeBuffer message) throws Exception {
        Await.until(() -> "the offer of " + message.capacity() + " bytes on stream " + publication.streamId(),
                Duration.ofSeconds(30), () -> publication.offer(message, 0, message.capacity()) >= 0);
    }

    /**
     * The server's ends of TCP connections to {@code port} that it has not closed (ESTABLISHED, or CLOSE_WAIT: the
     * peer closed, the server has not yet seen it), from the kernel's tables; both address families, as the server's
     * socket may be an IPv6 one.
     */
    private static long openServerEnds(int port) throws IOException {
        long open = 0;
        for (Path table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
            if (!Files.exists(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+"); // sl local_address rem_address st ...
                String local = fields[1];
                int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                if (localPort == port && (fields[3].equals(TCP_ESTABLISHED) || fields[3].equals(TCP_CLOSE_WAIT))) {
                    open++;
                }
            }
        }
        return open;
    }

    private static ManagedChannel channel(ServedTrial served) {
        return NettyChannelBuilder.forAddress(InetAddress.getLoopbackAddress().getHostAddress(),
                Integer.parseInt(served.address())).usePlaintext().build();
    }

    /** RMI's method hash (the stub's own, as sun.rmi.server.Util computes it): SHA-1 of name and descriptor. */
    private static long methodHash(Method method) throws Exception {
        String signature = method.getName() + "([B)[B";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(signature);
        }
        byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < Math.min(8, sha.length); i++) {
            hash += (long) (sha[i] & 0xff) << (i * 8);
        }
        return hash;
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append(" / ");
        }
        return all.toString();
    }

    /** 100 round trips, each echo equal to its request: the real client is served whole. */
    private static void echoesWhole(EchoClient client) throws IOException {
        ByteBuffer request = Payload.allocate(PAYLOAD_BYTES, 5);
        ByteBuffer response = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        for (int i = 0; i < 100; i++) {
            client.roundTrip(request, response);
            assertEquals(request.clear(), response.clear(), "round trip " + i);
        }
    }
}
