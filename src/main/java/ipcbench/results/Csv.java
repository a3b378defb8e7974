package ipcbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The tidy CSV every ipcbench CSV uses (the two result files, and compare.csv of the CI check): a header row,
 * comma-separated, no quoting (no field holds a comma), numbers with a dot.
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

    /** The rows after the header, split into fields; fails if the header is not {@code header}. */
    public static List<String[]> read(Path file, String header) throws IOException {
        List<String> lines = ResultFile.text(file, ResultFile.MAX_CSV_BYTES).lines().toList();
        if (lines.isEmpty() || !lines.get(0).trim().equals(header)) {
            throw new IOException(file + ": " + headerProblem(lines.isEmpty() ? "" : lines.get(0).trim(), header));
        }
        int columns = header.split(",").length;
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] fields = lines.get(i).split(",", -1);
            if (fields.length != columns) {
                throw new IOException(file + ":" + (i + 1) + ": expected " + columns + " fields, found "
                        + fields.length + ": " + Arrays.toString(fields));
            }
            rows.add(fields);
        }
        return rows;
    }

    /** What is wrong with {@code found}: the first column of {@code header} it lacks, else its first extra one. */
    static String headerProblem(String found, String header) {
        List<String> have = Arrays.asList(found.split(",", -1));
        for (String column : header.split(",")) {
            if (!have.contains(column)) {
                return "header lacks column " + column;
            }
        }
        List<String> want = Arrays.asList(header.split(","));
        for (String column : have) {
            if (!want.contains(column)) {
                return "header has an unknown column " + ResultFile.printable(column);
            }
        }
        return "header columns out of order, expected '" + header + "'";
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
