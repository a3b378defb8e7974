package ipcbench.sides;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * gate.json from someone else, as the readers fuzz found it: a record without its lists, or with a side that has
 * neither a commit nor a jar hash (which the lines gate.md opens with need), fails with one line naming the file.
 */
class GateRecordTest {
    @TempDir
    Path dir;

    private static GateRecord.Side side(String commit, String sha256) {
        return new GateRecord.Side("HEAD", commit == null ? "jar" : "commit", commit, false, "/tmp/x.jar", sha256);
    }

    private GateRecord record(GateRecord.Side base) {
        return new GateRecord("2026-12-04T10:00:00Z", null, 1L, 2, base, side(null, "ab".repeat(32)),
                new GateRecord.Options(List.of("pipe"), List.of(64), "cross", "block", "latency", "standard", List.of()),
                "x86_64", List.of(), List.of());
    }

    @Test
    void aRecordReadsBackWithItsContext() throws IOException {
        record(side("0123456789abcdef", null)).write(dir);
        assertEquals("base = HEAD (commit 0123456789ab)", GateRecord.read(dir).context().get(1));
    }

    @Test
    void aRecordWithoutItsListsIsNamed() throws IOException {
        record(side("0123456789abcdef", null)).write(dir);
        Path file = dir.resolve(GateRecord.FILE);
        Files.writeString(file, Files.readString(file).replace("\"problems\": []", "\"problems\": null"));
        IOException e = assertThrows(IOException.class, () -> GateRecord.read(dir));
        assertEquals(file + ": not a gate record: forks and problems must be lists without null", e.getMessage());
    }

    @Test
    void aSideWithoutCommitOrHashIsNamed() throws IOException {
        record(side(null, "short")).write(dir);
        IOException e = assertThrows(IOException.class, () -> GateRecord.read(dir));
        assertEquals(dir.resolve(GateRecord.FILE)
                + ": not a gate record (a side has neither a commit nor a jar sha256)", e.getMessage());
    }
}
