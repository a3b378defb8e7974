package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Keyed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's rows grouped by one {@link Dimension}: the values it has, in the dimension's display order, and the rows at
 * one value. The report's views by wait strategy and by peers are both this; a dimension added later groups the same
 * way. Rows are never mixed across values except as references: {@link #atOrOnly} keeps a mechanism measured at a
 * single other value (shm only spins), so a chart per value still shows it.
 */
final class GroupBy {
    private GroupBy() {
    }

    /** Every value of {@code dimension} in {@code rows}, in its display order. */
    @SafeVarargs
    static List<String> values(Dimension dimension, List<? extends Keyed>... rows) {
        TreeSet<String> values = new TreeSet<>(dimension.displayOrder());
        for (List<? extends Keyed> some : rows) {
            some.forEach(row -> values.add(row.key().get(dimension)));
        }
        return List.copyOf(values);
    }

    /** The rows at {@code value} of {@code dimension}. */
    static <T extends Keyed> List<T> at(List<T> rows, Dimension dimension, String value) {
        return rows.stream().filter(row -> row.key().get(dimension).equals(value)).toList();
    }

    /** The rows at {@code value}, and every row of a mechanism that has none at it (a reference). */
    static <T extends Keyed> List<T> atOrOnly(List<T> rows, Dimension dimension, String value) {
        Set<String> atValue = new HashSet<>();
        at(rows, dimension, value).forEach(row -> atValue.add(row.mechanism()));
        List<T> selected = new ArrayList<>();
        for (T row : rows) {
            if (row.key().get(dimension).equals(value) || !atValue.contains(row.mechanism())) {
                selected.add(row);
            }
        }
        return selected;
    }

    /**
     * The values to draw separately: every value of {@code dimension} the rows have when some mechanism was measured
     * at more than one, else only the dimension's default (the rows are drawn as they are).
     */
    @SafeVarargs
    static List<String> compared(Dimension dimension, List<? extends Keyed>... rows) {
        Map<String, Set<String>> valuesByMechanism = new HashMap<>();
        for (List<? extends Keyed> some : rows) {
            some.forEach(row -> valuesByMechanism.computeIfAbsent(row.mechanism(), m -> new HashSet<>())
                    .add(row.key().get(dimension)));
        }
        boolean several = valuesByMechanism.values().stream().anyMatch(values -> values.size() > 1);
        return several ? values(dimension, rows) : List.of(dimension.defaultValue());
    }
}
