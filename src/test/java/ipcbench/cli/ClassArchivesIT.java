package ipcbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class-data-sharing archives through real runs of the pipe mechanism (whose echo child's stdout is the data channel,
 * so any CDS message there would break the run): the first run in an empty cache makes both archives, private and
 * loadable; the next uses them; an archive that is not provably this user's alone is never used, and a corrupt one
 * of ours costs only the sharing.
 */
class ClassArchivesIT {
    @TempDir
    Path tmp;

    private Script.Outcome run(Path cache, String name) throws Exception {
        return Script.run(300, Map.of("XDG_CACHE_HOME", cache.toString()), "run", "--mechanisms", "pipe", "--sizes",
                "64", "--mode", "latency", "--profile", "smoke", "--verify", "--results", tmp.resolve(name).toString(),
                "--", "-f", "1");
    }

    private static Path archiveDir(Path cache) throws Exception {
        try (Stream<Path> dirs = Files.list(cache.resolve("ipcbench").resolve("cds"))) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), "one class path, one JDK: " + all);
            return all.get(0);
        }
    }

    /** One cache through four runs: made, used, made again when not private, a corrupt one of ours used harmlessly. */
    @Test
    void madeByTheFirstRunUsedByTheNextNeverUsedUnlessPrivateAndHarmlessWhenCorrupt() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Script.Outcome first = run(cache, "first");
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        assertTrue(first.stdout().contains("class-data-sharing archives made by this run"), first.stdout());
        Path dir = archiveDir(cache);
        for (String name : List.of("fork.jsa", "child.jsa")) {
            Path archive = dir.resolve(name);
            assertTrue(Files.isRegularFile(archive) && Files.size(archive) > 0, name);
            assertTrue(Files.notExists(dir.resolve(name + ".making")), name + ".making is gone");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));

        Script.Outcome second = run(cache, "second");
        assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
        assertTrue(second.stdout().contains("class-data-sharing archives used"), second.stdout());
        String runJson = Files.readString(tmp.resolve("second").resolve("run.json"));
        assertTrue(runJson.contains("-XX:SharedArchiveFile=" + dir.resolve("fork.jsa")), runJson);
        assertTrue(runJson.contains("-XX:SharedArchiveFile=" + dir.resolve("child.jsa")), runJson);

        Path child = dir.resolve("child.jsa");
        Files.setPosixFilePermissions(child, PosixFilePermissions.fromString("rw-rw-rw-"));
        Script.Outcome writable = run(cache, "writable");
        assertEquals(0, writable.exitCode(), writable.stdout() + writable.stderr());
        assertTrue(writable.stdout().contains("made by this run"), "a world-writable archive is not used: "
                + writable.stdout());
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(child)),
                "made again by the JVM");

        Files.delete(child);
        Files.write(child, new byte[4096], java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(child, PosixFilePermissions.fromString("r--------"));
        Script.Outcome corrupt = run(cache, "corrupt");
        assertEquals(0, corrupt.exitCode(), "verified pipe echoes despite a corrupt archive: " + corrupt.stdout()
                + corrupt.stderr());
        assertTrue(corrupt.stdout().contains("class-data-sharing archives used"), corrupt.stdout());
    }
}
