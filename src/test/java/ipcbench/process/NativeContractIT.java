package ipcbench.process;

import ipcbench.mechanism.Payload;
import ipcbench.mechanism.PeerToken;
import ipcbench.mechanism.Trial;
import ipcbench.mechanism.datagram.DatagramContract;
import ipcbench.mechanism.memory.MemoryContract;
import ipcbench.mechanism.stream.StreamContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The C/Java contract kept by a test instead of by hand: the real compiled peer's {@code ipcpeer layout} lines
 * (every constant the C ends copy, and sizes, offsets, payload bytes and queue keys derived from them) equal the Java
 * side's values, name for name: a changed value, a name the C side lacks or one it has extra all fail. The Java
 * values come from the classes that use them (SharedRegion, Agrona's descriptors, the mechanisms, Payload) and from
 * regions SharedRegion really maps, never from a copy in this test.
 */
class NativeContractIT {
    /** Seeds whose 32 payload bytes the peer prints: together they exercise SplittableRandom's gamma and mixers. */
    private static final long[] SEEDS = {0, 1, -1, 42, Long.MIN_VALUE, 0x0123456789abcdefL};
    private static final int PAYLOAD_BYTES = 32;
    private static final long LAYOUT_TIMEOUT_S = 10;

    @TempDir
    Path dir;

    @Test
    void everyConstantThePeerCopiesEqualsTheJavaSide() throws Exception {
        NativePeer peer = NativePeer.here();
        assumeTrue(peer.availability().available(), () -> "no native peer here: " + peer.availability().reason());
        Map<String, String> actual = layout(peer.binary());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("peer.token_bytes", String.valueOf(PeerToken.BYTES));
        expected.put("peer.max_payload_bytes", String.valueOf(Trial.MAX_PAYLOAD_BYTES));
        expected.put("peer.parent_poll_ms", String.valueOf(EchoServerMain.PARENT_POLL_MS));
        expected.put("peer.exit_failed", String.valueOf(EchoServerMain.EXIT_FAILED));
        expected.put("peer.exit_bad_args", String.valueOf(EchoServerMain.EXIT_BAD_ARGS));
        expected.put("peer.exit_parent_gone", String.valueOf(EchoServerMain.EXIT_PARENT_GONE));
        expected.put("peer.control_socket", EchoServerProcess.CONTROL_SOCKET);
        expected.put("peer.samples_magic", new String(NativePair.SAMPLES_MAGIC, StandardCharsets.US_ASCII));
        expected.put("peer.line_token", EchoServerProcess.TOKEN);
        expected.put("peer.line_ready", EchoServerProcess.READY);
        expected.put("peer.line_failed", EchoServerProcess.FAILED);
        expected.put("peer.line_cost_query", EchoServerProcess.COST_QUERY);
        expected.put("peer.line_cost_reply", EchoServerProcess.COST_REPLY);
        for (long seed : SEEDS) {
            ByteBuffer payload = Payload.allocate(PAYLOAD_BYTES, seed);
            byte[] bytes = new byte[PAYLOAD_BYTES];
            payload.get(0, bytes);
            expected.put("peer.payload." + seed, HexFormat.of().formatHex(bytes));
        }
        expected.putAll(StreamContract.expected());
        expected.putAll(DatagramContract.expected());
        expected.putAll(MemoryContract.expected(dir));

        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> line : expected.entrySet()) {
            String got = actual.get(line.getKey());
            if (got == null) {
                differences.add(line.getKey() + ": missing from the peer (Java has " + line.getValue() + ")");
            } else if (!got.equals(line.getValue())) {
                differences.add(line.getKey() + ": the peer has " + got + ", Java has " + line.getValue());
            }
        }
        for (String name : actual.keySet()) {
            if (!expected.containsKey(name)) {
                differences.add(name + ": printed by the peer, unknown to the Java side");
            }
        }
        assertEquals(List.of(), differences, "ipcpeer layout against the Java side");
        assertTrue(expected.size() > 100, "the contract covers the layout: " + expected.size() + " names");
    }

    /** The cache key (NativePeer.hash over NativePeer.sources) covers every C file of the tree, the shared ones too. */
    @Test
    void theCacheKeyCoversEveryCSource() throws IOException {
        Set<String> tree = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/c"))) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".c") || name.endsWith(".h")).forEach(tree::add);
        }
        assertTrue(tree.contains("peer_io.c") && tree.contains("peer_io.h"), tree.toString());
        assertEquals(tree, NativePeer.sources().keySet());
    }

    /** The peer's layout lines, every name once. */
    private static Map<String, String> layout(Path binary) throws IOException, InterruptedException {
        Process layout = new ProcessBuilder(binary.toString(), "layout")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        layout.getOutputStream().close();
        String out = new String(layout.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        assertTrue(layout.waitFor(LAYOUT_TIMEOUT_S, TimeUnit.SECONDS), "ipcpeer layout finishes");
        assertEquals(0, layout.exitValue(), "ipcpeer layout's exit code");
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "a name=value line: '" + line + "'");
            String earlier = lines.put(line.substring(0, eq), line.substring(eq + 1));
            assertEquals(null, earlier, "printed once: " + line.substring(0, eq));
        }
        return lines;
    }
}
