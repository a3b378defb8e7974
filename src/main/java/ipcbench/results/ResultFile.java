package ipcbench.results;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Reads a result file that may come from someone else: a regular file (never through a symbolic link, never a FIFO
 * or device), at most a named number of bytes, strict UTF-8. Every failure is an IOException whose one-line message
 * names the file and the reason. Also checks the values of a row that become parts of file names against their
 * grammar, so no crafted cell can name a path outside the run.
 */
public final class ResultFile {
    /** CSV files: a full run's largest (iterations.csv) is well under 1 MiB. */
    public static final long MAX_CSV_BYTES = 64L << 20;
    /** run.json: a full run's is a few KiB. */
    public static final long MAX_JSON_BYTES = 4L << 20;
    /** Longest id (mechanism, placement, wait, peers, mode). */
    public static final int MAX_ID_LENGTH = 64;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ResultFile() {
    }

    /** The file's text; fails on a link, a non-regular file, more than {@code maxBytes} or invalid UTF-8. */
    public static String text(Path file, long maxBytes) throws IOException {
        byte[] bytes;
        try (InputStream in = open(file, maxBytes)) {
            bytes = in.readAllBytes();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IOException(file + ": not UTF-8 at line " + line);
        }
        return out.flip().toString();
    }

    /**
     * The file's bytes as a stream, for a reader that streams: the same rules as {@link #text} for the file, and
     * reading past {@code maxBytes} (a file that grew after the check) fails naming the limit. UTF-8 is the caller's.
     */
    public static InputStream open(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        if (attributes.isSymbolicLink()) {
            throw new IOException(file + ": a symbolic link; result files are read only as regular files");
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + ": not a regular file");
        }
        if (attributes.size() > maxBytes) {
            throw new IOException(file + ": larger than the limit of " + maxBytes + " bytes");
        }
        InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        return new FilterInputStream(in) {
            private long left = maxBytes;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = in.read(buffer, offset, (int) Math.min(length, left + 1));
                if (read > 0 && (left -= read) < 0) {
                    throw new IOException(file + ": larger than the limit of " + maxBytes + " bytes");
                }
                return read;
            }
        };
    }

    /** An id cell (mechanism, placement, wait, peers, mode): {@code [a-z0-9][a-z0-9-]*}, at most 64 characters. */
    public static String id(Path file, String column, String value) throws IOException {
        if (value.length() > MAX_ID_LENGTH || !ID.matcher(value).matches()) {
            throw new IOException(file + ": " + column + " '" + printable(value) + "' is not an id ([a-z0-9][a-z0-9-]*,"
                    + " at most " + MAX_ID_LENGTH + " characters)");
        }
        return value;
    }

    /** A payload_bytes cell: a positive int. */
    public static int payloadBytes(Path file, String value) throws IOException {
        try {
            int bytes = Integer.parseInt(value);
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException(file + ": payload_bytes '" + printable(value) + "' is not a positive whole number");
    }

    /** At most 64 characters of {@code value}, control characters shown as '?'. */
    public static String printable(String value) {
        String cut = value.length() > MAX_ID_LENGTH ? value.substring(0, MAX_ID_LENGTH) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
