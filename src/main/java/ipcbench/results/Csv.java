package ipcbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The tidy CSV every ipcbench CSV uses: a header row, comma-separated, no quoting (no field holds a comma), numbers
 * with a dot. A result CSV is the key's columns ({@link ResultKey#header}) and then that file's own columns, and is
 * read by header name, never by position: columns may come in any order, a key column a file lacks reads as its
 * dimension's default, and a file's own column may be declared optional (an older file lacks it). Reading goes
 * through {@link ResultFile} (no links, bounded, strict UTF-8) and is strict: an unknown or repeated column, a row of
 * the wrong width or a bad cell fails with one line naming the file and line.
 */
public final class Csv {
    private Csv() {
    }

    public static <T> void write(Path file, String header, List<T> rows, Function<T, String> line) throws IOException {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (T row : rows) {
            text.append(line.apply(row)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The header of a result CSV whose own columns are {@code columns}: the key's columns, then them. */
    public static String keyedHeader(String columns) {
        return ResultKey.header() + "," + columns;
    }

    /** Writes a result CSV: each row's key cells, then {@code cells} of it. */
    public static <T> void writeKeyed(Path file, String columns, List<T> rows, Function<T, ResultKey> key,
                                      Function<T, String> cells) throws IOException {
        write(file, keyedHeader(columns), rows, row -> key.apply(row).cells() + "," + cells.apply(row));
    }

    /**
     * The rows of a result CSV whose own columns are {@code columns} (comma-separated), of which {@code optional}
     * may be missing; every other column must be there, besides the key's columns, and no column may be unknown.
     */
    public static List<Row> readKeyed(Path file, String columns, Set<String> optional) throws IOException {
        List<String> lines = ResultFile.text(file, ResultFile.MAX_CSV_BYTES).lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(file + ": empty, no header");
        }
        String[] header = lines.get(0).strip().split(",", -1);
        Set<String> known = new LinkedHashSet<>();
        Dimension.all().forEach(dimension -> known.add(dimension.column()));
        known.addAll(List.of(columns.split(",")));
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            if (!known.contains(header[c])) {
                throw new IOException(file + ": header has an unknown column " + ResultFile.printable(header[c]));
            }
            if (index.put(header[c], c) != null) {
                throw new IOException(file + ": header has column " + header[c] + " twice");
            }
        }
        for (String column : known) {
            if (!index.containsKey(column) && !optional.contains(column) && !isDefaulted(column)) {
                throw new IOException(file + ": header lacks column " + column);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(file + ":" + (i + 1) + ": expected " + header.length + " fields, found "
                        + cells.length);
            }
            rows.add(new Row(file, i + 1, index, cells));
        }
        return rows;
    }

    private static boolean isDefaulted(String column) {
        return Dimension.all().stream().anyMatch(d -> d.column().equals(column) && d.defaultValue() != null);
    }

    /** One row of a result CSV, its cells by column name. */
    public static final class Row {
        private final Path file;
        private final int line;
        private final Map<String, Integer> index;
        private final String[] cells;

        Row(Path file, int line, Map<String, Integer> index, String[] cells) {
            this.file = file;
            this.line = line;
            this.index = index;
            this.cells = cells;
        }

        /** The row's key: each dimension's cell parsed, or its default when the file lacks the column. */
        public ResultKey key() throws IOException {
            Map<Dimension, String> values = new HashMap<>();
            for (Dimension dimension : Dimension.all()) {
                if (index.containsKey(dimension.column())) {
                    values.put(dimension, dimension.parse(file, text(dimension.column())));
                }
            }
            return ResultKey.of(values::get);
        }

        public boolean has(String column) {
            return index.containsKey(column);
        }

        /** The cell as written. */
        public String text(String column) throws IOException {
            Integer at = index.get(column);
            if (at == null) {
                throw new IOException(file + ": header lacks column " + column);
            }
            return cells[at];
        }

        /** An id cell ({@link ResultFile#id}). */
        public String id(String column) throws IOException {
            return ResultFile.id(file, column, text(column));
        }

        public double number(String column) throws IOException {
            return parsed(column, Double::parseDouble);
        }

        /** NaN for an empty cell, else {@link #number}. */
        public double optional(String column) throws IOException {
            return text(column).isEmpty() ? Double.NaN : number(column);
        }

        public long whole(String column) throws IOException {
            return parsed(column, Long::parseLong);
        }

        public int integer(String column) throws IOException {
            return parsed(column, Integer::parseInt);
        }

        private <T> T parsed(String column, java.util.function.Function<String, T> parse) throws IOException {
            try {
                return parse.apply(text(column));
            } catch (NumberFormatException e) {
                throw notANumber(column);
            }
        }

        /** A failure of this row, named by file and line. */
        public IOException problem(String what) {
            return new IOException(file + ":" + line + ": " + what);
        }

        private IOException notANumber(String column) {
            return problem(column + " '" + ResultFile.printable(cells[index.get(column)]) + "' is not a number");
        }
    }

    /** A value that may not apply: an empty cell for NaN, else {@link #number}. */
    public static String optional(double value, int decimals) {
        return Double.isNaN(value) ? "" : number(value, decimals);
    }

    /** The inverse of {@link #optional}: NaN for an empty cell. */
    public static double parseOptional(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    /** A double with {@code decimals} places, always with a dot. */
    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
