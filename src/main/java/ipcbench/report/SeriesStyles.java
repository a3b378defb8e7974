package ipcbench.report;

import ipcbench.results.RunInfo;
import org.knowm.xchart.XYSeries;
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
 * The look of each mechanism's series, the same in every chart of a report: a colour of its own (no two mechanisms of
 * a report share one, up to {@link #PALETTE}'s 18) and a marker per family (stream circle, datagram square, memory
 * diamond, rpc triangle), so the marker says "which kind of IPC" and the colour "which mechanism". The palette was
 * chosen by a farthest-point search over sRGB under three ways of seeing: normal vision, deuteranopia and protanopia
 * (Machado et al. 2009, full severity); any two of its colours are at least {@link #MIN_DELTA_E} apart (CIE76 ΔE)
 * under each, none is pale (at least 3:1 contrast on white) nor grey. {@code SeriesStylesTest} recomputes both. The
 * line style is left free for a second dimension: the metric (p50 solid, p99 dashed) or the run in a comparison.
 * Mechanisms take the display order run.json gives them, and colours in that order; ids it does not describe come
 * after them in name order, with markers by position.
 */
final class SeriesStyles {
    /** A mechanism's colour and marker. */
    record Style(Color colour, Marker marker) {
    }

    /** The colours in the order mechanisms take them; any two at least {@link #MIN_DELTA_E} apart. */
    static final Color[] PALETTE = {
        new Color(0x1F5FA8), new Color(0x69A500), new Color(0x0000FF), new Color(0x1E4B2D), new Color(0x0FA5A5),
        new Color(0x4BA569), new Color(0x5A69FF), new Color(0x1E6900), new Color(0x693C69), new Color(0x2D2DB4),
        new Color(0x6996D2), new Color(0x965A69), new Color(0x7887F0), new Color(0xFF4B5A), new Color(0x004BFF),
        new Color(0xA5003C), new Color(0x007896), new Color(0x1E5AC3),
    };
    /** The least CIE76 ΔE between two palette colours under normal vision, deuteranopia and protanopia. */
    static final double MIN_DELTA_E = 15.0;
    private static final Map<String, Marker> FAMILY_MARKERS = Map.of("stream", SeriesMarkers.CIRCLE,
            "datagram", SeriesMarkers.SQUARE, "memory", SeriesMarkers.DIAMOND, "rpc", SeriesMarkers.TRIANGLE_UP);
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
    };
    static final float LINE_WIDTH = 1.6f;
    /** Solid, dashed, dotted, dash-dot: p50/p99, or run 1, 2, 3, 4 (then again). */
    static final BasicStroke[] LINES = {
        new BasicStroke(LINE_WIDTH),
        new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f),
        new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f),
        new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 3f, 2f, 3f}, 0f),
    };

    private final List<String> ordered = new ArrayList<>();
    private final Map<String, Style> styleById = new HashMap<>();

    /** Styles for {@code mechanismIds}, in name order, families unknown. */
    SeriesStyles(Collection<String> mechanismIds) {
        this(mechanismIds, List.of());
    }

    /** Styles for {@code mechanismIds}, in the display order and families of the runs that describe them. */
    SeriesStyles(Collection<String> mechanismIds, Collection<RunData> runs) {
        Map<String, Integer> displayOrder = new HashMap<>();
        Map<String, String> family = new HashMap<>();
        for (RunData run : runs) {
            for (RunInfo.MechanismInfo known : run.mechanisms()) {
                displayOrder.putIfAbsent(known.id(), known.displayOrder());
                family.putIfAbsent(known.id(), known.family());
            }
        }
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
            String id = ordered.get(i);
            Marker marker = FAMILY_MARKERS.get(String.valueOf(family.get(id)));
            styleById.put(id, new Style(PALETTE[i % PALETTE.length],
                    marker != null && i < PALETTE.length ? marker : MARKERS[i % MARKERS.length]));
        }
    }

    /** The ids in style order: display order, then undescribed ids by name. */
    List<String> ordered() {
        return List.copyOf(ordered);
    }

    Style style(String mechanism) {
        Style style = styleById.get(mechanism);
        if (style == null) {
            throw new IllegalArgumentException("no style for mechanism " + mechanism);
        }
        return style;
    }

    /** Gives {@code series} the mechanism's colour and marker and line style number {@code line}. */
    void apply(XYSeries series, String mechanism, int line) {
        Style style = style(mechanism);
        series.setMarker(style.marker());
        series.setMarkerColor(style.colour());
        series.setLineColor(style.colour());
        series.setLineStyle(LINES[line % LINES.length]);
    }

    /** One legend entry per mechanism, in style order: its colour and marker on a solid line. */
    List<ChartCanvas.LegendEntry> legend(Collection<String> shown) {
        List<ChartCanvas.LegendEntry> entries = new ArrayList<>();
        for (String id : ordered) {
            if (shown.contains(id)) {
                Style style = style(id);
                entries.add(new ChartCanvas.LegendEntry(id, style.colour(), style.marker(), LINES[0]));
            }
        }
        return entries;
    }
}
