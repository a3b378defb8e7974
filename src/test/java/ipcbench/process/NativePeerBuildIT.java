package ipcbench.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * home all end with one working binary under the sources' hash, and a later build reuses it.
 */
class NativePeerBuildIT {
    @TempDir
    Path home;

    @Test
    void withoutCcTheReasonSaysSo() {
        NativePeer peer = NativePeer.build(home, home.resolve("no-bin").toString());
        assertFalse(peer.availability().available());
        assertEquals("no C compiler (cc) on PATH: install gcc", peer.availability().reason());
        assertEquals(peer.availability(), peer.availability("pipe"));
        assertFalse(Files.exists(home.resolve("target")), "nothing built or created");
    }

    @Test
    void concurrentBuildsShareOneCachedBinary() throws Exception {
        String path = System.getenv("PATH");
        assumeTrue(NativePeer.findOnPath("cc", path) != null, "no cc on PATH here");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<NativePeer>> builds = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                builds.add(pool.submit(() -> NativePeer.build(home, path)));
            }
            Path binary = null;
            for (Future<NativePeer> build : builds) {
                NativePeer peer = build.get();
                assertTrue(peer.availability().available(), peer.availability().reason());
                assertTrue(peer.mechanisms().contains("pipe"), peer.mechanisms().toString());
                binary = binary == null ? peer.binary() : binary;
                assertEquals(binary, peer.binary());
            }
            assertEquals(home.resolve("target/native").resolve(NativePeer.hash(NativePeer.sources()))
                    .resolve("ipcpeer"), binary);
            try (var entries = Files.list(binary.getParent())) {
                assertEquals(List.of(binary), entries.toList(), "no build directory or log left beside it");
            }
            FileTime built = Files.getLastModifiedTime(binary);
            NativePeer again = NativePeer.build(home, path);
            assertEquals(binary, again.binary());
            assertEquals(built, Files.getLastModifiedTime(binary), "the cached binary is reused, not rebuilt");
        } finally {
            pool.shutdownNow();
        }
    }
}
