package ipcbench.results;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What stands behind one result row: how many JMH forks measured it, where its interval came from, the coverage
 * that interval really has, and the steady-state verdict ({@link SteadyState}). Columns absent from an older CSV
 * read as {@link #UNKNOWN}.
 *
 * @param forks         JMH forks that measured the row; 0 when unknown
 * @param ciFrom        {@code forks} (the interval is over fork values), {@code iterations} (one fork: over its
 *                      measurement iterations, which understates run-to-run noise), or empty when unknown
 * @param ciLevel       the interval's actual coverage (0..1), NaN when unknown
 * @param stable        false when a steady-state rule flagged the row
 * @param stabilityNote why it is unstable, e.g. "trend -59% over 3 iterations"; "not checked" for old runs
 */
public record Repeats(int forks, String ciFrom, double ciLevel, boolean stable, String stabilityNote) {
    public static final String FROM_FORKS = "forks";
    public static final String FROM_ITERATIONS = "iterations";
    public static final Repeats UNKNOWN = new Repeats(0, "", Double.NaN, true, "not checked");

    static final String HEADER = "forks,ci_from,ci_level";
    static final String STABILITY_HEADER = "stable,stability_note";

    String toCsv() {
        return String.join(",", Integer.toString(forks), ciFrom, Csv.optional(ciLevel, 4));
    }

    String stabilityCsv() {
        return String.join(",", Boolean.toString(stable), stabilityNote.replace(',', ';'));
    }

    /** From the interval and stability cells of a row that has them. */
    static Repeats read(Csv.Row row) throws IOException {
        return new Repeats(row.integer("forks"), row.text("ci_from"), row.optional("ci_level"),
                Boolean.parseBoolean(row.text("stable")), row.text("stability_note"));
    }

    /** The columns of a row's repeats and {@code bounds}: a file written before intervals existed lacks them all. */
    static Set<String> columns(String... bounds) {
        Set<String> columns = new HashSet<>(List.of((HEADER + "," + STABILITY_HEADER).split(",")));
        columns.addAll(List.of(bounds));
        return Set.copyOf(columns);
    }

    /** Whether the interval is within one fork (and so understates run-to-run noise). */
    public boolean withinFork() {
        return FROM_ITERATIONS.equals(ciFrom);
    }
}
