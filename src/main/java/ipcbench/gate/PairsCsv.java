package ipcbench.gate;

import ipcbench.results.Csv;
import ipcbench.results.ResultFile;
import ipcbench.results.ResultKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * pairs.csv, the only input of a paired verdict: one line per pair and metric, the key's columns then the pair's, read
 * by header name ({@link Csv#readKeyed}: columns may be reordered; a key column it lacks reads as its default). Every value must be positive and finite, the order {@code base-first} or {@code head-first};
 * anything else fails with one line naming the file and line. It is read as every result file is
 * ({@link ResultFile}: no links, bounded, strict UTF-8; ids checked).
 */
public final class PairsCsv {
    static final String COLUMNS = "round,order,metric,unit,base_value,head_value,base_started_at,head_started_at";
    private static final List<String> ORDERS = List.of("base-first", "head-first");

    private PairsCsv() {
    }

    /** The header written now. */
    public static String header() {
        return Csv.keyedHeader(COLUMNS);
    }

    public static void write(Path file, List<PairRow> rows) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Csv.writeKeyed(temporary, COLUMNS, rows, PairRow::key, r -> String.join(",", Integer.toString(r.round()),
                r.order(), r.metric().id(), r.metric().unit(), Csv.number(r.baseValue(), 1),
                Csv.number(r.headValue(), 1), r.baseStartedAt(), r.headStartedAt()));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static List<PairRow> read(Path file) throws IOException {
        List<PairRow> rows = new ArrayList<>();
        for (Csv.Row r : Csv.readKeyed(file, COLUMNS, Set.of("unit"))) {
            try {
                rows.add(row(r));
            } catch (IllegalArgumentException e) {
                throw r.problem(e.getMessage());
            }
        }
        return rows;
    }

    private static PairRow row(Csv.Row r) throws IOException {
        int round = r.integer("round");
        String order = r.text("order");
        if (round < 1 || !ORDERS.contains(order)) {
            throw new IllegalArgumentException("round " + round + " or order '" + ResultFile.printable(order)
                    + "' is not valid");
        }
        return new PairRow(round, order, r.key(), metric(r.text("metric")), value(r.text("base_value")),
                value(r.text("head_value")), r.text("base_started_at"), r.text("head_started_at"));
    }

    private static Metric metric(String id) {
        for (Metric metric : Metric.values()) {
            if (metric.id().equals(id)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'");
    }

    private static double value(String text) {
        double value = Double.parseDouble(text);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "value %s is not positive and finite",
                    text));
        }
        return value;
    }
}
