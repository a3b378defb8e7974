package ipcbench.gate;

import ipcbench.results.Csv;
import ipcbench.results.ResultFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * pairs.csv, the only input of a paired verdict: one line per pair and metric, read by header name (columns may be
 * added or reordered). Every value must be positive and finite, the order {@code base-first} or {@code head-first};
 * anything else fails with one line naming the file and line. It is read as every result file is
 * ({@link ResultFile}: no links, bounded, strict UTF-8; ids checked).
 */
public final class PairsCsv {
    public static final String HEADER = "round,order,mechanism,payload_bytes,placement,wait,peers,metric,unit,"
            + "base_value,head_value,base_started_at,head_started_at";
    private static final List<String> ORDERS = List.of("base-first", "head-first");

    private PairsCsv() {
    }

    public static void write(Path file, List<PairRow> rows) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Csv.write(temporary, HEADER, rows, r -> String.join(",", Integer.toString(r.round()), r.order(),
                r.key().mechanism(), Integer.toString(r.key().payloadBytes()), r.key().placement(),
                r.key().waitStrategy(), r.key().peers(), r.metric().id(), r.metric().unit(),
                Csv.number(r.baseValue(), 1), Csv.number(r.headValue(), 1), r.baseStartedAt(), r.headStartedAt()));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static List<PairRow> read(Path file) throws IOException {
        List<String> lines = ResultFile.text(file, ResultFile.MAX_CSV_BYTES).lines().toList();
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty, not a pairs file");
        }
        List<String> header = Arrays.asList(lines.get(0).strip().split(",", -1));
        int[] column = new int[HEADER.split(",").length];
        String[] names = HEADER.split(",");
        for (int c = 0; c < names.length; c++) {
            column[c] = header.indexOf(names[c]);
            if (column[c] < 0 && !names[c].equals("unit")) {
                throw new IOException(file + ": the header lacks column " + names[c]);
            }
        }
        List<PairRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                throw new IOException(file + ":" + (i + 1) + ": " + cells.length + " fields, the header has "
                        + header.size());
            }
            try {
                rows.add(row(file, cells, column));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static PairRow row(Path file, String[] cells, int[] c) throws IOException {
        int round = Integer.parseInt(cells[c[0]]);
        String order = cells[c[1]];
        if (round < 1 || !ORDERS.contains(order)) {
            throw new IllegalArgumentException("round " + cells[c[0]] + " or order '" + order + "' is not valid");
        }
        RowKey key = new RowKey(ResultFile.id(file, "mechanism", cells[c[2]]),
                ResultFile.payloadBytes(file, cells[c[3]]), ResultFile.id(file, "placement", cells[c[4]]),
                ResultFile.id(file, "wait", cells[c[5]]), ResultFile.id(file, "peers", cells[c[6]]));
        Metric metric = metric(cells[c[7]]);
        double base = value(cells[c[9]]);
        double head = value(cells[c[10]]);
        return new PairRow(round, order, key, metric, base, head, cells[c[11]], cells[c[12]]);
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
