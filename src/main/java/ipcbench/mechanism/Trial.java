package ipcbench.mechanism;

import ipcbench.os.ScratchDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything both ends of one trial must agree on; the parent passes it to the child as {@code key=value}
 * arguments. Names of files and kernel objects are derived from {@code scratchDir}, so both sides compute the
 * same ones without further arguments.
 *
 * @param mechanismId   the mechanism's id
 * @param mode          echo every message, or consume batches and acknowledge
 * @param payloadBytes  bytes in every message, fixed for the trial (1 .. the mechanism's limit)
 * @param batchMessages messages per acknowledgement in {@link Exchange#THROUGHPUT}
 * @param verify        whether the server checks every streamed message against the seeded payload
 * @param seed          seed of the payload's bytes, see {@link Payload#fill}
 * @param scratchDir    the trial's private directory
 * @param serverCpu     the CPU the echo thread is pinned to, or -1 for the scheduler's choice
 * @param waitStrategy  how both sides' receives wait: one of the mechanism's {@link Mechanism#waits()}
 * @param token         the secret a client presents when it connects; never in {@link #toArgs()} (the parent
 *                      sends it on the control socket)
 * @param io            how both Java ends make their system calls: one of the mechanism's {@link Mechanism#ios()}
 * @param address       where network mechanisms' data travels: the address the server binds and the client dials
 *                      ({@link DataAddress#LOOPBACK} unless the child runs across a link)
 * @param members       how many clients the echo child serves, each through its own server end (fan-in); 1 for a pair
 * @param member        which of them this end belongs to, 0 .. members - 1: member 0's names are a pair's names,
 *                      another member's files and objects carry {@code m<member>} so no two members share one
 */
public record Trial(String mechanismId, Exchange mode, int payloadBytes, int batchMessages, boolean verify, long seed,
                    Path scratchDir, int serverCpu, WaitStrategy waitStrategy, PeerToken token, Io io,
                    DataAddress address, int members, int member) {

    /** The largest payload the suite allocates, for mechanisms the kernel does not limit. */
    public static final int MAX_PAYLOAD_BYTES = 64 << 20;

    /** The most clients one echo child serves (fan-in). */
    public static final int MAX_MEMBERS = 64;

    /** A batch carries about this many bytes, so one acknowledgement per batch stays a small part of its time. */
    private static final int BATCH_TARGET_BYTES = 4 << 20;
    private static final int MIN_BATCH_MESSAGES = 16;
    private static final int MAX_BATCH_MESSAGES = 8192;

    public Trial {
        if (payloadBytes < 1) {
            throw new IllegalArgumentException("payload must be at least 1 byte, was " + payloadBytes);
        }
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(address, "address");
        if (members < 1 || members > MAX_MEMBERS || member < 0 || member >= members) {
            throw new IllegalArgumentException("member " + member + " of " + members + " clients");
        }
    }

    /** A trial of one client and one server end. */
    public Trial(String mechanismId, Exchange mode, int payloadBytes, int batchMessages, boolean verify, long seed,
                 Path scratchDir, int serverCpu, WaitStrategy waitStrategy, PeerToken token, Io io,
                 DataAddress address) {
        this(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu, waitStrategy, token,
                io, address, 1, 0);
    }

    /** This trial with its Java ends making their calls by {@code how}. */
    public Trial withIo(Io how) {
        return new Trial(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu,
                waitStrategy, token, how, address, members, member);
    }

    /** This trial with its data travelling to and from {@code where}. */
    public Trial at(DataAddress where) {
        return new Trial(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu,
                waitStrategy, token, io, where, members, member);
    }

    /** This trial with its files and object names under {@code dir} (an echo child across a link makes its own). */
    public Trial inDirectory(Path dir) {
        return new Trial(mechanismId, mode, payloadBytes, batchMessages, verify, seed, dir, serverCpu,
                waitStrategy, token, io, address, members, member);
    }

    /** This trial served to {@code count} clients at once (fan-in), seen from member 0. */
    public Trial servingClients(int count) {
        return new Trial(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu,
                waitStrategy, token, io, address, count, 0);
    }

    /** The same trial as client {@code index} sees it: its own files and kernel objects. */
    public Trial member(int index) {
        return new Trial(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu,
                waitStrategy, token, io, address, members, index);
    }

    /** A trial with a new random token, through the JDK's path ({@link Io#JDK}). */
    public Trial(String mechanismId, Exchange mode, int payloadBytes, int batchMessages, boolean verify, long seed,
                 Path scratchDir, int serverCpu, WaitStrategy waitStrategy) {
        this(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu, waitStrategy,
                PeerToken.random(), Io.JDK, DataAddress.LOOPBACK);
    }

    /** A trial whose receives block. */
    public Trial(String mechanismId, Exchange mode, int payloadBytes, int batchMessages, boolean verify, long seed,
                 Path scratchDir, int serverCpu) {
        this(mechanismId, mode, payloadBytes, batchMessages, verify, seed, scratchDir, serverCpu, WaitStrategy.BLOCK);
    }

    /** True when both sides poll instead of sleeping ({@link WaitStrategy#SPIN}). */
    public boolean spins() {
        return waitStrategy == WaitStrategy.SPIN;
    }

    /** Messages per streaming batch: about 4 MiB, at least 16 and at most 8192 messages. */
    public static int batchMessagesFor(int payloadBytes) {
        return Math.max(MIN_BATCH_MESSAGES, Math.min(MAX_BATCH_MESSAGES, BATCH_TARGET_BYTES / payloadBytes));
    }

    public ScratchDirectory scratch() {
        return ScratchDirectory.existing(scratchDir);
    }

    /** A file inside the private directory. */
    public Path file(String name) {
        return scratchDir.resolve(member == 0 ? name : "m" + member + "-" + name);
    }

    /** A kernel-object name unique to this trial, e.g. {@code ipcbench-4242-a1b2c3-request}. */
    public String objectName(String role) {
        return scratch().objectName(member == 0 ? role : "m" + member + "-" + role);
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("mechanism=" + mechanismId);
        args.add("mode=" + mode);
        args.add("payloadBytes=" + payloadBytes);
        args.add("batchMessages=" + batchMessages);
        args.add("verify=" + verify);
        args.add("seed=" + seed);
        args.add("scratchDir=" + scratchDir);
        args.add("serverCpu=" + serverCpu);
        args.add("wait=" + waitStrategy.name());
        if (io != Io.JDK) {
            // only Java servers get this trial: a C server (which knows no io argument) is handed withIo(JDK)
            args.add("io=" + io.name());
        }
        if (members > 1) {
            args.add("members=" + members);
        }
        if (!address.equals(DataAddress.LOOPBACK)) {
            args.add("host=" + address.host());
            if (address.portsText() != null) {
                args.add("ports=" + address.portsText());
            }
        }
        return args;
    }

    /** The trial {@link #toArgs()} wrote, with the token the parent sent apart from the arguments. */
    public static Trial fromArgs(String[] args, PeerToken token) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new Trial(required(values, "mechanism"), Exchange.valueOf(required(values, "mode")),
                Integer.parseInt(required(values, "payloadBytes")), Integer.parseInt(required(values, "batchMessages")),
                Boolean.parseBoolean(required(values, "verify")), Long.parseLong(required(values, "seed")),
                Path.of(required(values, "scratchDir")), Integer.parseInt(required(values, "serverCpu")),
                WaitStrategy.valueOf(required(values, "wait")), token,
                Io.valueOf(values.getOrDefault("io", Io.JDK.name())),
                DataAddress.of(values.getOrDefault("host", DataAddress.LOOPBACK.host()), values.get("ports")),
                Integer.parseInt(values.getOrDefault("members", "1")), 0);
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + "=");
        }
        return value;
    }
}
