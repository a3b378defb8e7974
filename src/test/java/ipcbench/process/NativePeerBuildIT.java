package ipcbench.process;

import ipcbench.os.LibC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Building the native peer: without cc it is unavailable with the reason; with cc, concurrent builds into one fresh
 * cache all end with one working binary under the sources' hash, and a later build reuses it; a cached binary that
 * cannot prove it is this user's own build (tampered, group-writable, another user's) is rebuilt, never run.
 */
class NativePeerBuildIT {
    @TempDir
    Path home;

    @Test
    void withoutCcTheReasonSaysSo() {
        NativePeer peer = NativePeer.build(cache(), home.resolve("no-bin").toString());
        assertFalse(peer.availability().available());
        assertEquals("no C compiler (cc) on PATH: install gcc", peer.availability().reason());
        assertEquals(peer.availability(), peer.availability("pipe"));
        assertFalse(Files.exists(cache()), "nothing built or created");
    }

    @Test
    void concurrentBuildsShareOneCachedBinary() throws Exception {
        String path = System.getenv("PATH");
        assumeTrue(NativePeer.findOnPath("cc", path) != null, "no cc on PATH here");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<NativePeer>> builds = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                builds.add(pool.submit(() -> NativePeer.build(cache(), path)));
            }
            Path binary = null;
            for (Future<NativePeer> build : builds) {
                NativePeer peer = build.get();
                assertTrue(peer.availability().available(), peer.availability().reason());
                assertTrue(peer.mechanisms().contains("pipe"), peer.mechanisms().toString());
                binary = binary == null ? peer.binary() : binary;
                assertEquals(binary, peer.binary());
            }
            assertEquals(cache().resolve(NativePeer.hash(NativePeer.sources())).resolve("ipcpeer"), binary);
            try (var entries = Files.list(binary.getParent())) {
                assertEquals(List.of(binary, binary.resolveSibling("ipcpeer.sha256")), entries.sorted().toList(),
                        "no build directory or log left beside it");
            }
            try (var entries = Files.list(cache())) {
                assertEquals(List.of(binary.getParent()), entries.toList(), "no build directory or log left");
            }
            FileTime built = Files.getLastModifiedTime(binary);
            NativePeer again = NativePeer.build(cache(), path);
            assertEquals(binary, again.binary());
            assertEquals(built, Files.getLastModifiedTime(binary), "the cached binary is reused, not rebuilt");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 19's finding "compiled with -O2 and no warning or hardening flags": the binary itself shows the hardening,
     * not just the flag list. -fstack-protector-strong puts canaries in (calls to __stack_chk_fail) and
     * -D_FORTIFY_SOURCE=2 turns size-known copies and reads into their checked forms (__*_chk).
     */
    @Test
    void theBinaryIsBuiltHardened() throws Exception {
        String path = System.getenv("PATH");
        NativePeer peer = NativePeer.build(cache(), path);
        assumeTrue(peer.availability().available(), "no native peer here: " + peer.availability().reason());
        String image = new String(Files.readAllBytes(peer.binary()), StandardCharsets.ISO_8859_1);
        assertTrue(image.contains("__stack_chk_fail"), "stack protector canaries");
        assertTrue(image.matches("(?s).*__[a-z]+_chk\\b.*"), "fortified calls (__memcpy_chk, __read_chk, ...)");
    }

    @Test
    void aCachedBinaryThatCannotProveItselfIsRebuiltNeverRun() throws Exception {
        String path = System.getenv("PATH");
        assumeTrue(NativePeer.findOnPath("cc", path) != null, "no cc on PATH here");
        Path binary = NativePeer.build(cache(), path).binary();
        Path digest = binary.resolveSibling("ipcpeer.sha256");
        Path ran = home.resolve("ran");
        String impostor = "#!/bin/sh\necho pipe\ntouch " + ran + "\n";

        Files.writeString(binary, impostor);
        assertRebuiltNotRun(binary, ran, "a binary whose SHA-256 is not the recorded one");

        Files.writeString(binary, impostor);
        Files.writeString(digest, NativePeer.sha256(impostor.getBytes(StandardCharsets.UTF_8)) + "\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxrwx---"));
        assertRebuiltNotRun(binary, ran, "a group-writable binary");

        if (LibC.INSTANCE.geteuid() == 0) {
            Files.writeString(binary, impostor);
            Files.writeString(digest, NativePeer.sha256(impostor.getBytes(StandardCharsets.UTF_8)) + "\n");
            Files.setOwner(binary, binary.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534"));
            assertRebuiltNotRun(binary, ran, "another user's binary");
        }

        Path given = Files.writeString(home.resolve("given"), impostor);
        Files.setPosixFilePermissions(given, PosixFilePermissions.fromString("rwx------"));
        NativePeer refused = NativePeer.ofBinary(given);
        assertFalse(refused.availability().available(), "a binary without its build's SHA-256 is refused");
        assertFalse(Files.exists(ran), "and never run");
    }

    private void assertRebuiltNotRun(Path binary, Path ran, String what) throws Exception {
        NativePeer peer = NativePeer.build(cache(), System.getenv("PATH"));
        assertFalse(Files.exists(ran), what + " was run");
        assertTrue(peer.availability().available(), what + ": " + peer.availability().reason());
        assertEquals(binary, peer.binary());
        assertTrue(Files.size(binary) > 1000 && !Files.readString(binary, StandardCharsets.ISO_8859_1).startsWith("#!"),
                what + " was rebuilt");
    }

    /** The build cache, inside the test's private home. */
    private Path cache() {
        return home.resolve("target/native");
    }
}
