package ipcbench.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The C peer's ring reader against record lengths the other process could write: the real
 * {@code peer_memory.c}, compiled into a small harness, peeks a ring whose head record claims each length. A
 * length shorter than the record header (1-7), one running past the ring's end, and one above the record limit are
 * refused with a reason (a length of 1-7 used to become a negative copy size); a well-formed record reads.
 */
class NativeRingRecordIT {
    private static final String HARNESS = """
            #include "peer_memory.c"
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            int main(int argc, char **argv)
            {
                static _Alignas(128) unsigned char buf[(64 << 10) + TRAILER_BYTES];
                struct ring ring;
                ring_init(&ring, buf, 64 << 10);
                for (int i = 1; i < argc; i++) {
                    memset(buf, 0, sizeof buf);
                    int32_t claimed = (int32_t)strtol(argv[i], NULL, 10);
                    atomic_store(A32(buf + 4), TYPE_MESSAGE);
                    atomic_store(A32(buf), claimed);
                    int32_t type = 0, length = 0;
                    int64_t index = 0;
                    int peeked = ring_peek(&ring, &type, &index, &length);
                    printf("%d %d %d %s\\n", claimed, peeked, length, peeked < 0 ? peer_reason() : "read");
                }
                return 0;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void impossibleRecordLengthsAreRefusedNotCopied() throws Exception {
        String path = System.getenv("PATH");
        Path cc = NativePeer.findOnPath("cc", path);
        assumeTrue(cc != null, "no cc on PATH here");
        List<String> link = new ArrayList<>(List.of(cc.toString()));
        link.addAll(NativePeer.CFLAGS);
        link.addAll(List.of("-o", "ringcheck", "ringcheck.c", "ipcpeer.o"));
        for (Map.Entry<String, byte[]> source : NativePeer.sources().entrySet()) {
            Files.write(dir.resolve(source.getKey()), source.getValue());
            String name = source.getKey();
            if (name.endsWith(".c") && !name.equals("ipcpeer.c") && !name.equals("peer_memory.c")) {
                link.add(name);
            }
        }
        link.add("-lrt");
        Files.writeString(dir.resolve("ringcheck.c"), HARNESS);
        List<String> object = new ArrayList<>(List.of(cc.toString()));
        object.addAll(NativePeer.CFLAGS);
        object.addAll(List.of("-Dmain=ipcpeer_main", "-c", "-o", "ipcpeer.o", "ipcpeer.c"));
        assertEquals("", run(object), "ipcpeer.c compiles without warnings");
        assertEquals("", run(link), "the harness and peer_memory.c compile without warnings");

        String out = run(List.of(dir.resolve("ringcheck").toString(), "1", "7", "16", "65536", "2147483647",
                Integer.toString(8 + 8192 + 8)));
        List<String> lines = out.lines().toList();
        assertEquals(6, lines.size(), out);
        for (String refused : List.of(lines.get(0), lines.get(1), lines.get(3), lines.get(4), lines.get(5))) {
            assertTrue(refused.split(" ")[1].equals("-1") && refused.contains("the region is corrupt"), out);
        }
        assertTrue(lines.get(0).contains("cannot be a record"), out);
        assertEquals("16 1 8 read", lines.get(2), out);
    }

    /** The command's combined output once it exits 0 (a failure fails the test). */
    private String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + ": " + text);
        return text;
    }
}
