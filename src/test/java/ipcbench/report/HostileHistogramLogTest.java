package ipcbench.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, finding "a tiny .hlog line can make the reader allocate tens of MB, and every interval is kept" (bounded
 * readers): a run from someone else whose histogram log declares a precision or range ipcbench never writes, or has
 * a corrupt interval, stops plot and report with one line naming the log. Before, HdrHistogram's reader decoded
 * whatever a line declared (5 digits up to an hour: a 27 MB counts array per line) and ended silently at a corrupt
 * line, drawing what it had read so far.
 */
class HostileHistogramLogTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    @Test
    void aLogDeclaringMorePrecisionThanOursIsRefusedBeforeDecoding() throws Exception {
        assertRefused(HostileHistogramLogTest::writeFiveDigitLog, "keeps 5 digits");
    }

    @Test
    void aLogDeclaringARangeBeyondADayIsRefused() throws Exception {
        Histogram wide = new Histogram(1, TimeUnit.DAYS.toNanos(400), 3);
        wide.recordValue(10_000);
        assertRefused(log -> writeLog(log, wide), "highest trackable value");
    }

    @Test
    void aCorruptIntervalAfterAGoodOneIsNamedNotTakenForTheEnd() throws Exception {
        Histogram good = new Histogram(1, TimeUnit.SECONDS.toNanos(10), 3);
        good.recordValue(10_000);
        assertRefused(log -> {
            writeLog(log, good);
            ByteBuffer garbage = ByteBuffer.allocate(64).putInt(0x1c849314).putInt(56);
            Files.writeString(log, "1.000,1.000,0.010," + Base64.getEncoder().encodeToString(garbage.array()) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }, "line 6");
    }

    private interface Plant {
        void into(Path log) throws IOException;
    }

    private void assertRefused(Plant plant, String reason) throws Exception {
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Path log = firstLog(run);
        plant.into(log);
        ReportException e = assertThrows(ReportException.class, () -> Plots.draw(run, tmp.resolve("plots")));
        assertTrue(e.getMessage().startsWith(log.toString()) && e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** The first histogram log of a fixture run. */
    static Path firstLog(Path run) throws IOException {
        try (Stream<Path> logs = Files.list(run.resolve("latency"))) {
            return logs.filter(p -> p.toString().endsWith(".hlog")).sorted().findFirst().orElseThrow();
        }
    }

    /** A log of one interval keeping 5 significant digits up to an hour: 27 MB of counts once decoded. */
    static void writeFiveDigitLog(Path log) throws IOException {
        Histogram fine = new Histogram(1, TimeUnit.HOURS.toNanos(1), 5);
        fine.recordValue(10_000);
        writeLog(log, fine);
    }

    /** The log as HdrHistogram's writer makes it: header lines, then the one interval. */
    private static void writeLog(Path log, Histogram interval) throws IOException {
        interval.setStartTimeStamp(1_700_000_000_000L);
        interval.setEndTimeStamp(1_700_000_001_000L);
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("planted");
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_700_000_000_000L);
            writer.outputLegend();
            writer.outputIntervalHistogram(interval);
        }
    }
}
