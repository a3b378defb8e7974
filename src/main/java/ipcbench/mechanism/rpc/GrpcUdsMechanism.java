package ipcbench.mechanism.rpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Trial;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * {@code grpc-uds}: the same gRPC service as {@code grpc}, over a Unix-domain stream socket in the trial's private
 * directory, through Netty's epoll domain-socket channels (the only domain-socket transport in grpc-netty-shaded;
 * it needs epoll's bundled native library). Everything else is {@link GrpcMechanism}'s: see {@link GrpcClient} for
 * what one round trip and one streaming batch are.
 */
public final class GrpcUdsMechanism extends GrpcMechanism {
    private static final String SOCKET_FILE = "grpc.sock";

    @Override
    public String whyHostLocal() {
        return "a Unix socket connects processes of one kernel; grpc is the same service over TCP";
    }

    @Override
    public String id() {
        return "grpc-uds";
    }

    @Override
    public Availability availability() {
        if (Epoll.isAvailable()) {
            return Availability.AVAILABLE;
        }
        return Availability.unavailable("Netty's epoll native library (inside grpc-netty-shaded) does not load: "
                + Epoll.unavailabilityCause() + "; it needs Linux on x86_64 or aarch64 and a writable java.io.tmpdir "
                + "to unpack into");
    }

    @Override
    protected <T> T listen(Trial trial, Listening<T> server) throws IOException {
        return server.at(new DomainSocketAddress(trial.file(SOCKET_FILE).toFile()));
    }

    @Override
    protected String report(SocketAddress listening) {
        return ((DomainSocketAddress) listening).path();
    }

    @Override
    protected SocketAddress serverAddress(Trial trial, String reported) {
        return new DomainSocketAddress(reported);
    }

    @Override
    protected EventLoopGroup newEventLoop(ThreadFactory threads) {
        return new EpollEventLoopGroup(1, threads);
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelType() {
        return EpollServerDomainSocketChannel.class;
    }

    @Override
    protected Class<? extends Channel> clientChannelType() {
        return EpollDomainSocketChannel.class;
    }

    /**
     * gRPC sets SO_KEEPALIVE on every connection; a domain socket has no such option and Netty would log a warning
     * per connection, so the option is removed (a null value unsets it) on both ends.
     */
    @Override
    protected NettyServerBuilder serverOptions(NettyServerBuilder builder) {
        return builder.withChildOption(ChannelOption.SO_KEEPALIVE, null);
    }

    @Override
    protected NettyChannelBuilder clientOptions(NettyChannelBuilder builder) {
        return builder.channelType(clientChannelType(), DomainSocketAddress.class)
                .withOption(ChannelOption.SO_KEEPALIVE, null);
    }
}
