package ipcbench.results;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs for fuzzing the readers of files that may come from someone else, and the property they must hold: a file
 * either reads, or fails with an IOException whose message is one line naming the file (the reader's documented
 * bad-input failure, which the commands turn into exit 2). Any other exception, or an error such as running out of
 * memory, fails the property. Inputs are random bytes, and valid files mutated: bytes flipped, ranges deleted,
 * hostile text inserted, truncation, and a cell replaced by a hostile value.
 */
public final class Fuzz {
    /** A reader under test: returns what it read, or throws its bad-input IOException. */
    @FunctionalInterface
    public interface Reader {
        Object read(Path file) throws IOException;
    }

    /** A reader under test, the name its file gets, and a valid file to mutate. */
    public record Target(String fileName, Reader reader, byte[] valid) {
    }

    /** Random bytes, for {@code @ForAll(supplier = Fuzz.Bytes.class)}. */
    public static final class Bytes implements ArbitrarySupplier<byte[]> {
        @Override
        public Arbitrary<byte[]> get() {
            return bytes();
        }
    }

    /** Hostile cells, for {@code @ForAll(supplier = Fuzz.Cells.class)}. */
    public static final class Cells implements ArbitrarySupplier<List<String>> {
        @Override
        public Arbitrary<List<String>> get() {
            return cells();
        }
    }

    /** Mutations, for {@code @ForAll(supplier = Fuzz.Mutations.class)}. */
    public static final class Mutations implements ArbitrarySupplier<List<UnaryOperator<byte[]>>> {
        @Override
        public Arbitrary<List<UnaryOperator<byte[]>>> get() {
            return mutations();
        }
    }

    /** Values that break parsers: empty, non-numbers, overflow, paths, delimiters, control and non-ASCII text. */
    private static final List<String> HOSTILE = List.of("", "NaN", "-1", "0", "Infinity", "-Infinity", "1e999",
            "-0.0", "9223372036854775808", "2147483648", "-2147483649", "0x10", "../../x", "/etc/passwd", "\u0000",
            "\u001b[2J", ",", ",,,,", "\n", "\r", "\"", "\\", "{", "}", "[", "]", "[]", "{}", "null", "true", "é",
            "\uFEFF", "\u202E", "ipcbench-1-abcdef", "a".repeat(300), "1".repeat(40));

    private Fuzz() {
    }

    /** Up to 4 KiB of random bytes, biased by jqwik towards edge cases (empty, zeros, 0xff). */
    private static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    /** For each of 30 columns, a hostile value or a random string to put there, or null to keep the valid one. */
    private static Arbitrary<List<String>> cells() {
        return Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(12)).injectNull(0.8)
                .list().ofSize(30);
    }

    /** {@code valid} with cell i of every line after the first replaced by {@code cells[i]} where that is not null. */
    public static byte[] withCells(byte[] valid, List<String> cells) {
        List<String> lines = new String(valid, StandardCharsets.UTF_8).lines().toList();
        StringBuilder out = new StringBuilder(lines.isEmpty() ? "" : lines.get(0)).append('\n');
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.split(",", -1);
            for (int i = 0; i < fields.length && i < cells.size(); i++) {
                fields[i] = cells.get(i) == null ? fields[i] : cells.get(i);
            }
            out.append(String.join(",", fields)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One to four mutations, each applied in turn to a valid file's bytes. */
    private static Arbitrary<List<UnaryOperator<byte[]>>> mutations() {
        return mutation().list().ofMinSize(1).ofMaxSize(4);
    }

    /** {@code valid} with {@code mutations} applied in order. */
    public static byte[] mutate(byte[] valid, List<UnaryOperator<byte[]>> mutations) {
        byte[] bytes = valid;
        for (UnaryOperator<byte[]> mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        return bytes;
    }

    /**
     * Writes {@code content} to {@code file} and checks the property for {@code reader}; jqwik's report then counts,
     * per file name, how many inputs were read and how many refused.
     */
    private static void readsOrSaysWhy(Path file, byte[] content, Reader reader) throws IOException {
        Files.write(file, content);
        String outcome = "read";
        try {
            assertNotNull(reader.read(file));
        } catch (IOException e) {
            outcome = "refused";
            String message = e.getMessage();
            assertNotNull(message, "a bad-input failure says why");
            assertTrue(message.contains(file.getFileName().toString()), "the file is named: " + message);
            assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        }
        Statistics.label(file.getFileName().toString()).collect(outcome);
    }

    /** Checks the property for each target, its file's content made by {@code content}, in a fresh directory. */
    public static void check(List<Target> targets, Function<Target, byte[]> content) throws IOException {
        Path dir = directory();
        try {
            for (Target target : targets) {
                readsOrSaysWhy(dir.resolve(target.fileName()), content.apply(target), target.reader());
            }
        } finally {
            delete(dir);
        }
    }

    /** A private temporary directory for one try; jqwik has no @TempDir. */
    public static Path directory() throws IOException {
        return Files.createTempDirectory("readers-fuzz");
    }

    /** Removes a directory made by {@link #directory}, without following links. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Arbitrary<UnaryOperator<byte[]>> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.oneOf(
                Combinators.combine(at, Arbitraries.bytes()).as((p, b) -> in -> set(in, p, b)),
                Combinators.combine(at, Arbitraries.integers().between(1, 64)).as((p, n) -> in -> delete(in, p, n)),
                Combinators.combine(at, hostile).as((p, s) -> in -> insert(in, p, s)),
                at.map(p -> in -> Arrays.copyOf(in, p % (in.length + 1))),
                Combinators.combine(at, hostile).as((p, s) -> in -> replaceCell(in, p, s)));
    }

    private static byte[] set(byte[] in, int at, byte value) {
        if (in.length == 0) {
            return new byte[] {value};
        }
        byte[] out = in.clone();
        out[at % in.length] = value;
        return out;
    }

    private static byte[] delete(byte[] in, int at, int length) {
        int from = at % (in.length + 1);
        int to = Math.min(in.length, from + length);
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        return out;
    }

    private static byte[] insert(byte[] in, int at, String text) {
        byte[] add = text.getBytes(StandardCharsets.UTF_8);
        int where = at % (in.length + 1);
        byte[] out = new byte[in.length + add.length];
        System.arraycopy(in, 0, out, 0, where);
        System.arraycopy(add, 0, out, where, add.length);
        System.arraycopy(in, where, out, where + add.length, in.length - where);
        return out;
    }

    /** Replaces the cell around {@code at} (text between two of {@code , \n : { } [ ] space}) with {@code text}. */
    private static byte[] replaceCell(byte[] in, int at, String text) {
        int where = at % (in.length + 1);
        int from = where;
        while (from > 0 && !delimiter(in[from - 1])) {
            from--;
        }
        int to = where;
        while (to < in.length && !delimiter(in[to])) {
            to++;
        }
        return insert(delete(in, from, to - from), from, text);
    }

    private static boolean delimiter(byte b) {
        return ",\n:{}[] ".indexOf(b) >= 0;
    }

    /** The reference run's file {@code name}, as bytes. */
    public static byte[] reference(String name) throws IOException {
        return Files.readAllBytes(Path.of("results/reference").resolve(name));
    }

    /** Lines joined with newlines, as bytes. */
    public static byte[] lines(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
