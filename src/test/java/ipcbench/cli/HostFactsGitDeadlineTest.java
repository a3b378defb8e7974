package ipcbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 19, finding "the ipcpeer list and git subprocesses can block forever": a checkout whose git hangs (here its
 * fsmonitor hook sleeps 300 s, as a hook or a held lock can) costs the run's commit lookup at most its deadline, and
 * the hung git and hook are ended; the commit is recorded as unchecked, not as clean. Before, git's output was read to
 * its end before the 10 s wait, so this hung.
 */
class HostFactsGitDeadlineTest {
    @TempDir
    Path dir;

    @Test
    void aHungGitCostsAtMostTheDeadline() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assumeTrue(git(repo, "init", "-q", ".") == 0, "no git here");
        Files.writeString(repo.resolve("a"), "a\n");
        assertEquals(0, git(repo, "add", "a"));
        assertEquals(0, git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a"));
        Path pidFile = dir.resolve("hook.pid");
        Path hook = Files.writeString(dir.resolve("hook"), "#!/bin/sh\necho $$ > " + pidFile + "\nexec sleep 300\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        assertEquals(0, git(repo, "config", "core.fsmonitor", hook.toString()));

        String commit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> HostFacts.gitCommit(repo, Duration.ofSeconds(1)));

        assertTrue(commit.matches("[0-9a-f]{40}-unchecked"), "the commit, and that its state is not known: " + commit);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(hung -> hung.onExit().orTimeout(15, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hung hook was ended");
    }

    private static int git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(git.waitFor(60, TimeUnit.SECONDS), "git " + args[0] + " finished");
        return git.exitValue();
    }
}
