package ipcbench.mechanism.rpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import ipcbench.mechanism.EchoClient;
import ipcbench.mechanism.EchoServer;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.OpenLoad;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * The gRPC family: one service ({@link GrpcEchoService}), one server ({@link GrpcEchoServer}) and one client
 * ({@link GrpcClient}); a subclass only says which Netty transport carries HTTP/2 (socket family, channel classes,
 * event loop, socket options) and how the child's address is written.
 *
 * <p>A trial's payload may be up to {@link Trial#MAX_PAYLOAD_BYTES}; each end accepts messages no larger than the
 * trial's payload (the client: or a 4-byte acknowledgement) through {@code maxInboundMessageSize}, so a larger one
 * is refused before it is read into the heap. HTTP/2 flow control is left at grpc-java's
 * defaults (1 MiB initial window, and its BDP-based window tuning as grpc-java configures it); HTTP/2 splits a
 * message into DATA frames of at most 16 KiB. Under open-loop load: asynchronous unary calls, at most
 * {@link GrpcClient#LOAD_WINDOW_CALLS} in flight.
 */
public abstract class GrpcMechanism implements Mechanism, OpenLoad {
    /** The largest payload a trial may have; gRPC's default inbound limit would be 4 MiB. */
    static final int MAX_MESSAGE_BYTES = Trial.MAX_PAYLOAD_BYTES;

    /**
     * Child side: starts {@code server} at the address it binds (for TCP the trial's data address, trying each
     * port of {@code --data-ports} in turn) and returns what it returned.
     */
    protected abstract <T> T listen(Trial trial, Listening<T> server) throws IOException;

    /** Something started at one bound address; an IOException when the address is taken. */
    @FunctionalInterface
    protected interface Listening<T> {
        T at(SocketAddress address) throws IOException;
    }

    /** Child side: what the client needs, from the address the server actually listens on. */
    protected abstract String report(SocketAddress listening);

    /** Parent side: the server's address from what the child reported. */
    protected abstract SocketAddress serverAddress(Trial trial, String reported) throws IOException;

    /** One event loop (one thread) for one end. */
    protected abstract EventLoopGroup newEventLoop(ThreadFactory threads);

    protected abstract Class<? extends ServerChannel> serverChannelType();

    protected abstract Class<? extends Channel> clientChannelType();

    /** The transport's socket options on the server's accepted connections (none by default). */
    protected NettyServerBuilder serverOptions(NettyServerBuilder builder) {
        return builder;
    }

    /** The transport's socket options and address type on the client's connection. */
    protected NettyChannelBuilder clientOptions(NettyChannelBuilder builder) {
        return builder.channelType(clientChannelType());
    }


    /** Calls are independent HTTP/2 streams: their replies may overtake each other. */
    @Override
    public boolean reordersUnderLoad() {
        return true;
    }

    /** gRPC allocates per call (call objects, metadata, frames, the parsed message array). */
    @Override
    public boolean allocationFree() {
        return false;
    }

    /** gRPC's call path takes seconds of JIT compilation to settle on a small VM (docs/method.md on allocation). */
    @Override
    public int minWarmupMillis() {
        return 12_000;
    }

    @Override
    public int maxPayloadBytes() {
        return MAX_MESSAGE_BYTES;
    }

    @Override
    public final String whyNoFanOut() {
        return "its fan-out is a server stream to each subscriber, which is not built yet";
    }

    @Override
    public final EchoServer openServer(Trial trial) throws IOException {
        return GrpcEchoServer.start(this, trial);
    }

    @Override
    public final EchoClient connect(Trial trial, String serverAddress, Process child) throws IOException {
        return GrpcClient.connect(this, trial, serverAddress(trial, serverAddress));
    }
}
