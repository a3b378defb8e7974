package ipcbench.mechanism.rpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import ipcbench.mechanism.LoadClient;
import ipcbench.mechanism.PeerToken;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The parent's gRPC client: one ManagedChannel with its own one-thread Netty event loop (daemon), one HTTP/2
 * connection, opened in {@link #connect} so no measured call pays for it.
 *
 * <p>One round trip is one unary {@code Echo} call through the blocking stub path
 * ({@code ClientCalls.blockingUnaryCall}): the measuring thread copies the direct buffer into a byte array, gRPC
 * frames it (headers + data frames) and hands the write to the client's event-loop thread (hop 1), which writes the
 * socket; the child's pinned event-loop thread reads, deframes, runs the echo handler inline and writes the response
 * and trailers; the client's event-loop thread reads them and wakes the measuring thread (hop 2), which parses the
 * response into a new byte array and copies it into the response buffer. No protobuf: the marshaller moves raw
 * bytes. gRPC allocates per call (call objects, metadata, HTTP/2 frames, the parsed byte array), so this is not
 * allocation-free the way the byte-stream mechanisms are; JMH's gc profiler shows how much.
 *
 * <p>One streaming batch is one client-streaming {@code Sink} call: the measuring thread sends the batch's
 * messages on one HTTP/2 stream, honouring gRPC's flow control ({@code isReady()}: it parks until the transport
 * has drained below gRPC's ready threshold), then half-closes; the server answers with the message count when the
 * stream completes, which is the acknowledgement. Per batch, not per message, pays the call set-up.
 *
 * <p>Under open-loop load each message is one asynchronous unary {@code Echo} call, at most
 * {@link #LOAD_WINDOW_CALLS} in flight ({@link #send}).
 */
final class GrpcClient implements LoadClient {
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    /** Open-loop load: calls in flight at most; the echoes' queue holds them all, so the event loop never waits. */
    static final int LOAD_WINDOW_CALLS = 1024;

    private final ManagedChannel channel;
    private final EventLoopGroup eventLoop;
    private final byte[] message;
    private final byte[] sendMessage;
    private final Echoes echoes = new Echoes();

    private GrpcClient(ManagedChannel channel, EventLoopGroup eventLoop, int payloadBytes) {
        this.channel = channel;
        this.eventLoop = eventLoop;
        this.message = new byte[payloadBytes];
        this.sendMessage = new byte[payloadBytes];
    }

    static GrpcClient connect(GrpcMechanism mechanism, Trial trial, SocketAddress server) throws IOException {
        EventLoopGroup eventLoop = mechanism.newEventLoop(new DefaultThreadFactory(mechanism.id() + "-client", true));
        ManagedChannel channel = mechanism.clientOptions(NettyChannelBuilder.forAddress(server))
                .eventLoopGroup(eventLoop)
                .usePlaintext()
                .directExecutor()
                .maxInboundMessageSize(Math.max(trial.payloadBytes(), GrpcEchoService.ACK_BYTES))
                .build();
        GrpcClient client = new GrpcClient(channel, eventLoop, trial.payloadBytes());
        try {
            awaitReady(channel, mechanism.id() + " " + server);
            prove(channel, trial);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The connection's first call: one echo of a payload-sized message carrying the trial's token as metadata, which
     * makes the server admit this connection's later calls (see {@link GrpcEchoServer}).
     */
    private static void prove(ManagedChannel channel, Trial trial) throws IOException {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(PeerToken.GRPC_HEADER, Metadata.ASCII_STRING_MARSHALLER), trial.token().hex());
        try {
            ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(headers)), GrpcEchoService.ECHO, CallOptions.DEFAULT,
                    new byte[trial.payloadBytes()]);
        } catch (StatusRuntimeException e) {
            throw failed("the token call", e.getStatus());
        }
    }

    /** Opens the connection now (gRPC connects lazily), so that no measured call includes it. */
    private static void awaitReady(ManagedChannel channel, String what) throws IOException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) {
                throw new IOException(what + ": gRPC cannot connect (channel " + state + ")");
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0 || !changed.await(leftNs, TimeUnit.NANOSECONDS)) {
                    throw new IOException(what + ": gRPC did not connect within " + CONNECT_TIMEOUT_MS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while connecting " + what);
            }
            state = channel.getState(false);
        }
    }

    @Override
    public void roundTrip(ByteBuffer request, ByteBuffer response) throws IOException {
        request.clear();
        request.get(message);
        byte[] echo;
        try {
            echo = ClientCalls.blockingUnaryCall(channel, GrpcEchoService.ECHO, CallOptions.DEFAULT, message);
        } catch (StatusRuntimeException e) {
            throw failed("Echo", e.getStatus());
        }
        if (echo.length != response.capacity()) {
            throw new IOException("grpc: echo of " + echo.length + " bytes for a " + response.capacity() + "-byte request");
        }
        response.clear();
        response.put(echo);
    }

    @Override
    public void stream(ByteBuffer request, int messages) throws IOException {
        request.clear();
        request.get(message);
        Batch batch = new Batch();
        ClientCall<byte[], byte[]> call = channel.newCall(GrpcEchoService.SINK, CallOptions.DEFAULT);
        call.start(batch, new Metadata());
        call.request(1);
        for (int i = 0; i < messages; i++) {
            while (!call.isReady()) {
                if (batch.closed != null) {
                    throw failed("Sink", batch.closed);
                }
                LockSupport.park(batch);
            }
            call.sendMessage(message);
        }
        call.halfClose();
        while (batch.closed == null) {
            LockSupport.park(batch);
        }
        if (!batch.closed.isOk()) {
            throw failed("Sink", batch.closed);
        }
        if (batch.ack == null || GrpcEchoService.messagesIn(batch.ack) != messages) {
            throw new IOException("grpc: the server acknowledged " + (batch.ack == null ? "nothing" :
                    GrpcEchoService.messagesIn(batch.ack) + " messages") + " of a " + messages + "-message batch");
        }
    }

    /**
     * Open-loop load: one asynchronous unary {@code Echo} call (the async stub's path, {@code ClientCalls.asyncUnaryCall});
     * gRPC frames the request before this returns, so the array is reused. The echo arrives on the client's event
     * loop, which queues it for {@link #receive}; the child's one event-loop thread answers calls in the order they
     * arrive, but calls are independent HTTP/2 streams and a reply may overtake an earlier one (seen here): the open loop
 * matches echoes to requests by sequence number ({@link ipcbench.mechanism.Mechanism#reordersUnderLoad}).
     */
    @Override
    public void send(ByteBuffer request) throws IOException {
        echoes.throwIfFailed();
        request.clear();
        request.get(sendMessage);
        ClientCalls.asyncUnaryCall(channel.newCall(GrpcEchoService.ECHO, CallOptions.DEFAULT), sendMessage, echoes);
    }

    /** Open-loop load: waits for the next echo the event loop queued and copies it into {@code response}. */
    @Override
    public void receive(ByteBuffer response) throws IOException {
        byte[] echo;
        try {
            echo = echoes.queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an echo");
        }
        if (echo == Echoes.FAILED) {
            echoes.throwIfFailed();
        }
        if (echo.length != response.capacity()) {
            throw new IOException("grpc: echo of " + echo.length + " bytes for a " + response.capacity() + "-byte request");
        }
        response.clear();
        response.put(echo);
    }

    @Override
    public long maxInFlight() {
        return LOAD_WINDOW_CALLS;
    }

    /** The echoes of open-loop calls, queued by the event loop (one observer serves every call). */
    private static final class Echoes implements StreamObserver<byte[]> {
        static final byte[] FAILED = new byte[0];
        final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(LOAD_WINDOW_CALLS + 1);
        private volatile Status failure;

        @Override
        public void onNext(byte[] value) {
            queue.offer(value);
        }

        @Override
        public void onError(Throwable t) {
            if (failure == null) {
                failure = Status.fromThrowable(t);
                queue.offer(FAILED);
            }
        }

        @Override
        public void onCompleted() {
        }

        void throwIfFailed() throws IOException {
            Status status = failure;
            if (status != null) {
                throw failed("Echo", status);
            }
        }
    }

    private static IOException failed(String method, Status status) {
        return new IOException("grpc: " + method + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription()), status.getCause());
    }

    @Override
    public void close() throws IOException {
        channel.shutdownNow();
        try {
            channel.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(SHUTDOWN_WAIT_MS);
    }

    /**
     * One Sink call's callbacks, run on the client's event-loop thread (directExecutor); each wakes the measuring
     * thread, which parks on it while the transport is not ready and while it waits for the answer.
     */
    private static final class Batch extends ClientCall.Listener<byte[]> {
        private final Thread caller = Thread.currentThread();
        private volatile byte[] ack;
        private volatile Status closed;

        @Override
        public void onMessage(byte[] message) {
            ack = message;
        }

        @Override
        public void onReady() {
            LockSupport.unpark(caller);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            closed = status;
            LockSupport.unpark(caller);
        }
    }
}
