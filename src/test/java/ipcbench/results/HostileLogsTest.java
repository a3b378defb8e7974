package ipcbench.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the readers fuzz found: a .hlog line HdrHistogram's reader cannot parse (which it either throws on or skips in
 * silence with the rest of the log), an interval that claims more precision (and so memory) than ours keep, and a
 * load part file that is not UTF-8 each fail with one line naming the file.
 */
class HostileLogsTest {
    @TempDir
    Path dir;

    @Test
    void anIntervalThatIsNotAHistogramIsNamed() throws IOException {
        Path hlog = Files.writeString(dir.resolve("pipe_64_cross_block.hlog"), "0.000,1.000,2.000,AAAA\n");
        IOException e = assertThrows(IOException.class, () -> HistogramLog.intervals(hlog));
        assertNamesTheFileInOneLine(hlog, e);
    }

    @Test
    void aBrokenIntervalLineIsNamedNotSkippedInSilenceWithTheRest() throws IOException {
        Path hlog = dir.resolve("pipe_64_cross_block.hlog");
        write(hlog, 3, new Histogram(1_000_000L, HistogramFiles.SIGNIFICANT_DIGITS));
        List<String> lines = new ArrayList<>(Files.readAllLines(hlog));
        int second = lines.size() - 2;
        lines.set(second, lines.get(second).replaceFirst(",[0-9.]+,", ",x,"));
        Files.write(hlog, lines);
        IOException e = assertThrows(IOException.class, () -> HistogramLog.intervals(hlog));
        assertNamesTheFileInOneLine(hlog, e);
        assertTrue(e.getMessage().contains("line " + (second + 1)), e.getMessage());
    }

    @Test
    void anIntervalWithMoreSignificantDigitsThanOursIsRefused() throws IOException {
        Path hlog = dir.resolve("pipe_64_cross_block.hlog");
        write(hlog, 1, new Histogram(1_000_000L, 5));
        IOException e = assertThrows(IOException.class, () -> HistogramLog.intervals(hlog));
        assertNamesTheFileInOneLine(hlog, e);
    }

    @Test
    void aLoadPartThatIsNotUtf8IsNamed() throws IOException {
        Path part = Files.write(dir.resolve("tcp_64_cross_block.csv.part"), new byte[] {'t', (byte) 0xff, '\n'});
        IOException e = assertThrows(IOException.class, () -> LoadRow.read(part));
        assertEquals(part + ": not UTF-8 at line 1", e.getMessage());
    }

    private static void assertNamesTheFileInOneLine(Path file, IOException e) {
        assertTrue(e.getMessage().startsWith(file.toString()) && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static void write(Path hlog, int intervals, Histogram histogram) throws IOException {
        histogram.recordValue(1000);
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(hlog, "test", 0)) {
            for (int i = 0; i < intervals; i++) {
                histogram.setStartTimeStamp(i * 1000L);
                histogram.setEndTimeStamp(i * 1000L + 1000);
                log.append(histogram);
            }
        }
    }
}
