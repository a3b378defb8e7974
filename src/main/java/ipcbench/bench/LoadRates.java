package ipcbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offered rates of a load run, as {@code --rates} gives them: absolute messages per second ({@code 20000},
 * {@code 50k}, {@code 1m}) or percentages of the mechanism's measured echo capacity at that size ({@code 50%}); the
 * two kinds may be mixed. Kept apart from the option parser so that any parser can call {@link #parse}.
 *
 * @param rates each rate as given, in order (duplicates removed)
 */
public record LoadRates(List<Rate> rates) {
    public static final String DEFAULT_TEXT = "10%,30%,50%,70%,90%,100%";
    /** The highest percentage accepted: beyond it the queue only grows. */
    private static final double MAX_PERCENT = 1000;
    /** Below one message a second a point would take minutes to hold a handful of samples. */
    private static final double MIN_PER_S = 1;
    private static final double MAX_PER_S = 1e9;

    /** One rate: {@code value} messages/s, or {@code value} percent of the capacity when {@code percent}. */
    public record Rate(double value, boolean percent) {
        /** The rate in messages per second, given the measured capacity. */
        public double perS(double capacityPerS) {
            return percent ? capacityPerS * value / 100 : value;
        }

        /** As written on the command line and in load.csv's {@code rate} column: {@code 50%} or {@code 20000}. */
        public String text() {
            String number = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
            return percent ? number + "%" : number;
        }
    }

    public static LoadRates defaults() {
        return parse(DEFAULT_TEXT);
    }

    public LoadRates {
        rates = List.copyOf(rates);
    }

    /** Parses {@code 10%,30%,20000,50k}; a bad entry is an IllegalArgumentException naming it. */
    public static LoadRates parse(String text) {
        List<Rate> rates = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            Rate rate = rate(entry.trim().toLowerCase(Locale.ROOT));
            if (!rates.contains(rate)) {
                rates.add(rate);
            }
        }
        return new LoadRates(rates);
    }

    /** Whether any rate is a percentage, so the capacity must be measured first. */
    public boolean needsCapacity() {
        return rates.stream().anyMatch(Rate::percent);
    }

    /** {@code 10%,30%,20000}: the form {@link #parse} reads. */
    public String text() {
        return String.join(",", rates.stream().map(Rate::text).toList());
    }

    private static Rate rate(String entry) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("--rates has an empty entry");
        }
        boolean percent = entry.endsWith("%");
        String number = percent ? entry.substring(0, entry.length() - 1) : entry;
        double multiplier = 1;
        if (!percent && (number.endsWith("k") || number.endsWith("m"))) {
            multiplier = number.endsWith("k") ? 1e3 : 1e6;
            number = number.substring(0, number.length() - 1);
        }
        double value;
        try {
            value = Double.parseDouble(number) * multiplier;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rates: '" + entry + "' is not a rate (messages/s like 20000 or 50k, "
                    + "or a percentage of capacity like 50%)");
        }
        if (!Double.isFinite(value) || number.startsWith("+")) {
            throw new IllegalArgumentException("--rates: '" + entry + "' is not a rate");
        }
        if (percent && (value <= 0 || value > MAX_PERCENT)) {
            throw new IllegalArgumentException("--rates: '" + entry + "' must be above 0% and at most "
                    + (int) MAX_PERCENT + "%");
        }
        if (!percent && (value < MIN_PER_S || value > MAX_PER_S)) {
            throw new IllegalArgumentException("--rates: '" + entry + "' must be between 1 and 1000000000 messages/s");
        }
        return new Rate(value, percent);
    }
}
