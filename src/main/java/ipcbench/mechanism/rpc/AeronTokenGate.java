package ipcbench.mechanism.rpc;

import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import ipcbench.mechanism.PeerToken;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code aeron-udp}'s door, on either side: of the images (one per publishing Aeron session) a subscription gets, it
 * admits the one whose first message is exactly the trial's {@link PeerToken} — one unfragmented message of
 * {@link PeerToken#BYTES} bytes — and rejects every image whose first message is anything else
 * ({@link Image#reject}: its driver frees the image and tells the publisher), naming it on stderr (the child's log).
 * An image that has sent nothing yet waits. Runs before the echo loop, so no measured operation pays for it; the
 * admitted image's position is just past the token, so the loop polls the next message.
 */
final class AeronTokenGate implements FragmentHandler {
    private final PeerToken token;
    private final ByteBuffer candidate = ByteBuffer.allocate(PeerToken.BYTES);
    private boolean admitted;
    private String refused;

    private AeronTokenGate(PeerToken token) {
        this.token = token;
    }

    /**
     * Polls {@code subscription}'s images until one's first message is the token and returns it; fails when none is
     * by {@code deadlineNs} or when {@code liveness} finds its side's peer gone. {@code what} names the stream in
     * messages ("the request stream").
     */
    static Image admit(Subscription subscription, PeerToken token, long deadlineNs, IdleStrategy idle,
                       AeronTransport.Liveness liveness, String mechanismId, String what) throws IOException {
        AeronTokenGate gate = new AeronTokenGate(token);
        Set<Long> refusedImages = new HashSet<>();
        idle.reset();
        while (true) {
            for (Image image : subscription.images()) {
                if (refusedImages.contains(image.correlationId())) {
                    continue;
                }
                gate.admitted = false;
                gate.refused = null;
                if (image.poll(gate, 1) == 0) {
                    continue;
                }
                if (gate.admitted) {
                    return image;
                }
                refusedImages.add(image.correlationId());
                System.err.println(mechanismId + ": ignored session " + image.sessionId() + " from "
                        + image.sourceIdentity() + " on " + what + ": " + gate.refused);
                try {
                    image.reject("not the trial's client: " + gate.refused);
                } catch (RuntimeException closedMeanwhile) {
                    // ignored all the same: this side never polls it again
                }
            }
            liveness.check();
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("aeron: no session presented the trial's token on " + what + " in time");
            }
            idle.idle();
        }
    }

    /** The first fragment of an image: the token, whole, or the reason it is not. */
    @Override
    public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if ((header.flags() & FrameDescriptor.UNFRAGMENTED) != FrameDescriptor.UNFRAGMENTED) {
            refused = "its first message is fragmented (a first fragment of " + length + " bytes), not a token";
        } else if (length != PeerToken.BYTES) {
            refused = "its first message is " + length + " bytes, not a token";
        } else {
            candidate.clear();
            buffer.getBytes(offset, candidate, PeerToken.BYTES);
            admitted = token.matches(candidate.flip());
            if (!admitted) {
                refused = "wrong token";
            }
        }
    }
}
