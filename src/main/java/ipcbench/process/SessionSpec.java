package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;

/**
 * What an {@link EchoSession} is to be: the mechanism, what the trial exchanges, the payload, whether the server
 * verifies every message, where the two hot threads run, how both sides wait, which ends are Java or C, how the
 * Java ends make their system calls, where the echo child runs ({@link Link}) and how many clients it serves
 * (fan-in: each its own server end in the one child). Immutable; {@link #of} gives the usual defaults (no verifying,
 * unpinned, the mechanism's first wait strategy and io path, two Java ends, loopback, one client) and each wither one
 * changed value.
 */
public record SessionSpec(Mechanism mechanism, Exchange exchange, int payloadBytes, boolean verify,
                          Placement placement, WaitStrategy waitStrategy, Peers peers, Io io, Link link,
                          int clients) {

    public static SessionSpec of(Mechanism mechanism, Exchange exchange, int payloadBytes) {
        return new SessionSpec(mechanism, exchange, payloadBytes, false, Placement.NONE, mechanism.waits().get(0),
                Peers.JVM_JVM, mechanism.ios().get(0), Link.LOOPBACK, 1);
    }

    /** The server checks every message it receives against the trial's payload. */
    public SessionSpec verified(boolean verifies) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verifies, placement, waitStrategy, peers, io, link,
                clients);
    }

    public SessionSpec placed(Placement where) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, where, waitStrategy, peers, io, link,
                clients);
    }

    public SessionSpec waiting(WaitStrategy how) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, how, peers, io, link, clients);
    }

    public SessionSpec withPeers(Peers ends) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, waitStrategy, ends, io, link,
                clients);
    }

    /** The Java ends make their system calls by {@code how}. */
    public SessionSpec through(Io how) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, waitStrategy, peers, how, link,
                clients);
    }

    /** The echo child runs at the far end of {@code where}. */
    public SessionSpec over(Link where) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, waitStrategy, peers, io, where,
                clients);
    }

    /** The echo child serves {@code count} clients at once, each through a server end of its own (fan-in). */
    public SessionSpec servingClients(int count) {
        return new SessionSpec(mechanism, exchange, payloadBytes, verify, placement, waitStrategy, peers, io, link,
                count);
    }
}
