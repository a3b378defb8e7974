package ipcbench.sides;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a side may be, checked against a real git repository in a temporary directory (nothing is built here). */
class SideBuildsTest {
    @TempDir
    Path dir;
    private Path repo;

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectory(dir.resolve("repo"));
        git("init", "-q");
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        git("add", "pom.xml");
        git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "one");
    }

    @Test
    void aRevisionResolvesToItsCommit() throws Exception {
        SideBuilds.Source source = SideBuilds.resolve("base", "HEAD", repo, false);
        assertEquals(SideJar.Kind.REVISION, source.kind());
        assertEquals(git("rev-parse", "HEAD"), source.commit());
        assertFalse(source.dirty());
    }

    @Test
    void anUnknownRevisionIsBadInput() {
        SideException e = assertThrows(SideException.class, () -> SideBuilds.resolve("base", "no-such", repo, false));
        assertTrue(e.badInput());
        assertTrue(e.getMessage().startsWith("--base 'no-such' is neither a revision"), e.getMessage());
        assertTrue(assertThrows(SideException.class, () -> SideBuilds.resolve("head", "--all", repo, false))
                .badInput(), "an option-like revision never reaches git");
    }

    @Test
    void aDirtyCheckoutIsRefusedUnlessAskedFor() throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project><!-- changed --></project>\n");
        SideException e = assertThrows(SideException.class,
                () -> SideBuilds.resolve("head", repo.toString(), dir, false));
        assertTrue(e.badInput());
        assertTrue(e.getMessage().contains("uncommitted changes"), e.getMessage());
        SideBuilds.Source dirty = SideBuilds.resolve("head", repo.toString(), dir, true);
        assertEquals(SideJar.Kind.CHECKOUT, dirty.kind());
        assertTrue(dirty.dirty());
    }

    @Test
    void aCleanCheckoutIsItsCommit() throws Exception {
        SideBuilds.Source clean = SideBuilds.resolve("head", repo.toString(), dir, false);
        assertEquals(SideJar.Kind.CHECKOUT, clean.kind());
        assertEquals(git("rev-parse", "HEAD"), clean.commit());
        assertFalse(clean.dirty());
    }

    @Test
    void aJarMustBeABenchmarksJar() throws Exception {
        Path other = dir.resolve("other.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(other))) {
            jar.putNextEntry(new ZipEntry("x/Y.class"));
        }
        SideException e = assertThrows(SideException.class, () -> SideBuilds.resolve("head", other.toString(), repo,
                false));
        assertTrue(e.badInput() && e.getMessage().contains("not an ipcbench benchmarks jar"), e.getMessage());
        Path ours = dir.resolve("ours.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(ours))) {
            jar.putNextEntry(new ZipEntry("ipcbench/cli/Main.class"));
        }
        SideBuilds.Source source = SideBuilds.resolve("head", ours.toString(), repo, false);
        assertEquals(SideJar.Kind.JAR, source.kind());
        assertNull(source.commit());
        assertTrue(assertThrows(SideException.class, () -> SideBuilds.resolve("head",
                repo.resolve("pom.xml").toString(), repo, false)).badInput(), "a file that is not a jar");
    }

    @Test
    void onlyPrivateFilesOfThisUserCountAsOurs() throws Exception {
        Path mine = Files.createFile(dir.resolve("mine"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        assertTrue(SideBuilds.ours(mine));
        Path link = Files.createSymbolicLink(dir.resolve("link"), mine);
        assertFalse(SideBuilds.ours(link), "a link, even to our own file");
        Path shared = Files.createFile(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        assertFalse(SideBuilds.ours(shared), "group-writable");
        Path foreign = Files.createFile(dir.resolve("foreign"));
        assumeTrue(run(List.of("chown", "65534", foreign.toString())) == 0,
                "changing a file's owner needs root; the foreign-owner case is skipped");
        assertFalse(SideBuilds.ours(foreign), "owned by another user");
    }

    private String git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes()).strip();
        assertTrue(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0, out);
        return out;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
