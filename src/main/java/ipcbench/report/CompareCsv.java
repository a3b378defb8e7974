package ipcbench.report;

import ipcbench.gate.GateRow;
import ipcbench.results.Csv;
import ipcbench.stats.MedianInterval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * compare.csv: one line per gate row, the key's columns then the row's, every number in {@link Locale#ROOT}, NaN where unknown. baseline / current are
 * the medians of each side's values, ratio the Hodges–Lehmann estimate with its 95% interval, *_low / *_high each
 * side's distribution-free interval of the median ({@link MedianInterval}).
 */
final class CompareCsv {
    static final String FILE = "compare.csv";
    /** compare.csv's own columns, after the key's. */
    static final String COLUMNS = "metric,unit,baseline,current,ratio,ratio_ci_low,ratio_ci_high,p_value,p_adjusted,"
            + "baseline_n,current_n,baseline_low,baseline_high,current_low,current_high,noise,verdict";

    private CompareCsv() {
    }

    static void write(Path file, List<GateRow> rows) throws IOException {
        Csv.writeKeyed(file, COLUMNS, rows, GateRow::key, CompareCsv::cells);
    }

    private static String cells(GateRow row) {
        MedianInterval b = row.baselineInterval();
        MedianInterval c = row.currentInterval();
        double low = row.ratio() == null ? Double.NaN : row.ratio().low();
        double high = row.ratio() == null ? Double.NaN : row.ratio().high();
        return String.join(",", row.metric().id(), row.metric().unit(), number(row.baselineMedian(), 1),
                number(row.currentMedian(), 1), number(row.ratioEstimate(), 4), number(low, 4), number(high, 4),
                probability(row.pValue()), probability(row.pAdjusted()), Integer.toString(row.baselineN()),
                Integer.toString(row.currentN()), number(b.low(), 1), number(b.high(), 1), number(c.low(), 1),
                number(c.high(), 1), row.noise().id(), row.outcome().id());
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "NaN" : Csv.number(value, decimals);
    }

    /** Four significant digits, so that small p-values keep theirs (0.0005828, 1.000e-12). */
    private static String probability(double p) {
        return Double.isNaN(p) ? "NaN" : String.format(Locale.ROOT, "%.4g", p);
    }
}
