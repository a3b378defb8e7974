package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Trial;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pair's samples file (ipcpeer.h) read into one histogram per measurement iteration; damage is refused. */
class NativeSamplesTest {
    @TempDir
    Path dir;

    private Trial trial() {
        return new Trial("pipe", Exchange.LATENCY, 64, 16, false, 1, dir, -1);
    }

    @Test
    void everyIterationBecomesOneStampedInterval() throws IOException {
        Path file = write(samples(new long[][] {{1_700_000_000_000L, 1_700_000_000_400L, 1000, 2000, 3000},
                {1_700_000_000_400L, 1_700_000_000_800L, 5000}}));
        List<Histogram> intervals = NativePair.readSamples(file, trial());
        assertEquals(2, intervals.size());
        assertEquals(3, intervals.get(0).getTotalCount());
        assertEquals(2000, intervals.get(0).getValueAtPercentile(50), 2);
        assertEquals(1_700_000_000_000L, intervals.get(0).getStartTimeStamp());
        assertEquals(1_700_000_000_400L, intervals.get(0).getEndTimeStamp());
        assertEquals(1, intervals.get(1).getTotalCount());
        assertEquals(5000, intervals.get(1).getMaxValue(), 5);
    }

    @Test
    void damagedFilesAreRefused() throws IOException {
        byte[] good = samples(new long[][] {{1_700_000_000_000L, 1_700_000_000_400L, 1000, 2000}});
        Path truncated = write(Arrays.copyOf(good, good.length - 3));
        assertThrows(IOException.class, () -> NativePair.readSamples(truncated, trial()));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';
        Path magic = write(wrongMagic);
        IOException e = assertThrows(IOException.class, () -> NativePair.readSamples(magic, trial()));
        assertTrue(e.getMessage().contains("not an ipcpeer samples file"), e.getMessage());
        Path negative = write(samples(new long[][] {{1_700_000_000_000L, 1_700_000_000_400L, -5}}));
        assertThrows(IOException.class, () -> NativePair.readSamples(negative, trial()));
    }

    /** Each row: start ms, end ms, then the latencies. */
    private static byte[] samples(long[][] iterations) {
        int longs = 0;
        for (long[] iteration : iterations) {
            longs += iteration.length + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 + 8 * longs).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(NativePair.SAMPLES_MAGIC);
        for (long[] iteration : iterations) {
            buffer.putLong(iteration[0]).putLong(iteration[1]).putLong(iteration.length - 2);
            for (int i = 2; i < iteration.length; i++) {
                buffer.putLong(iteration[i]);
            }
        }
        return buffer.array();
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "samples", ".bin");
        Files.write(file, bytes);
        return file;
    }
}
