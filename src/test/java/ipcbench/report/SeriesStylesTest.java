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
    void everyMechanismHasItsOwnStyleAndEachFamilyItsOwnColours() throws Exception {
        SeriesStyles styles = described(tmp.resolve("run"));

        Set<String> pairs = new HashSet<>();
        Map<Color, String> familyOfColour = new HashMap<>();
        for (String id : PlotsTest.MECHANISMS) {
            SeriesStyles.Style style = styles.style(id);
            assertTrue(pairs.add(style.colour().getRGB() + "/" + style.marker().getClass().getName()),
                    id + " shares its colour and marker with another mechanism");
            String family = PlotsTest.FAMILY.get(id);
            String before = familyOfColour.putIfAbsent(style.colour(), family);
            assertTrue(before == null || before.equals(family), id + "'s colour is also used by family " + before);
            assertTrue(contrastOnWhite(style.colour()) >= 3.0, id + "'s colour is too pale on white: "
                    + Integer.toHexString(style.colour().getRGB()));
        }
        assertEquals(18, pairs.size());
        assertEquals(PlotsTest.MECHANISMS, styles.ordered(), "display order from run.json");
    }

    @Test
    void mechanismsOfOneFamilyDifferInMarker() throws Exception {
        SeriesStyles styles = described(tmp.resolve("run"));

        for (String family : Set.copyOf(PlotsTest.FAMILY.values())) {
            Set<Class<?>> markers = new HashSet<>();
            PlotsTest.FAMILY.forEach((id, f) -> {
                if (f.equals(family)) {
                    assertTrue(markers.add(styles.style(id).marker().getClass()), id + " repeats a marker in " + f);
                }
            });
        }
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
