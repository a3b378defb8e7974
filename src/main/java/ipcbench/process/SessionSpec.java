package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;

/**
 * What an {@link EchoSession} is to be: the mechanism, what the trial exchanges, the payload, whether the server
 * verifies every message, where the two hot threads run, how both sides wait and which ends are Java or C. Immutable;
 * {@link #of} gives the usual defaults (no verifying, unpinned, the mechanism's first wait strategy, two Java ends)
 * and each wither one changed value.
 */
public record SessionSpec(Mechanism mechanism, Exchange exchange, int payloadBytes, boolean verify,
                          Placement placement, WaitStrategy waitStrategy, Peers peers) {

    public static SessionSpec of(Mechanism mechanism, Exchange exchange, int payloadBytes) {
        return new SessionSpec(mechanism, exchange, payloadBytes, false, Placement.NONE, mechanism.waits().get(0),
                Peers.JVM_JVM);
    }

    /** The server checks every message it receives against the trial's payload. */
    public SessionSpec verified(boolean verifies) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verifies, placement, waitStrategy, peers);
    }

    public SessionSpec placed(Placement where) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, where, waitStrategy, peers);
    }

    public SessionSpec waiting(WaitStrategy how) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, how, peers);
    }

    public SessionSpec withPeers(Peers ends) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, waitStrategy, ends);
    }
}
