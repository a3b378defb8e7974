package ipcbench.gate;

import ipcbench.results.Fuzz;
import ipcbench.sides.GateRecord;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gate's readers of a gate directory that may come from someone else ({@code gate --judge}, {@code --replay}):
 * pairs.csv, and gate.json together with the lines {@code gate.md} opens with, which are made from it. Each holds
 * {@link Fuzz}'s property for random bytes, hostile cells and mutations of a valid file.
 */
class GateFilesFuzzTest {
    private static final byte[] PAIRS = Fuzz.lines(PairsCsv.HEADER,
            "1,base-first,pipe,64,cross,block,jvm-jvm,p50,ns,1000.0,1100.0,2026-12-04T10:00:00Z,2026-12-04T10:00:05Z",
            "1,head-first,pipe,64,cross,block,jvm-jvm,throughput,bytes_per_s,5.0E7,4.9E7,2026-12-04T10:01:00Z,"
                    + "2026-12-04T10:00:55Z");

    private record Target(String fileName, Fuzz.Reader reader, byte[] valid) {
    }

    private static List<Target> targets() throws IOException {
        return List.of(new Target("pairs.csv", PairsCsv::read, PAIRS),
                new Target(GateRecord.FILE, file -> GateRecord.read(file.getParent()).context(), validGateJson()));
    }

    /** A gate.json as a gate writes it. */
    private static byte[] validGateJson() throws IOException {
        GateRecord.Side base = new GateRecord.Side("HEAD~1", "commit", "0123456789abcdef0123456789abcdef01234567",
                false, "/tmp/base.jar", "ab".repeat(32));
        GateRecord.Side head = new GateRecord.Side("target/benchmarks.jar", "jar", null, false, "/tmp/head.jar",
                "cd".repeat(32));
        GateRecord record = new GateRecord("2026-12-04T10:00:00Z", "2026-12-04T11:00:00Z", 42L, 12, base, head,
                new GateRecord.Options(List.of("pipe", "tcp"), List.of(64, 65536), "cross", "block", "latency",
                        "standard"),
                "x86_64, 2 CPUs",
                List.of(new GateRecord.Fork(1, "pipe", 64, "cross", "block", "base", true, "2026-12-04T10:00:00Z", 0,
                        "run-1")),
                List.of("a fork of head exited 1"));
        Path dir = Fuzz.directory();
        try {
            record.write(dir);
            return Files.readAllBytes(dir.resolve(GateRecord.FILE));
        } finally {
            Fuzz.delete(dir);
        }
    }

    @Property(tries = 200)
    void randomBytesReadOrFailInOneLine(@ForAll("bytes") byte[] bytes) throws IOException {
        check(target -> bytes);
    }

    @Property(tries = 200)
    void validFilesWithHostileCellsReadOrFailInOneLine(@ForAll("cells") List<String> cells) throws IOException {
        check(target -> Fuzz.withCells(target.valid(), cells));
    }

    @Property(tries = 200)
    void mutatedFilesReadOrFailInOneLine(@ForAll("mutations") List<UnaryOperator<byte[]>> mutations)
            throws IOException {
        check(target -> Fuzz.mutate(target.valid(), mutations));
    }

    private interface Content {
        byte[] of(Target target);
    }

    private static void check(Content content) throws IOException {
        Path dir = Fuzz.directory();
        try {
            for (Target target : targets()) {
                Fuzz.readsOrSaysWhy(dir.resolve(target.fileName()), content.of(target), target.reader());
            }
        } finally {
            Fuzz.delete(dir);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Fuzz.bytes();
    }

    @Provide
    Arbitrary<List<String>> cells() {
        return Fuzz.cells();
    }

    @Provide
    Arbitrary<List<UnaryOperator<byte[]>>> mutations() {
        return Fuzz.mutations();
    }
}
