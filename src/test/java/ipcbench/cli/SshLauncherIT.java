package ipcbench.cli;

import ipcbench.os.Subprocess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ssh launcher end to end, against an sshd this test starts on a spare loopback port with throwaway keys
 * (host and user) that accept only this user: {@code remote-setup} copies the jar through it, then a run with
 * {@code --server-host} starts each echo child over ssh and writes rows for the link beside loopback. The far host is
 * this machine, so the data address is 127.0.0.1; what is tested is the launcher, the control over ssh's stdin and
 * stdout, and the version check. Skipped, with the reason, where no sshd is installed.
 */
class SshLauncherIT {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    @TempDir
    Path dir;
    private Process sshd;
    private int port;

    @BeforeEach
    void startSshd() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSHD), "no sshd installed (" + SSHD + "): the ssh launcher's test"
                + " needs one (Debian: openssh-server)");
        for (String key : List.of("host", "user")) {
            Subprocess.Result made = Subprocess.output(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    dir.resolve(key).toString()), null, Duration.ofSeconds(20));
            assertEquals(0, made.exitCode(), made.output());
        }
        Files.copy(dir.resolve("user.pub"), dir.resolve("authorized_keys"));
        try (ServerSocket spare = new ServerSocket(0)) {
            port = spare.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "AllowUsers " + System.getProperty("user.name"),
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                "PermitRootLogin prohibit-password", "PidFile " + dir.resolve("sshd.pid"), ""));
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Thread.sleep(500);
        assertTrue(sshd.isAlive(), "sshd runs: " + Files.readString(dir.resolve("sshd.log")));
    }

    @AfterEach
    void stopSshd() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void remoteSetupThenARunOverSsh() throws Exception {
        String launcher = "ssh -T -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
                + " -o LogLevel=ERROR -i " + dir.resolve("user") + " -p " + port + " {host}";
        String destination = System.getProperty("user.name") + "@127.0.0.1";
        Script.Outcome setup = Script.run(120, "remote-setup", destination, "--launcher", launcher);
        assertEquals(0, setup.exitCode(), setup.stderr());
        assertTrue(setup.stdout().contains(destination + " is ready"), setup.stdout());
        Path results = dir.resolve("run");
        Script.Outcome run = Script.run(300, "--server-host", destination, "--server-addr", "127.0.0.1",
                "--launcher", launcher, "--link", "ssh-here", "--mechanisms", "tcp", "--sizes", "64",
                "--mode", "latency", "--profile", "smoke", "--cpu-at", "none", "--results", results.toString());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        List<String> links = Files.readAllLines(results.resolve("latency.csv")).stream().skip(1)
                .map(line -> line.split(",")[6]).sorted().toList();
        assertEquals(List.of("loopback", "ssh-here"), links);
        assertTrue(Files.readString(results.resolve("run.json")).contains("\"launcher\""), "run.json names the launcher");
    }
}
