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
 * The look of each mechanism's series, the same in every chart of a report, the ranking included: a hue per family
 * (stream blue, datagram orange-brown, memory green, rpc purple-red) in three strong shades, and a marker per
 * mechanism within its family, so a colour says "which kind of IPC" and colour plus marker says "which mechanism".
 * No colour is pale: each has at least 3:1 contrast against white. Mechanisms whose family a run does not record
 * (older runs) take a ten-colour dark palette instead. The line style is left free for a second dimension: the metric
 * (p50 solid, p99 dashed) or the run in a comparison. Mechanisms take the display order run.json gives them; ids it
 * does not describe come after them in name order.
 */
final class SeriesStyles {
    /** A mechanism's colour and marker. */
    record Style(Color colour, Marker marker) {
    }

    private static final Map<String, Color[]> FAMILY_SHADES = Map.of(
            "stream", new Color[] {new Color(0x1F5FA8), new Color(0x0B2F66), new Color(0x3A8CC8)},
            "datagram", new Color[] {new Color(0xC04F00), new Color(0x7A3A05), new Color(0xA8790A)},
            "memory", new Color[] {new Color(0x1E8A3C), new Color(0x0D4D22), new Color(0x4C9A1A)},
            "rpc", new Color[] {new Color(0x7B3FA0), new Color(0xB0185A), new Color(0x4A2378)});
    /** For mechanisms without a known family: distinct, all dark enough for white paper. */
    private static final Color[] UNKNOWN_FAMILY = {
        new Color(0x1F5FA8), new Color(0xC04F00), new Color(0x1E8A3C), new Color(0xB0185A), new Color(0x7B3FA0),
        new Color(0x7A3A05), new Color(0x0E7C86), new Color(0x555555), new Color(0x8A7000), new Color(0x000000),
    };
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

        Map<String, Integer> takenInFamily = new HashMap<>();
        for (String id : ordered) {
            Color[] shades = family.get(id) == null ? null : FAMILY_SHADES.get(family.get(id));
            String group = shades == null ? "" : family.get(id);
            int i = takenInFamily.merge(group, 1, Integer::sum) - 1;
            Color colour = shades == null ? UNKNOWN_FAMILY[i % UNKNOWN_FAMILY.length] : shades[i % shades.length];
            styleById.put(id, new Style(colour, MARKERS[i % MARKERS.length]));
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
    void apply(MarkerSeries series, String mechanism, int line) {
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
