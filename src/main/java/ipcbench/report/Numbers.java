package ipcbench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How reports and charts print numbers: always {@link Locale#ROOT} (a dot, no grouping), whatever the host's locale,
 * so that a report reads the same everywhere and its tables can be parsed back.
 */
public final class Numbers {
    static final double NS_PER_US = 1_000.0;
    /** Reports give throughput in MB/s with 1 MB = 10^6 bytes, like JMH and network tools. */
    static final double BYTES_PER_MB = 1_000_000.0;

    private Numbers() {
    }

    /** Nanoseconds as microseconds, with three significant digits or more (the histograms keep three). */
    static String micros(double ns) {
        return significant(ns / NS_PER_US);
    }

    static String megabytesPerS(double bytesPerS) {
        return significant(bytesPerS / BYTES_PER_MB);
    }

    /** At least three significant digits: 0.123, 1.23, 12.3, 123, 1234. */
    static String significant(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 || magnitude == 0 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return fixed(value, decimals);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String whole(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** A ratio such as 1.23×. */
    static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f×", value);
    }

    /** A signed change in percent such as +12.5%. */
    static String percentChange(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /** A value with an SI prefix and a unit, for axis ticks: 10 B, 1 kB, 2.5 GB/s. */
    static String si(double value, String unit) {
        String[] prefixes = {"", "k", "M", "G", "T"};
        int index = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1000 && index < prefixes.length - 1) {
            scaled /= 1000;
            index++;
        }
        return tick(scaled) + " " + prefixes[index] + unit;
    }

    /** An axis tick: the shortest plain decimal, 0.01, 5, 100, never an exponent. */
    static String tick(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A payload size: 64 B, 4 KiB, 1 MiB (exact binary multiples), else bytes. */
    public static String bytes(int bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
