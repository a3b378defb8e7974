package ipcbench.mechanism.rpc;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.PeerToken;
import ipcbench.mechanism.Trial;
import ipcbench.os.CpuAffinity;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child's gRPC server: one Netty event-loop thread accepts the connection, reads and writes HTTP/2 and runs the
 * service's handlers itself ({@code directExecutor}: no hop to an executor thread). That thread is the child's echo
 * thread and is pinned to the trial's server CPU; the main thread only waits in {@link #serve()} until the client's
 * connection ends.
 *
 * <p>Any local user can connect to a {@code grpc} port, so a connection is served only once it has proven itself:
 * its first call carries the trial's token as the {@value ipcbench.mechanism.PeerToken#GRPC_HEADER} metadata
 * ({@link GrpcClient#connect} makes that call before any measured one); later calls on it are admitted by a flag
 * of the connection, without a header. Calls on an unproven connection are rejected with UNAUTHENTICATED, and only
 * the end of a proven connection ends the server. Messages larger than the trial's payload are refused
 * (RESOURCE_EXHAUSTED).
 */
final class GrpcEchoServer implements EchoServer {
    private static final long SHUTDOWN_WAIT_MS = 2_000;

    private final Server server;
    private final EventLoopGroup eventLoop;
    private final String address;
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private volatile IOException failure;

    private GrpcEchoServer(Server server, EventLoopGroup eventLoop, String address) {
        this.server = server;
        this.eventLoop = eventLoop;
        this.address = address;
    }

    static GrpcEchoServer start(GrpcMechanism mechanism, Trial trial) throws IOException {
        EventLoopGroup eventLoop = mechanism.newEventLoop(new PinnedThreads(mechanism.id() + "-server", trial.serverCpu()));
        Holder holder = new Holder(trial.token());
        try {
            Server server = mechanism.listen(trial, address -> mechanism.serverOptions(
                            NettyServerBuilder.forAddress(address))
                    .channelType(mechanism.serverChannelType())
                    .bossEventLoopGroup(eventLoop)
                    .workerEventLoopGroup(eventLoop)
                    .directExecutor()
                    .maxInboundMessageSize(trial.payloadBytes())
                    .addService(ServerInterceptors.intercept(GrpcEchoService.definition(trial, holder::fail), holder))
                    .addTransportFilter(holder)
                    .build()
                    .start());
            holder.server = new GrpcEchoServer(server, eventLoop,
                    mechanism.report(server.getListenSockets().get(0)));
            return holder.server;
        } catch (IOException | RuntimeException e) {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    @Override
    public String address() {
        return address;
    }

    /** Returns when the client's connection has ended; throws what the service reported (a verify mismatch). */
    @Override
    public void serve() throws IOException {
        try {
            clientGone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while serving");
        }
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdownNow();
        try {
            server.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(SHUTDOWN_WAIT_MS);
    }

    /**
     * Marks each connection, admits the calls of connections that proved themselves with the token, and sees the end
     * of a proven connection (and the service's failures) before the server object exists.
     */
    private static final class Holder extends ServerTransportFilter implements ServerInterceptor {
        private static final Attributes.Key<Connection> CONNECTION = Attributes.Key.create("ipcbench.connection");
        private static final Metadata.Key<String> TOKEN =
                Metadata.Key.of(PeerToken.GRPC_HEADER, Metadata.ASCII_STRING_MARSHALLER);

        private final PeerToken token;
        private volatile GrpcEchoServer server;

        Holder(PeerToken token) {
            this.token = token;
        }

        void fail(IOException failure) {
            server.failure = failure;
        }

        @Override
        public Attributes transportReady(Attributes transportAttrs) {
            return transportAttrs.toBuilder().set(CONNECTION, new Connection()).build();
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            Connection connection = call.getAttributes().get(CONNECTION);
            if (connection != null && !connection.proven) {
                if (token.matchesHex(headers.get(TOKEN))) {
                    connection.proven = true;
                } else {
                    System.err.println("grpc: refused a call from "
                            + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) + ": no trial token");
                    call.close(Status.UNAUTHENTICATED.withDescription("no trial token"), new Metadata());
                    return new ServerCall.Listener<>() { };
                }
            }
            return next.startCall(call, headers);
        }

        @Override
        public void transportTerminated(Attributes transportAttrs) {
            Connection connection = transportAttrs.get(CONNECTION);
            if (connection != null && connection.proven) {
                server.clientGone.countDown();
            }
        }
    }

    /** One HTTP/2 connection's standing; only its event-loop thread writes it. */
    private static final class Connection {
        volatile boolean proven;
    }

    /** Netty's event-loop threads, each pinned to {@code cpu} (when not -1) before it runs its loop. */
    private static final class PinnedThreads extends DefaultThreadFactory {
        private final int cpu;

        PinnedThreads(String poolName, int cpu) {
            super(poolName, true);
            this.cpu = cpu;
        }

        @Override
        protected Thread newThread(Runnable loop, String name) {
            return super.newThread(() -> {
                if (cpu >= 0) {
                    try {
                        CpuAffinity.pinCurrentThread(cpu);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                loop.run();
            }, name);
        }
    }
}
