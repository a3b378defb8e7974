package ipcbench.report;

import ipcbench.results.RunInfo;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The look of each mechanism's series, the same in every chart of a report: a colour AND a marker. Ten colours and
 * seven markers (coprime counts) give 70 distinct pairs, so 16+ mechanisms stay apart even where colours repeat.
 * The line style is left free to show a second dimension: the metric (p50 solid, p99 dashed) or the run in a
 * comparison. Mechanisms take the display order run.json gives them; ids it does not describe (runs made before it
 * did) come after them in name order.
 */
final class SeriesStyles {
    /** Tableau 10, with a darker yellow and black for the two colours that vanish on white. */
    private static final Color[] COLOURS = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xB6992D), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0x333333),
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
    };
    private static final float LINE_WIDTH = 1.6f;
    /** Solid, dashed, dotted, dash-dot: p50/p99, or run 1, 2, 3, 4 (then again). */
    private static final BasicStroke[] LINES = {
        new BasicStroke(LINE_WIDTH),
        new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f),
        new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f),
        new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 3f, 2f, 3f}, 0f),
    };

    private final Map<String, Integer> indexById = new HashMap<>();

    /** Styles for {@code mechanismIds}, in name order. */
    SeriesStyles(Collection<String> mechanismIds) {
        this(mechanismIds, List.of());
    }

    /** Styles for {@code mechanismIds}, in the display order of the runs that describe them. */
    SeriesStyles(Collection<String> mechanismIds, Collection<RunData> runs) {
        Map<String, Integer> displayOrder = new HashMap<>();
        for (RunData run : runs) {
            for (RunInfo.MechanismInfo known : run.mechanisms()) {
                displayOrder.putIfAbsent(known.id(), known.displayOrder());
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String id : mechanismIds) {
            if (displayOrder.containsKey(id)) {
                ordered.add(id);
            }
        }
        ordered.sort(Comparator.comparing(displayOrder::get));
        TreeSet<String> unknown = new TreeSet<>(mechanismIds);
        unknown.removeAll(ordered);
        ordered.addAll(unknown);
        for (int i = 0; i < ordered.size(); i++) {
            indexById.put(ordered.get(i), i);
        }
    }

    /** The ids in style order: display order, then undescribed ids by name. */
    List<String> ordered() {
        List<String> ids = new ArrayList<>(indexById.keySet());
        ids.sort((a, b) -> Integer.compare(indexById.get(a), indexById.get(b)));
        return ids;
    }

    /** Gives {@code series} the mechanism's colour and marker and line style number {@code line}. */
    void apply(MarkerSeries series, String mechanism, int line) {
        int index = index(mechanism);
        Color colour = COLOURS[index % COLOURS.length];
        series.setMarker(MARKERS[index % MARKERS.length]);
        series.setMarkerColor(colour);
        series.setLineColor(colour);
        series.setLineStyle(LINES[line % LINES.length]);
    }

    private int index(String mechanism) {
        Integer index = indexById.get(mechanism);
        if (index == null) {
            throw new IllegalArgumentException("no style for mechanism " + mechanism);
        }
        return index;
    }
}
