package ipcbench.cli;

import ipcbench.process.Link;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code remote-setup DEST}: copies the benchmarks jar to DEST through the launcher, into
 * {@code ~/.cache/ipcbench/<first 16 hex digits of its sha-256>/ipcbench.jar} (a private directory, the file written
 * whole then renamed), then runs it there to check the JDK and that the copy is this jar. Nothing else is installed
 * and nothing listens: a run with {@code --server-host DEST} starts its echo children the same way, one per trial.
 */
@Command(name = "remote-setup", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Copy the benchmarks jar to DEST for --server-host runs, through the launcher, and check it"
                + " runs there (a JDK 17+ on DEST's PATH, or --remote-java)."},
        footer = {"", "Exit codes: 0 ready, 2 the copy or the check failed (one line saying why)."})
final class RemoteSetupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DEST", description = "the host, as the launcher takes it (user@host)")
    String destination;

    @Option(names = "--launcher", paramLabel = "CMD", description = "the command that runs a shell command line on"
            + " DEST, {host} replaced by DEST (default: " + FarEnd.DEFAULT_LAUNCHER + ")")
    String launcher = FarEnd.DEFAULT_LAUNCHER;

    @Option(names = "--remote-java", paramLabel = "PATH", description = "the java command on DEST (default: java)")
    String remoteJava = FarEnd.DEFAULT_JAVA;

    private final Main.Context context;

    RemoteSetupCommand(Main.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws UsageException {
        FarEnd.check(false, destination, launcher, "127.0.0.1", null, null, remoteJava, null, null);
        FarEnd far = new FarEnd(false, destination, launcher, "127.0.0.1", FarEnd.DEFAULT_LABEL, null, remoteJava,
                null, null);
        try {
            Path jar = FarFacts.jar();
            String sha = FarFacts.jarSha256();
            Link link = FarLinks.remote(far, sha);
            copy(jar, link, FarLinks.remoteJar(sha));
            FarFacts.Parsed facts = FarLinks.check(link, destination);
            if (!facts.jarSha256().equals(sha)) {
                throw new IOException("the copy's sha-256 differs from this jar's");
            }
            context.out().println("ipcbench: " + destination + " is ready: " + facts.environment().host() + ", "
                    + facts.environment().os() + " " + facts.environment().kernel() + ", "
                    + facts.environment().cpuModel() + ", JDK " + facts.environment().jdkVersion() + " ("
                    + facts.environment().jdkVendor() + "); jar " + FarLinks.remoteJar(sha));
            return 0;
        } catch (IOException e) {
            throw new UsageException("remote-setup " + destination + ": " + e.getMessage());
        }
    }

    /** Pipes the jar into {@code cat} over there: written as a part file in a private directory, then renamed. */
    private static void copy(Path jar, Link link, String remoteJar) throws IOException {
        String dir = remoteJar.substring(0, remoteJar.lastIndexOf('/'));
        String part = remoteJar + ".part";
        List<String> command = new ArrayList<>(link.launcher());
        command.add("umask 077 && mkdir -p " + Link.quoted(dir) + " && cat > " + Link.quoted(part) + " && mv -f "
                + Link.quoted(part) + " " + Link.quoted(remoteJar));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream toFar = process.getOutputStream()) {
            Files.copy(jar, toFar);
        } catch (IOException e) {
            // the launcher ended early: its own words say why, below
        }
        String said;
        try {
            said = new String(process.getInputStream().readNBytes(4096)).strip();
            if (!process.waitFor(FarLinks.CHECK_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the copy did not finish within " + FarLinks.CHECK_DEADLINE.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the copy failed (" + link.launcher().get(0) + " exited with code "
                    + process.exitValue() + "): " + said.lines().reduce((a, b) -> b).orElse("(no output)"));
        }
    }
}
