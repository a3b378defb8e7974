package ipcbench.process;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sweep on a shared machine, with real files and directories in a private temporary directory standing in for
 * /tmp and /dev/shm: a planted ledger cannot reach outside, another user's leftovers survive and are named, a
 * symlink named like ours is not followed, and a /dev/shm name with {@code ..} is refused.
 */
class LeftoverSweepTest {
    @TempDir
    Path root;
    private Path tmp;
    private Path shm;
    private Path outside;
    private String deadDir;

    @BeforeEach
    void layout() throws Exception {
        tmp = Files.createDirectory(root.resolve("tmp"));
        shm = Files.createDirectory(root.resolve("shm"));
        outside = Files.createDirectory(root.resolve("outside"));
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        deadDir = "ipcbench-" + exited.pid() + "-a1b2c3";
    }

    @Test
    void aPlantedLedgerAndSymlinkCannotDeleteAFileOutside() throws Exception {
        Path canary = Files.writeString(outside.resolve("authorized_keys"), "keep me");
        Files.createDirectory(tmp.resolve("x"));
        Files.createSymbolicLink(tmp.resolve("x/ipcbench-z"), outside);
        Path planted = Files.createDirectory(tmp.resolve(deadDir));
        String entry = "mmap-file " + tmp.resolve("x/ipcbench-z/authorized_keys");
        Files.writeString(planted.resolve("ledger"), entry + "\n");

        LeftoverSweep.Outcome swept = LeftoverSweep.sweep(tmp, shm);

        assertTrue(Files.exists(canary), "the canary outside survives: " + swept);
        assertTrue(swept.leftAlone().stream().anyMatch(l -> l.contains("no run of ours makes: " + entry)),
                "the foreign entry is named: " + swept);
    }

    @Test
    void aDevShmNameWithDotDotIsRefused() throws Exception {
        Path canary = Files.writeString(outside.resolve("canary-region"), "keep me");
        Path planted = Files.createDirectory(tmp.resolve(deadDir));
        String entry = "shm ../.." + canary.toAbsolutePath();
        Files.writeString(planted.resolve("ledger"), entry + "\n");

        LeftoverSweep.Outcome swept = LeftoverSweep.sweep(tmp, shm);

        assertTrue(Files.exists(canary), "the canary reached through /dev/shm/../.. survives: " + swept);
        assertTrue(swept.leftAlone().stream().anyMatch(l -> l.contains(entry)), swept.toString());
    }

    @Test
    void anotherUsersLeftoversSurviveAndAreNamed() throws Exception {
        assumeTrue(ipcbench.os.LibC.INSTANCE.geteuid() == 0,
                "giving a file to another user (chown) needs root");
        UserPrincipal nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534");
        Path foreignDir = Files.createDirectory(tmp.resolve(deadDir));
        Files.writeString(foreignDir.resolve("ledger"), "shm " + deadDir + "-region\n");
        Path foreignFile = Files.writeString(foreignDir.resolve("control.log"), "theirs");
        Path foreignRegion = Files.writeString(shm.resolve(deadDir + "-region"), "theirs");
        for (Path path : List.of(foreignDir, foreignFile, foreignRegion)) {
            Files.setOwner(path, nobody);
        }

        LeftoverSweep.Outcome swept = LeftoverSweep.sweep(tmp, shm);

        assertTrue(Files.exists(foreignFile), "another user's directory is not touched: " + swept);
        assertTrue(Files.exists(foreignRegion), "another user's /dev/shm file is not touched: " + swept);
        assertEquals(List.of(), swept.removed());
        assertTrue(swept.leftAlone().stream().anyMatch(l -> l.startsWith("left alone " + foreignDir + ": it belongs")),
                swept.toString());
        assertTrue(swept.leftAlone().stream().anyMatch(l -> l.startsWith("left alone " + foreignRegion + ": it belongs")),
                swept.toString());
    }

    @Test
    void aSymlinkNamedLikeOursIsNotFollowed() throws Exception {
        Path target = Files.createDirectory(outside.resolve("target"));
        Path victim = Files.writeString(target.resolve("region.mmap"), "keep me");
        Files.writeString(target.resolve("ledger"), "mmap-file " + tmp.resolve(deadDir).resolve("region.mmap") + "\n");
        Path link = Files.createSymbolicLink(tmp.resolve(deadDir), target);
        Path shmLink = Files.createSymbolicLink(shm.resolve(deadDir + "-region"), victim);

        LeftoverSweep.Outcome swept = LeftoverSweep.sweep(tmp, shm);

        assertTrue(Files.exists(victim), "nothing is removed through the link: " + swept);
        assertTrue(Files.exists(target.resolve("ledger")), swept.toString());
        assertTrue(Files.isSymbolicLink(link), "the link is left as it was: " + swept);
        assertTrue(Files.isSymbolicLink(shmLink), "a /dev/shm link is left as it was: " + swept);
        assertEquals(List.of(), swept.removed());
    }

    @Test
    void ourOwnLeftoverGoesWithEverythingItsLedgerNames() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(deadDir));
        Path region = Files.writeString(shm.resolve(deadDir + "-region"), "ours");
        Path mapped = Files.writeString(dir.resolve("region.mmap"), "ours");
        Files.writeString(dir.resolve("ledger"), "mmap-file " + mapped + "\n");
        Path subdirectory = Files.createDirectory(dir.resolve("sockets"));
        Files.writeString(subdirectory.resolve("log"), "ours");
        Files.createSymbolicLink(dir.resolve("link-out"), outside);
        Path canary = Files.writeString(outside.resolve("canary"), "keep me");

        LeftoverSweep.Outcome swept = LeftoverSweep.sweep(tmp, shm);

        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), swept.toString());
        assertFalse(Files.exists(region), swept.toString());
        assertTrue(Files.exists(canary), "a link inside is removed, not followed: " + swept);
        assertTrue(swept.removed().contains("mmap-file " + mapped), swept.toString());
        assertTrue(swept.removed().contains("directory " + dir), swept.toString());
        assertTrue(swept.removed().contains("shared memory " + region), swept.toString());
        assertEquals(List.of(), swept.leftAlone());
    }
}
