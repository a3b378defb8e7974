package ipcbench.mechanism;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A trial's secret: 16 random bytes the parent makes (SecureRandom) and hands to the echo child over the private
 * control socket, never on a command line (another user can read {@code /proc/PID/cmdline}). A server reachable by
 * other users (TCP, UDP, gRPC on 127.0.0.1) serves only the client that presents it, once, when it connects: no
 * measured operation carries or checks it. Immutable; comparisons take the same time whatever the bytes.
 */
public final class PeerToken {
    /** Bytes on the wire: TCP's first bytes, UDP's hello datagram. */
    public static final int BYTES = 16;
    /** The gRPC call metadata key of the connection's first call. */
    public static final String GRPC_HEADER = "ipcbench-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private PeerToken(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PeerToken random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new PeerToken(bytes);
    }

    /** The token from its 32 hexadecimal digits, as {@link #hex()} writes them. */
    public static PeerToken parse(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a peer token is " + 2 * BYTES + " hex digits, got " + hex.length());
        }
        return new PeerToken(HexFormat.of().parseHex(hex));
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** A new direct buffer holding the token, ready to write. */
    public ByteBuffer toBuffer() {
        return ByteBuffer.allocateDirect(BYTES).put(bytes).flip();
    }

    /** Whether {@code received} holds exactly the token between its position and limit; its position is kept. */
    public boolean matches(ByteBuffer received) {
        if (received.remaining() != BYTES) {
            return false;
        }
        byte[] candidate = new byte[BYTES];
        received.get(received.position(), candidate);
        return MessageDigest.isEqual(bytes, candidate);
    }

    /** Whether {@code candidate} is the token's hex form (gRPC metadata); null is not. */
    public boolean matchesHex(String candidate) {
        return candidate != null && MessageDigest.isEqual(hex().getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "PeerToken[secret]";
    }
}
