package ipcbench.cli;

import ipcbench.mechanism.DataAddress;
import ipcbench.os.NetworkNamespace;
import ipcbench.os.Subprocess;
import ipcbench.process.Link;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's far end, opened before anything is measured: the second network namespace made ({@code --netns}), or the
 * far host checked through its launcher ({@code --server-host}: it answers, has a JDK and this very jar). Either
 * failure is bad input, one line naming the host and why, before anything is created. Closing it removes the
 * namespace; a far host keeps nothing but the jar remote-setup copied.
 */
final class FarLinks implements AutoCloseable {
    /** How long the far end may take to answer the check: an ssh login and a JVM start. */
    static final Duration CHECK_DEADLINE = Duration.ofSeconds(60);
    /** Where remote-setup puts the jar on the far host, by the first 16 hex digits of its sha-256. */
    static final String REMOTE_DIR = "$HOME/.cache/ipcbench/";
    static final String REMOTE_JAR = "ipcbench.jar";

    private final Link link;
    private final RunInfo.LinkInfo info;
    private final NetworkNamespace namespace;

    private FarLinks(Link link, RunInfo.LinkInfo info, NetworkNamespace namespace) {
        this.link = link;
        this.info = info;
        this.namespace = namespace;
    }

    /** Opens {@code far}, or returns null for a run without one. */
    static FarLinks open(FarEnd far) throws UsageException {
        if (far == null) {
            return null;
        }
        if (far.netns()) {
            NetworkNamespace namespace;
            try {
                namespace = NetworkNamespace.create(far.linkRate(), far.linkDelayMs());
            } catch (IOException e) {
                throw new UsageException(e.getMessage());
            }
            Link link = new Link(Link.NETNS, DataAddress.of(namespace.farAddress(), far.dataPorts()),
                    namespace.launcher(), null, null);
            return new FarLinks(link, new RunInfo.LinkInfo(link.id(), namespace.farAddress(), far.dataPorts(),
                    link.launcher(), namespace.shaping(), null), namespace);
        }
        try {
            String sha = FarFacts.jarSha256();
            Link link = remote(far, sha);
            FarFacts.Parsed facts = check(link, far.serverHost());
            if (!facts.jarSha256().equals(sha)) {
                throw new UsageException("--server-host " + far.serverHost() + ": its copy of the benchmarks jar is not"
                        + " this one; run ./run-bench.sh remote-setup " + far.serverHost() + " again");
            }
            return new FarLinks(link, new RunInfo.LinkInfo(link.id(), far.serverAddr(), far.dataPorts(),
                    link.launcher(), List.of(), facts.environment()), null);
        } catch (IOException e) {
            throw new UsageException("--server-host " + far.serverHost() + ": " + e.getMessage());
        }
    }

    /** The link to {@code far}'s host, whose java runs the jar remote-setup copied (named by {@code sha}). */
    static Link remote(FarEnd far, String sha) {
        return new Link(far.label(), DataAddress.of(far.serverAddr(), far.dataPorts()),
                FarEnd.launcherWords(far.launcher(), far.serverHost()), far.remoteJava(), remoteJar(sha));
    }

    static String remoteJar(String sha) {
        return REMOTE_DIR + sha.substring(0, 16) + "/" + REMOTE_JAR;
    }

    /** Runs {@link FarFacts} over there; fails with one line saying why it did not answer. */
    static FarFacts.Parsed check(Link link, String destination) throws IOException {
        List<String> local = new ArrayList<>(List.of("java", "-cp", "jar", FarFacts.class.getName()));
        Subprocess.Result result = Subprocess.output(link.command(local), null, CHECK_DEADLINE);
        if (result.exitCode() != 0) {
            String output = result.output();
            if (output.contains("Could not find or load main class") || output.contains("ClassNotFoundException")) {
                throw new IOException("the benchmarks jar is not there; copy it with ./run-bench.sh remote-setup "
                        + destination);
            }
            String last = output.lines().reduce((first, second) -> second).orElse("(no output)").strip();
            throw new IOException("the launcher (" + link.launcher().get(0) + ") exited with code "
                    + result.exitCode() + ": " + last);
        }
        return FarFacts.parse(result.output());
    }

    Link link() {
        return link;
    }

    RunInfo.LinkInfo info() {
        return info;
    }

    /** Removes the namespace, if this is one. */
    @Override
    public void close() throws IOException {
        if (namespace != null) {
            namespace.close();
        }
    }
}
