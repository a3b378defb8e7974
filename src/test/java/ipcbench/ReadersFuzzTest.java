package ipcbench;

import ipcbench.gate.PairsCsv;
import ipcbench.results.AllocationRow;
import ipcbench.results.CostRow;
import ipcbench.results.ForkRow;
import ipcbench.results.Fuzz;
import ipcbench.results.HistogramLog;
import ipcbench.results.IterationRow;
import ipcbench.results.LatencyRow;
import ipcbench.results.LoadRow;
import ipcbench.results.RunInfo;
import ipcbench.results.ThroughputRow;
import ipcbench.sides.GateRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every reader of a file that may come from someone else holds {@link Fuzz}'s property (it reads, or fails with one
 * line naming the file; never another exception, never running out of memory) for random bytes, for valid files with
 * hostile values in their cells, and for mutated valid files. A run directory's files: the result CSVs (a load
 * trial's part file is a load.csv), run.json, a .hlog. A gate directory's ({@code gate --judge}, {@code --replay}): pairs.csv, and
 * gate.json together with the lines gate.md opens with, which are made from it.
 */
class ReadersFuzzTest {
    private static final String LOAD_ROW = "tcp,64,cross,block,jvm-jvm,1000.0,999.0,2400,30000,41000,90000,150000,2000000,0,"
            + "10%,10000.0,80000,95000,thread";

    private static List<Fuzz.Target> targets() throws IOException {
        return List.of(
                new Fuzz.Target("latency.csv", LatencyRow::read, Fuzz.reference("latency.csv")),
                new Fuzz.Target("throughput.csv", ThroughputRow::read, Fuzz.reference("throughput.csv")),
                new Fuzz.Target("forks.csv", ForkRow::read, Fuzz.reference("forks.csv")),
                new Fuzz.Target("iterations.csv", IterationRow::read, Fuzz.reference("iterations.csv")),
                new Fuzz.Target("cost.csv", CostRow::read, Fuzz.reference("cost.csv")),
                new Fuzz.Target("allocation.csv", AllocationRow::read, Fuzz.lines(AllocationRow.header(),
                        "pipe,64,cross,block,jvm-jvm,roundTrip,1,0.0",
                        "grpc,65536,cross,block,jvm-jvm,streaming,64,1024.5")),
                new Fuzz.Target("load.csv", LoadRow::read, Fuzz.lines(LoadRow.header(), LOAD_ROW)),
                new Fuzz.Target("run.json", RunInfo::read, Fuzz.reference("run.json")),
                new Fuzz.Target("pipe_64_cross_block.hlog", HistogramLog::intervals,
                        Fuzz.reference("latency/eventfd_64_cross_block.hlog")),
                new Fuzz.Target("pairs.csv", PairsCsv::read, Fuzz.lines(PairsCsv.header(),
                        "pipe,64,cross,block,jvm-jvm,1,base-first,p50,ns,1000.0,1100.0,2026-12-04T10:00:00Z,"
                                + "2026-12-04T10:00:05Z",
                        "pipe,64,cross,block,jvm-jvm,1,head-first,throughput,bytes_per_s,5.0E7,4.9E7,"
                                + "2026-12-04T10:01:00Z,2026-12-04T10:00:55Z")),
                new Fuzz.Target(GateRecord.FILE, file -> GateRecord.read(file.getParent()).context(),
                        validGateJson()));
    }

    /** A gate.json as a gate writes it. */
    private static byte[] validGateJson() throws IOException {
        GateRecord.Side base = new GateRecord.Side("HEAD~1", "commit", "0123456789abcdef0123456789abcdef01234567",
                false, "/tmp/base.jar", "ab".repeat(32));
        GateRecord.Side head = new GateRecord.Side("target/benchmarks.jar", "jar", null, false, "/tmp/head.jar",
                "cd".repeat(32));
        GateRecord record = new GateRecord("2026-12-04T10:00:00Z", "2026-12-04T11:00:00Z", 42L, 12, base, head,
                new GateRecord.Options(List.of("pipe", "tcp"), List.of(64, 65536), "cross", "block", "latency",
                        "standard", List.of("shm")),
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
    void randomBytesReadOrFailInOneLine(@ForAll(supplier = Fuzz.Bytes.class) byte[] bytes) throws IOException {
        Fuzz.check(targets(), target -> bytes);
    }

    @Property(tries = 200)
    void validFilesWithHostileCellsReadOrFailInOneLine(@ForAll(supplier = Fuzz.Cells.class) List<String> cells)
            throws IOException {
        Fuzz.check(targets(), target -> Fuzz.withCells(target.valid(), cells));
    }

    @Property(tries = 200)
    void mutatedFilesReadOrFailInOneLine(
            @ForAll(supplier = Fuzz.Mutations.class) List<UnaryOperator<byte[]>> mutations) throws IOException {
        Fuzz.check(targets(), target -> Fuzz.mutate(target.valid(), mutations));
    }
}
