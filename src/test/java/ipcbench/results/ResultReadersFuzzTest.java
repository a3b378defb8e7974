package ipcbench.results;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every reader of a run directory's files (the result CSVs, a load trial's part file, run.json, a .hlog) holds
 * {@link Fuzz}'s property for random bytes, for valid files with hostile values in their cells, and for mutations of a valid
 * file: it reads, or fails with one line
 * naming the file, never with another exception or by running out of memory.
 */
class ResultReadersFuzzTest {
    private record Target(String fileName, Fuzz.Reader reader, byte[] valid) {
    }

    private static List<Target> targets() throws IOException {
        return List.of(
                new Target("latency.csv", LatencyRow::read, Fuzz.reference("latency.csv")),
                new Target("throughput.csv", ThroughputRow::read, Fuzz.reference("throughput.csv")),
                new Target("forks.csv", ForkRow::read, Fuzz.reference("forks.csv")),
                new Target("iterations.csv", IterationRow::read, Fuzz.reference("iterations.csv")),
                new Target("cost.csv", CostRow::read, Fuzz.reference("cost.csv")),
                new Target("allocation.csv", AllocationRow::read, Fuzz.lines(AllocationRow.HEADER,
                        "pipe,64,cross,roundTrip,1,0.0,jvm-jvm", "grpc,65536,cross,streaming,64,1024.5,jvm-jvm")),
                new Target("load.csv", LoadRow::read, Fuzz.lines(LoadRow.HEADER,
                        "tcp,64,cross,block,1000.0,999.0,2400,30000,41000,90000,150000,2000000,0,10%,10000.0,80000,"
                                + "95000,thread")),
                new Target("tcp_64_cross.csv.part", LoadRow::readPart, Fuzz.lines("",
                        "tcp,64,cross,block,1000.0,999.0,2400,30000,41000,90000,150000,2000000,0,10%,10000.0,80000,"
                                + "95000,thread")),
                new Target("run.json", RunInfo::read, Fuzz.reference("run.json")),
                new Target("pipe_64_cross_block.hlog", HistogramFiles::readIntervals,
                        Fuzz.reference("latency/eventfd_64_cross_block.hlog")));
    }

    @Property(tries = 200)
    void randomBytesReadOrFailInOneLine(@ForAll("bytes") byte[] bytes) throws IOException {
        Path dir = Fuzz.directory();
        try {
            for (Target target : targets()) {
                Fuzz.readsOrSaysWhy(dir.resolve(target.fileName()), bytes, target.reader());
            }
        } finally {
            Fuzz.delete(dir);
        }
    }

    @Property(tries = 200)
    void mutatedFilesReadOrFailInOneLine(@ForAll("mutations") List<UnaryOperator<byte[]>> mutations)
            throws IOException {
        Path dir = Fuzz.directory();
        try {
            for (Target target : targets()) {
                Fuzz.readsOrSaysWhy(dir.resolve(target.fileName()), Fuzz.mutate(target.valid(), mutations),
                        target.reader());
            }
        } finally {
            Fuzz.delete(dir);
        }
    }

    @Property(tries = 200)
    void validFilesWithHostileCellsReadOrFailInOneLine(@ForAll("cells") List<String> cells) throws IOException {
        Path dir = Fuzz.directory();
        try {
            for (Target target : targets()) {
                Fuzz.readsOrSaysWhy(dir.resolve(target.fileName()), Fuzz.withCells(target.valid(), cells),
                        target.reader());
            }
        } finally {
            Fuzz.delete(dir);
        }
    }

    @Provide
    Arbitrary<List<String>> cells() {
        return Fuzz.cells();
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Fuzz.bytes();
    }

    @Provide
    Arbitrary<List<UnaryOperator<byte[]>>> mutations() {
        return Fuzz.mutations();
    }
}
