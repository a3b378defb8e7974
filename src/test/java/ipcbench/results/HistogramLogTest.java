package ipcbench.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded .hlog reader (issue 19, bounded readers): reads back exactly what ipcbench writes, and refuses a link
 * and an overlong line with one line naming the file.
 */
class HistogramLogTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatTheRunWrites() throws IOException {
        Path log = dir.resolve("pipe_64_cross_block.hlog");
        Histogram first = interval(1_700_000_000_000L, 1_000, 3_000);
        Histogram second = interval(1_700_000_001_000L, 2_000, 9_000_000_000L);
        try (HistogramFiles.IntervalLog out = new HistogramFiles.IntervalLog(log, "test", 1_700_000_000_000L)) {
            out.append(first);
            out.append(second);
        }
        List<Histogram> read = HistogramLog.intervals(log);
        assertEquals(List.of(first, second), read, "counts equal value by value");
        assertEquals(1_700_000_001_000L, read.get(1).getStartTimeStamp());
        assertEquals(1_700_000_001_500L, read.get(1).getEndTimeStamp());
        assertEquals("fork-1", read.get(1).getTag());
        Histogram total = HistogramLog.total(log);
        assertEquals(4, total.getTotalCount());
        assertEquals(second.getMaxValue(), total.getMaxValue());
    }

    @Test
    void anOverlongLineIsRefusedWithTheLimit() throws IOException {
        Path log = Files.writeString(dir.resolve("x.hlog"), "#" + "a".repeat(HistogramLog.MAX_LINE_CHARS) + "\n");
        IOException e = assertThrows(IOException.class, () -> HistogramLog.total(log));
        assertEquals(log + ": line 1 is longer than the limit of " + HistogramLog.MAX_LINE_CHARS + " characters",
                e.getMessage());
    }

    @Test
    void aLinkIsNotReadThrough() throws IOException {
        Path target = Files.writeString(dir.resolve("elsewhere.hlog"), "#nothing\n");
        Path log = Files.createSymbolicLink(dir.resolve("x.hlog"), target);
        IOException e = assertThrows(IOException.class, () -> HistogramLog.total(log));
        assertTrue(e.getMessage().startsWith(log + ": a symbolic link"), e.getMessage());
    }

    private static Histogram interval(long startMs, long a, long b) {
        Histogram interval = new Histogram(10_000_000_000L, HistogramFiles.SIGNIFICANT_DIGITS);
        interval.recordValue(a);
        interval.recordValue(b);
        interval.setStartTimeStamp(startMs);
        interval.setEndTimeStamp(startMs + 500);
        interval.setTag("fork-1");
        return interval;
    }
}
