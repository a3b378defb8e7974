package ipcbench.results;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a histogram log ({@code .hlog}, HdrHistogram's interval log format) that may come from someone else, bounded.
 * The file is read under {@link ResultFile}'s rules (regular, no link, at most {@link #MAX_BYTES}, UTF-8), a line at
 * a time, at most {@link #MAX_LINE_CHARS} long. Before an interval is decoded, its compressed header is inflated on
 * its own and checked against what ipcbench writes: {@link HistogramFiles#SIGNIFICANT_DIGITS} digits, lowest value 1,
 * highest trackable value at most {@link #MAX_HIGHEST_TRACKABLE_NS}; so no interval's counts array exceeds a few
 * hundred KiB, whatever a line declares. A line that is not an interval, a comment or the legend fails the read.
 * Every failure is an IOException of one line naming the file (and the line).
 * HdrHistogram's own HistogramLogReader is not used: it reads unbounded tokens, follows links, decodes whatever
 * range and precision a line declares, and ends silently at a corrupt line as if the log ended there.
 */
public final class HistogramLog {
    /** A log's size limit: a full run's largest is well under 1 MiB. */
    public static final long MAX_BYTES = 64L << 20;
    /** A line's limit: one interval of {@link #MAX_HIGHEST_TRACKABLE_NS} in base64 is under 400 KiB. */
    public static final int MAX_LINE_CHARS = 1 << 20;
    /** The highest trackable value an interval may declare: one day in nanoseconds (a round trip is far below). */
    public static final long MAX_HIGHEST_TRACKABLE_NS = TimeUnit.DAYS.toNanos(1);
    /** What {@link #intervals} may keep in memory at once, by HdrHistogram's footprint estimate. */
    public static final long MAX_KEPT_BYTES = 256L << 20;

    // HdrHistogram's V2 encoding, as its writer makes it: cookies with word size 9 (0x10 in the size byte).
    private static final int COMPRESSED_COOKIE = 0x1c849314;
    private static final int ENCODING_COOKIE = 0x1c849313;
    private static final int HEADER_BYTES = 40;
    private static final double ONE_YEAR_S = 365 * 24 * 3600.0;

    /** Receives each interval in file order. */
    public interface IntervalSink {
        void accept(Histogram interval) throws IOException;
    }

    private HistogramLog() {
    }

    /** The sum of the log's intervals, read one at a time (none kept). */
    public static Histogram total(Path file) throws IOException {
        Histogram total = new Histogram(HistogramFiles.SIGNIFICANT_DIGITS);
        total.setAutoResize(true);
        forEach(file, interval -> {
            if (total.getTotalCount() > Long.MAX_VALUE - interval.getTotalCount()) {
                throw new IOException(file + ": the intervals' counts add up past a long");
            }
            total.add(interval);
        });
        return total;
    }

    /** Every interval, in file order; fails when they would take more than {@link #MAX_KEPT_BYTES}. */
    public static List<Histogram> intervals(Path file) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        long[] keptBytes = {0};
        forEach(file, interval -> {
            keptBytes[0] += interval.getEstimatedFootprintInBytes();
            if (keptBytes[0] > MAX_KEPT_BYTES) {
                throw new IOException(file + ": its intervals take more than the limit of " + MAX_KEPT_BYTES
                        + " bytes in memory");
            }
            intervals.add(interval);
        });
        return intervals;
    }

    /** Hands each interval to {@code sink} as it is read; the sink may keep it or let it go. */
    public static void forEach(Path file, IntervalSink sink) throws IOException {
        double startTimeS = Double.NaN;
        double baseTimeS = Double.NaN;
        try (InputStream in = new BufferedInputStream(ResultFile.open(file, MAX_BYTES))) {
            int lineNumber = 0;
            String line;
            while ((line = nextLine(file, in, ++lineNumber)) != null) {
                String where = file + ": line " + lineNumber;
                if (line.isBlank() || line.startsWith("\"StartTimestamp\"")) {
                    continue;
                }
                if (line.startsWith("#")) {
                    startTimeS = line.startsWith("#[StartTime: ") ? seconds(where, line) : startTimeS;
                    baseTimeS = line.startsWith("#[BaseTime: ") ? seconds(where, line) : baseTimeS;
                    continue;
                }
                String[] fields = line.strip().split(",", -1);
                String tag = null;
                if (fields.length == 5 && fields[0].startsWith("Tag=")) {
                    tag = fields[0].substring(4);
                    fields = Arrays.copyOfRange(fields, 1, 5);
                }
                if (fields.length != 4) {
                    throw new IOException(where + ": not an interval (start,length,max,histogram)");
                }
                double timestampS = number(where, fields[0]);
                double lengthS = number(where, fields[1]);
                number(where, fields[2]);
                if (Double.isNaN(startTimeS)) {
                    startTimeS = timestampS;
                }
                if (Double.isNaN(baseTimeS)) {
                    // HdrHistogram's rule: stamps more than a year before the start are relative to it
                    baseTimeS = timestampS < startTimeS - ONE_YEAR_S ? startTimeS : 0.0;
                }
                Histogram interval = decode(where, fields[3]);
                double absoluteStartS = timestampS + baseTimeS;
                interval.setStartTimeStamp((long) (absoluteStartS * 1000.0));
                interval.setEndTimeStamp((long) ((absoluteStartS + lengthS) * 1000.0));
                interval.setTag(tag);
                sink.accept(interval);
            }
        }
    }

    /** One interval's histogram, its declared range and precision checked before anything is allocated for it. */
    private static Histogram decode(String where, String base64) throws IOException {
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": the histogram is not base64");
        }
        ByteBuffer outer = ByteBuffer.wrap(compressed);
        if (compressed.length < 8 || outer.getInt(0) != COMPRESSED_COOKIE || outer.getInt(4) != compressed.length - 8) {
            throw new IOException(where + ": not a compressed HdrHistogram (V2) of the length it declares");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed, 8, compressed.length - 8);
            if (inflater.inflate(header.array()) != HEADER_BYTES) {
                throw new IOException(where + ": the histogram's header is cut short");
            }
        } catch (DataFormatException e) {
            throw new IOException(where + ": the histogram is not deflate data");
        } finally {
            inflater.end();
        }
        int cookie = header.getInt();
        int payloadBytes = header.getInt();
        int normalizingOffset = header.getInt();
        int digits = header.getInt();
        long lowest = header.getLong();
        long highest = header.getLong();
        if (cookie != ENCODING_COOKIE || payloadBytes < 0 || normalizingOffset != 0) {
            throw new IOException(where + ": not an HdrHistogram (V2) histogram");
        }
        if (digits != HistogramFiles.SIGNIFICANT_DIGITS || lowest != 1) {
            throw new IOException(where + ": the histogram keeps " + digits + " digits from " + lowest
                    + "; ipcbench's keep " + HistogramFiles.SIGNIFICANT_DIGITS + " from 1");
        }
        if (highest < 2 || highest > MAX_HIGHEST_TRACKABLE_NS) {
            throw new IOException(where + ": the histogram's highest trackable value " + highest
                    + " is outside 2.." + MAX_HIGHEST_TRACKABLE_NS + " ns");
        }
        Histogram interval;
        try {
            interval = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IOException(where + ": the histogram does not decode (" + e.getClass().getSimpleName() + ")");
        }
        if (interval.getTotalCount() < 0) {
            throw new IOException(where + ": the histogram's counts add up past a long");
        }
        return interval;
    }

    /** The next line without its end, or null at the end of the file; at most {@link #MAX_LINE_CHARS} bytes. */
    private static String nextLine(Path file, InputStream in, int lineNumber) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() == MAX_LINE_CHARS) {
                throw new IOException(file + ": line " + lineNumber + " is longer than the limit of "
                        + MAX_LINE_CHARS + " characters");
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 at line " + lineNumber);
        }
    }

    /** The seconds after "#[StartTime: " or "#[BaseTime: ". */
    private static double seconds(String where, String comment) throws IOException {
        String rest = comment.substring(comment.indexOf(':') + 1).strip();
        int end = rest.indexOf(' ');
        return number(where, end < 0 ? rest : rest.substring(0, end));
    }

    private static double number(String where, String text) throws IOException {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value) && value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException(where + ": '" + ResultFile.printable(text) + "' is not a non-negative number");
    }
}
