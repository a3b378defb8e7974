package ipcbench.os;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A second network namespace on this machine, joined to this one by a veth pair: a second "host" one link away, for
 * tests and for users without a second machine ({@code --netns}). Each end of the pair has one address of a
 * private /30 ({@code 10.x.y.z}, drawn at random and checked unused here); the namespace has its loopback up and
 * nothing else.
 *
 * <p>Nothing outlives its owner: the namespace is held by one process ({@code unshare --net cat}) whose stdin is a pipe
 * from this JVM, so it ends when this JVM closes it or dies, however it dies; the kernel then removes the namespace
 * with its end of the pair, which takes the other end with it. Processes started inside it (echo children, through
 * {@link #launcher}) keep it until they end, which their own parent-death watch sees to.
 *
 * <p>Needs CAP_NET_ADMIN and CAP_SYS_ADMIN over this namespace: root, or any user inside a user namespace of their
 * own ({@code unshare -rn ./run-bench.sh --netns ...}, where the kernel allows unprivileged user namespaces; this side's
 * loopback, down in a fresh namespace, is brought up). {@link #create} fails with the reason otherwise.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(10);

    private final Process holder;
    private final String hostDevice;
    private final String hostAddress;
    private final String farAddress;
    private final List<String> shaping;

    private NetworkNamespace(Process holder, String hostDevice, String hostAddress, String farAddress,
                             List<String> shaping) {
        this.holder = holder;
        this.hostDevice = hostDevice;
        this.hostAddress = hostAddress;
        this.farAddress = farAddress;
        this.shaping = shaping;
    }

    /**
     * Creates the namespace and the pair. {@code rate} (tc's syntax, e.g. {@code 1gbit}) shapes both ends with tbf;
     * {@code delayMs} both ends with netem. A shaping the kernel lacks is left out, its reason in {@link #shaping}.
     */
    public static NetworkNamespace create(String rate, Integer delayMs) throws IOException {
        Process holder;
        try {
            holder = new ProcessBuilder("unshare", "--net", "--", "cat")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException e) {
            throw new IOException("--netns needs util-linux's unshare: " + e.getMessage(), e);
        }
        try {
            awaitNamespace(holder);
            // inside `unshare -rn` (the unprivileged way) this side's own loopback starts down
            run(List.of("ip", "link", "set", "lo", "up"));
            String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
            String hostDevice = "ipb" + suffix + "h";
            String farDevice = "ipb" + suffix + "n";
            String[] pair = freeSubnet();
            run(List.of("ip", "link", "add", hostDevice, "type", "veth", "peer", "name", farDevice, "netns",
                    Long.toString(holder.pid())));
            run(List.of("ip", "addr", "add", pair[0] + "/30", "dev", hostDevice));
            run(List.of("ip", "link", "set", hostDevice, "up"));
            List<String> inside = inside(holder.pid());
            run(concat(inside, "ip", "addr", "add", pair[1] + "/30", "dev", farDevice));
            run(concat(inside, "ip", "link", "set", farDevice, "up"));
            run(concat(inside, "ip", "link", "set", "lo", "up"));
            List<String> shaping = new ArrayList<>();
            shape(List.of(), hostDevice, rate, delayMs, shaping);
            shape(inside, farDevice, rate, delayMs, shaping);
            return new NetworkNamespace(holder, hostDevice, pair[0], pair[1], List.copyOf(shaping));
        } catch (IOException | RuntimeException e) {
            end(holder);
            throw e;
        }
    }

    /** The words that run a command inside the namespace, ending in {@code sh -c} (see {@code ipcbench.process.Link}). */
    public List<String> launcher() {
        return concat(inside(holder.pid()), "sh", "-c");
    }

    /** This side's end of the pair: its address. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The namespace's end of the pair: the address its servers bind and clients here dial. */
    public String farAddress() {
        return farAddress;
    }

    /** This side's device name, e.g. {@code ipba1b2c3h}. */
    public String hostDevice() {
        return hostDevice;
    }

    /** What shapes the link: each applied qdisc, or why one asked for is not applied. Empty when none was asked. */
    public List<String> shaping() {
        return shaping;
    }

    /**
     * Ends the holder; the kernel removes the namespace and the pair once the last process inside has ended, which
     * this waits for (up to ten seconds: the kernel's cleanup runs after the holder is gone).
     */
    @Override
    public void close() throws IOException {
        end(holder);
        long deadlineNs = System.nanoTime() + COMMAND_DEADLINE.toNanos();
        while (Subprocess.output(List.of("ip", "link", "show", "dev", hostDevice), null, COMMAND_DEADLINE)
                .exitCode() == 0) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("--netns: " + hostDevice + " is still there " + COMMAND_DEADLINE.toSeconds()
                        + " s after its namespace's holder ended: a process inside it still runs");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while removing the network namespace", e);
            }
        }
    }

    private static void end(Process holder) {
        try {
            holder.getOutputStream().close();
            if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            holder.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> inside(long holderPid) {
        return List.of("nsenter", "--net=/proc/" + holderPid + "/ns/net", "--");
    }

    /** Waits until the holder runs in its own namespace (unshare has exec'd cat), or fails with unshare's reason. */
    private static void awaitNamespace(Process holder) throws IOException {
        long deadlineNs = System.nanoTime() + COMMAND_DEADLINE.toNanos();
        while (true) {
            if (!holder.isAlive()) {
                String why = new String(holder.getErrorStream().readNBytes(4096)).strip();
                throw new IOException("--netns could not create a network namespace: " + (why.isEmpty()
                        ? "unshare exited with code " + holder.exitValue() : why)
                        + " (it needs root, or run it unprivileged inside a user namespace: unshare -rn ./run-bench.sh"
                        + " --netns ...)");
            }
            if (holder.info().command().map(c -> c.endsWith("/cat")).orElse(false)) {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IOException("--netns: unshare did not start within " + COMMAND_DEADLINE.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while creating the network namespace", e);
            }
        }
    }

    /** Two addresses of a /30 in 10.0.0.0/8 that no address of this host's namespace shares a /24 with. */
    private static String[] freeSubnet() throws IOException {
        String used = Subprocess.output(List.of("ip", "-o", "-4", "addr", "show"), null, COMMAND_DEADLINE).output();
        for (int attempt = 0; attempt < 64; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String prefix = "10." + random.nextInt(200, 250) + "." + random.nextInt(0, 256) + ".";
            if (!used.contains(" " + prefix)) {
                int base = 4 * random.nextInt(0, 63);
                return new String[] {prefix + (base + 1), prefix + (base + 2)};
            }
        }
        throw new IOException("--netns found no free /30 in 10.200.0.0-10.249.255.255");
    }

    private static void shape(List<String> inside, String device, String rate, Integer delayMs, List<String> applied)
            throws IOException {
        if (delayMs != null) {
            List<String> netem = concat(inside, "tc", "qdisc", "add", "dev", device, "root", "netem", "delay",
                    delayMs + "ms");
            if (rate != null) {
                netem.addAll(List.of("rate", rate));
            }
            Subprocess.Result result = Subprocess.output(netem, null, COMMAND_DEADLINE);
            if (result.exitCode() == 0) {
                applied.add(device + ": netem delay " + delayMs + " ms" + (rate == null ? "" : " rate " + rate));
                return;
            }
            applied.add(device + ": no " + delayMs + " ms delay: this kernel has no netem (tc: "
                    + result.output().lines().findFirst().orElse("exit " + result.exitCode()) + ")");
        }
        if (rate != null) {
            run(concat(inside, "tc", "qdisc", "add", "dev", device, "root", "tbf", "rate", rate, "burst", "64kb",
                    "latency", "50ms"));
            applied.add(device + ": tbf rate " + rate + " burst 64kb latency 50ms");
        }
    }

    private static void run(List<String> command) throws IOException {
        Subprocess.Result result = Subprocess.output(command, null, COMMAND_DEADLINE);
        if (result.exitCode() != 0) {
            throw new IOException("--netns: " + String.join(" ", command) + " failed: "
                    + result.output().lines().findFirst().orElse("exit " + result.exitCode()));
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
