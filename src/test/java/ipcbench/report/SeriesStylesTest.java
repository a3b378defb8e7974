package ipcbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesStylesTest {
    @TempDir
    Path tmp;

    private static SeriesStyles described(Path dir) throws Exception {
        RunFixture fixture = new RunFixture(dir, "styles");
        for (String id : PlotsTest.MECHANISMS) {
            fixture.described(id, PlotsTest.FAMILY.get(id), id).latency(id, 64, "cross", 5_000);
        }
        return new SeriesStyles(PlotsTest.MECHANISMS, List.of(RunData.load(fixture.write())));
    }

    /** WCAG contrast ratio against white. */
    private static double contrastOnWhite(Color colour) {
        double[] channels = {colour.getRed(), colour.getGreen(), colour.getBlue()};
        double[] weights = {0.2126, 0.7152, 0.0722};
        double luminance = 0;
        for (int i = 0; i < 3; i++) {
            double c = channels[i] / 255.0;
            luminance += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return 1.05 / (luminance + 0.05);
    }

    @Test
    void everyMechanismHasAColourOfItsOwnAndItsFamilysMarker() throws Exception {
        SeriesStyles styles = described(tmp.resolve("run"));

        Set<Color> colours = new HashSet<>();
        Map<String, Class<?>> markerOfFamily = new HashMap<>();
        for (String id : PlotsTest.MECHANISMS) {
            SeriesStyles.Style style = styles.style(id);
            assertTrue(colours.add(style.colour()), id + " shares its colour with another mechanism");
            Class<?> before = markerOfFamily.putIfAbsent(PlotsTest.FAMILY.get(id), style.marker().getClass());
            assertTrue(before == null || before.equals(style.marker().getClass()), id + " has another marker than "
                    + "its family's");
        }
        assertEquals(18, colours.size());
        assertEquals(4, Set.copyOf(markerOfFamily.values()).size(), "one marker per family");
        assertEquals(PlotsTest.MECHANISMS, styles.ordered(), "display order from run.json");
    }

    /**
     * Every two palette colours stay apart for someone with deuteranopia or protanopia: the colours are simulated
     * with Machado, Oliveira and Fernandes' (2009) full-severity matrices in linear RGB, then compared as CIE76 ΔE
     * in CIELAB (D65). None is pale on white, nor grey.
     */
    @Test
    void thePaletteStaysApartUnderDeuteranopiaAndProtanopia() {
        double[][] deuteranopia = {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
            {-0.011820, 0.042940, 0.968881}};
        double[][] protanopia = {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
            {-0.003882, -0.048116, 1.051998}};
        double[][] normal = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        Color[] palette = SeriesStyles.PALETTE;
        double least = Double.MAX_VALUE;
        String closest = "";
        for (double[][] vision : List.of(normal, deuteranopia, protanopia)) {
            for (int i = 0; i < palette.length; i++) {
                for (int j = i + 1; j < palette.length; j++) {
                    double deltaE = distance(lab(palette[i], vision), lab(palette[j], vision));
                    if (deltaE < least) {
                        least = deltaE;
                        closest = Integer.toHexString(palette[i].getRGB()) + " and "
                                + Integer.toHexString(palette[j].getRGB());
                    }
                }
            }
        }
        assertTrue(least >= SeriesStyles.MIN_DELTA_E, "ΔE " + least + " between " + closest);
        for (Color colour : palette) {
            double[] lab = lab(colour, normal);
            assertTrue(contrastOnWhite(colour) >= 3.0, Integer.toHexString(colour.getRGB()) + " is pale on white");
            assertTrue(Math.hypot(lab[1], lab[2]) >= 25, Integer.toHexString(colour.getRGB()) + " is grey");
        }
    }

    /** CIELAB (D65) of {@code colour} as {@code vision} sees it (a matrix on linear RGB, clamped to the gamut). */
    private static double[] lab(Color colour, double[][] vision) {
        double[] rgb = {linear(colour.getRed()), linear(colour.getGreen()), linear(colour.getBlue())};
        double[] seen = new double[3];
        for (int i = 0; i < 3; i++) {
            seen[i] = Math.max(0, Math.min(1, vision[i][0] * rgb[0] + vision[i][1] * rgb[1] + vision[i][2] * rgb[2]));
        }
        double x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047;
        double y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2];
        double z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883;
        return new double[] {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    @Test
    void mechanismsOfUnknownFamilyStillDiffer() {
        SeriesStyles styles = new SeriesStyles(PlotsTest.MECHANISMS);

        Set<String> pairs = new HashSet<>();
        for (String id : PlotsTest.MECHANISMS) {
            SeriesStyles.Style style = styles.style(id);
            assertTrue(pairs.add(style.colour().getRGB() + "/" + style.marker().getClass().getName()), id);
            assertTrue(contrastOnWhite(style.colour()) >= 3.0, id + " too pale");
        }
        assertNotEquals(styles.style("pipe").colour(), styles.style("fifo").colour());
    }
}
