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
        styler.setYAxisLogarithmic(true);
        styler.setYAxisLogarithmicDecadeOnly(false);
        double low = floor(min);
        double high = ceil(max);
        styler.setYAxisMin(low);
        // A single value on a 1-2-5 step would make an empty axis: widen to the next step.
        styler.setYAxisMax(high > low ? high : ceil(low * 1.001));
        styler.setYAxisTickLabelsFormattingFunction(value -> label(value, format));
    }

    /** The same for the x axis. */
    static void x(AxesChartStyler styler, double min, double max, Function<Double, String> format) {
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(false);
        double low = floor(min);
        double high = ceil(max);
        styler.setXAxisMin(low);
        styler.setXAxisMax(high > low ? high : ceil(low * 1.001));
        styler.setXAxisTickLabelsFormattingFunction(value -> label(value, format));
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
