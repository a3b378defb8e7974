package ipcbench.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the echo children's archive travels through a fork, and what makes a class path's archive another one. */
class ClassArchivesTest {
    private static final FileAttribute<?> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    @TempDir
    Path tmp;

    @Test
    void aChildUsesOrMakesTheArchiveItsForkWasGivenAndSaysNothingOnStdout() {
        assertEquals(List.of(), ClassArchives.childFlags(null));
        assertEquals(List.of("-XX:SharedArchiveFile=/c/child.jsa", ClassArchives.QUIET),
                ClassArchives.childFlags("use:/c/child.jsa"));
        assertEquals(List.of("-XX:ArchiveClassesAtExit=/c/child.jsa.making", ClassArchives.QUIET),
                ClassArchives.childFlags("make:/c/child.jsa.making"));
        assertThrows(IllegalArgumentException.class, () -> ClassArchives.childFlags("/c/child.jsa"));
    }

    @Test
    void theKeyChangesWithTheJarsSizeOrTimeAndNotOtherwise() throws Exception {
        Path jar = Files.write(tmp.resolve("benchmarks.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        String key = ClassArchives.key(jar.toString());
        assertEquals(16, key.length());
        assertEquals(key, ClassArchives.key(jar.toString()));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
        String touched = ClassArchives.key(jar.toString());
        assertNotEquals(key, touched, "a rebuilt jar");
        Files.write(jar, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
        assertNotEquals(touched, ClassArchives.key(jar.toString()), "another size");
        assertNotEquals(key, ClassArchives.key(tmp.resolve("other.jar").toString()), "another path");
    }

    @Test
    void unusedArchiveDirectoriesArePrunedAndAnythingNotOursIsLeft() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("cds"), PRIVATE);
        Path old = Files.createDirectory(root.resolve("old"), PRIVATE);
        Files.write(old.resolve("fork.jsa"), new byte[] {1});
        Files.write(old.resolve("child.jsa.making"), new byte[] {1});
        Path recent = Files.createDirectory(root.resolve("recent"), PRIVATE);
        Files.write(recent.resolve("fork.jsa"), new byte[] {1});
        Path foreign = Files.createDirectory(root.resolve("foreign"), PRIVATE);
        Files.write(foreign.resolve("notes.txt"), new byte[] {1});
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.write(shared.resolve("fork.jsa"), new byte[] {1});
        Instant now = Instant.now();
        for (Path dir : List.of(old, foreign, shared)) {
            Files.setLastModifiedTime(dir, FileTime.from(now.minus(Duration.ofDays(30))));
        }
        ClassArchives.pruneUnused(root, now.minus(Duration.ofDays(14)));
        assertTrue(Files.notExists(old), "unused for 30 days: deleted");
        assertTrue(Files.exists(recent.resolve("fork.jsa")), "used recently: kept");
        assertTrue(Files.exists(foreign.resolve("notes.txt")), "not an archive: left alone");
        assertTrue(Files.exists(shared.resolve("fork.jsa")), "a directory others can write is not ours: left alone");
    }

    @Test
    void aClassPathWithDirectoriesGetsNoArchives() {
        // this test's own class path holds target/classes and target/test-classes
        ClassArchives archives = ClassArchives.prepare(List.of());
        assertTrue(archives.state().startsWith("off: the class path holds a directory"), archives.state());
        assertEquals(List.of(), archives.forkFlags());
    }

    @Test
    void userFlagsThatChooseTheirOwnSharingSwitchTheArchivesOff() {
        for (String flag : List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:ArchiveClassesAtExit=/x.jsa")) {
            ClassArchives archives = ClassArchives.prepare(List.of(flag));
            assertTrue(archives.state().startsWith("off"), flag + ": " + archives.state());
            assertEquals(List.of(), archives.forkFlags());
            assertEquals(List.of(), archives.childProperty());
        }
    }
}
