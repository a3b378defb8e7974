package ipcbench.mechanism.rpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * {@code grpc}: grpc-java (Netty, shaded) over TCP on 127.0.0.1 (or, across a link, the trial's
 * {@link ipcbench.mechanism.DataAddress}), plaintext HTTP/2, TCP_NODELAY, an ephemeral port (or the first free one of
 * {@code --data-ports}) the child reports. Netty's epoll transport carries it, as grpc-java picks by default on Linux (NIO only if
 * epoll's native library cannot load). Everything else is {@link GrpcMechanism}'s: see {@link GrpcClient} for what
 * one round trip and one streaming batch are, and which threads they cross.
 */
public final class GrpcTcpMechanism extends GrpcMechanism {
    /** Probed on first use, not when the class loads: listing or constructing it must not load Netty's native library. */
    private static final class Transport {
        static final boolean EPOLL = Epoll.isAvailable();
    }

    /** Its server binds the trial's data address and its client dials it. */
    @Override
    public String whyHostLocal() {
        return null;
    }

    @Override
    public String id() {
        return "grpc";
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    protected <T> T listen(Trial trial, Listening<T> server) throws IOException {
        return trial.address().firstFree(server::at);
    }

    @Override
    protected String report(SocketAddress listening) {
        return Integer.toString(((InetSocketAddress) listening).getPort());
    }

    @Override
    protected SocketAddress serverAddress(Trial trial, String reported) throws IOException {
        return trial.address().at(Integer.parseInt(reported));
    }

    @Override
    protected EventLoopGroup newEventLoop(ThreadFactory threads) {
        return Transport.EPOLL ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelType() {
        return Transport.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    protected Class<? extends Channel> clientChannelType() {
        return Transport.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    protected NettyServerBuilder serverOptions(NettyServerBuilder builder) {
        return builder.withChildOption(ChannelOption.TCP_NODELAY, true);
    }

    @Override
    protected NettyChannelBuilder clientOptions(NettyChannelBuilder builder) {
        return super.clientOptions(builder).withOption(ChannelOption.TCP_NODELAY, true);
    }
}
