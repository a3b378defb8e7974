package ipcbench.report;

import org.knowm.xchart.style.AxesChartStyler;

import java.util.function.Function;

/**
 * A log axis labelled at 1, 2 and 5 of every decade (XChart's choice is decades only, or every digit), with bounds
 * on such values around the data, so both ends of the axis carry a label.
 */
final class LogAxis {
    private static final double[] STEPS = {1, 2, 5};
    /** What XChart draws instead of a label: one space (an empty string breaks its text layout). */
    static final String NO_LABEL = " ";

    private LogAxis() {
    }

    /** Makes the y axis logarithmic over [{@code min}, {@code max}] widened to 1-2-5 values, labelled at those. */
    static void y(AxesChartStyler styler, double min, double max, Function<Double, String> format) {
        axis(styler, false, min, max, format);
    }

    /** The same for the x axis. */
    static void x(AxesChartStyler styler, double min, double max, Function<Double, String> format) {
        axis(styler, true, min, max, format);
    }

    private static void axis(AxesChartStyler styler, boolean x, double min, double max,
                             Function<Double, String> format) {
        double low = floor(min);
        // A single value on a 1-2-5 step would make an empty axis: widen to the next step.
        double high = ceil(max) > low ? ceil(max) : ceil(low * 1.001);
        Function<Double, String> labels = value -> label(value, format);
        if (x) {
            styler.setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(false).setXAxisMin(low).setXAxisMax(high)
                    .setXAxisTickLabelsFormattingFunction(labels);
        } else {
            styler.setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false).setYAxisMin(low).setYAxisMax(high)
                    .setYAxisTickLabelsFormattingFunction(labels);
        }
    }

    /** {@code format(value)} when the value is 1, 2 or 5 times a power of ten, else {@link #NO_LABEL}. */
    static String label(double value, Function<Double, String> format) {
        if (!(value > 0)) {
            return NO_LABEL;
        }
        double decade = Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
        double digit = value / decade;
        for (double step : STEPS) {
            if (Math.abs(digit - step) < 1e-6 * step) {
                return format.apply(value);
            }
        }
        return NO_LABEL;
    }

    /** The largest 1-2-5 value at or below {@code value} (positive). */
    static double floor(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        double best = decade;
        for (double step : STEPS) {
            if (step * decade <= value * (1 + 1e-9)) {
                best = step * decade;
            }
        }
        return best;
    }

    /** The smallest 1-2-5 value at or above {@code value} (positive). */
    static double ceil(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : STEPS) {
            if (step * decade >= value * (1 - 1e-9)) {
                return step * decade;
            }
        }
        return 10 * decade;
    }
}
