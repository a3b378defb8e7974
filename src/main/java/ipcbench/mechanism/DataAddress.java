package ipcbench.mechanism;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a trial's network data travels: the one IP address the echo server binds, which is also the address the
 * client dials, and the ports its listening sockets may take ({@code --data-ports A-B}), or any free one. Loopback
 * ({@code 127.0.0.1}, any port) unless the echo child runs across a link. Immutable; the host is an IP literal, never
 * a name to look up.
 *
 * @param host      the IPv4 or IPv6 literal of the server's end
 * @param firstPort the lowest port a listening socket may take, or 0 for an ephemeral one
 * @param lastPort  the highest, or 0
 */
public record DataAddress(String host, int firstPort, int lastPort) {
    private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})-([0-9]{1,5})");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    public static final DataAddress LOOPBACK = new DataAddress("127.0.0.1", 0, 0);

    public DataAddress {
        if (!IP_LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not an IP address");
        }
        boolean ephemeral = firstPort == 0 && lastPort == 0;
        if (!ephemeral && (firstPort < 1 || lastPort > 65535 || firstPort > lastPort)) {
            throw new IllegalArgumentException("ports " + firstPort + "-" + lastPort
                    + " are not a range within 1-65535");
        }
    }

    /** The range {@code A-B} of {@code --data-ports}, checked. */
    public static DataAddress of(String host, String ports) {
        if (ports == null) {
            return new DataAddress(host, 0, 0);
        }
        Matcher range = PORTS.matcher(ports);
        if (!range.matches()) {
            throw new IllegalArgumentException("ports '" + ports + "' are not a range A-B");
        }
        return new DataAddress(host, Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)));
    }

    /** The range as {@code A-B}, or null for ephemeral ports. */
    public String portsText() {
        return firstPort == 0 ? null : firstPort + "-" + lastPort;
    }

    public InetAddress inet() throws UnknownHostException {
        // a literal: no lookup happens
        return InetAddress.getByName(host);
    }

    public boolean isLoopback() {
        try {
            return inet().isLoopbackAddress();
        } catch (UnknownHostException notLiteral) {
            return false;
        }
    }

    /**
     * The address this host sends from to reach the host: the host itself for loopback, else the local address the
     * kernel's route to it picks (read from a connected, unused UDP socket: nothing is sent).
     */
    public InetAddress sourceAddress() throws IOException {
        if (isLoopback()) {
            return inet();
        }
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(at(9));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }

    /** The server's address at {@code port}, as the client dials it. */
    public InetSocketAddress at(int port) throws UnknownHostException {
        return new InetSocketAddress(inet(), port);
    }

    /**
     * Tries {@code open} at each port of the range, in order, until one is not taken (or once at port 0, an
     * ephemeral port); its result. Fails naming the range when no port could be used.
     */
    public <T> T firstFree(PortUser<T> open) throws IOException {
        if (firstPort == 0) {
            return open.at(at(0));
        }
        IOException last = null;
        for (int port = firstPort; port <= lastPort; port++) {
            try {
                return open.at(at(port));
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IOException("no data port " + portsText() + " on " + host + " could be used: " + last, last);
    }

    /** Something that listens at one address, failing with an IOException when the port is taken. */
    @FunctionalInterface
    public interface PortUser<T> {
        T at(InetSocketAddress address) throws IOException;
    }
}
