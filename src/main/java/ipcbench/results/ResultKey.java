package ipcbench.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Which benchmark a result belongs to: one value for every registered {@link Dimension} (mechanism, payload_bytes,
 * placement, wait, peers, and any added later), each in its canonical text. Every name derived from a key — the
 * histogram file names, the label tables show, the key columns of every CSV — is made by {@link #join} over the
 * dimensions in column order, so a new dimension reaches them all by being registered.
 *
 * <p>Invariant: a key holds exactly the dimensions registered when it was made; a dimension it was not given holds
 * its default.
 */
public final class ResultKey {
    /** Keys in the display order of each dimension, dimension by dimension in column order. */
    public static final Comparator<ResultKey> ORDER = (a, b) -> {
        for (Dimension dimension : Dimension.all()) {
            int c = dimension.displayOrder().compare(a.get(dimension), b.get(dimension));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private final Map<Dimension, String> values;

    private ResultKey(Map<Dimension, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A key from each dimension's value: {@code value} gives it, or null for the dimension's default. */
    public static ResultKey of(Function<Dimension, String> value) {
        Map<Dimension, String> values = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.all()) {
            String given = value.apply(dimension);
            String chosen = given != null ? given : dimension.defaultValue();
            if (chosen == null) {
                throw new IllegalArgumentException("no " + dimension.column() + " for a result key");
            }
            values.put(dimension, chosen);
        }
        return new ResultKey(values);
    }

    /** The key of today's five dimensions; later ones hold their defaults. */
    public static ResultKey of(String mechanism, int payloadBytes, String placement, String wait, String peers) {
        Map<Dimension, String> given = Map.of(Dimension.MECHANISM, mechanism, Dimension.PAYLOAD_BYTES,
                Integer.toString(payloadBytes), Dimension.PLACEMENT, placement, Dimension.WAIT, wait, Dimension.PEERS,
                peers);
        return of(given::get);
    }

    /** The key of a benchmark from its JMH parameters by name ({@link Dimension#jmhParam}); null: the default. */
    public static ResultKey ofParams(Function<String, String> param) {
        return of(dimension -> param.apply(dimension.jmhParam()));
    }

    /** This key with {@code dimension} at {@code value}. */
    public ResultKey with(Dimension dimension, String value) {
        return of(d -> d == dimension ? value : values.get(d));
    }

    public String get(Dimension dimension) {
        String value = values.get(dimension);
        return value != null ? value : dimension.defaultValue();
    }

    public String mechanism() {
        return get(Dimension.MECHANISM);
    }

    public int payloadBytes() {
        return Integer.parseInt(get(Dimension.PAYLOAD_BYTES));
    }

    public String placement() {
        return get(Dimension.PLACEMENT);
    }

    public String waitStrategy() {
        return get(Dimension.WAIT);
    }

    public String peers() {
        return get(Dimension.PEERS);
    }

    /** The key columns of every CSV, in order. */
    public static String header() {
        return String.join(",", Dimension.all().stream().map(Dimension::column).toList());
    }

    /** The key's cells, in {@link #header} order. */
    public String cells() {
        return join(",", (dimension, value) -> true);
    }

    /**
     * Names the files of this benchmark: {@code <mechanism>_<payload_bytes>_<placement>_<wait>}, then every later
     * dimension not at its default ({@code pipe_64_cross_block}, {@code pipe_64_cross_block_jvm-native}).
     */
    public String fileName() {
        return join("_", Dimension::named);
    }

    /**
     * The name a run made before the wait strategy was a dimension gave this key's files, {@code
     * <mechanism>_<payload_bytes>_<placement>}; only a key whose every other dimension is at its default had one.
     */
    public String nameBeforeDimensions() {
        boolean allDefault = values.entrySet().stream()
                .allMatch(e -> e.getKey().defaultValue() == null || e.getKey().isDefault(e.getValue()));
        return allDefault ? join("_", (dimension, value) -> dimension.defaultValue() == null) : null;
    }

    /**
     * The benchmark's setting as tables show it beside its mechanism and size: the placement, then {@code /<value>}
     * for every other dimension not at its default ({@code cross}, {@code cross/spin/native-native}).
     */
    public String placementShown() {
        return placementShownWithout(List.of());
    }

    /**
     * As {@link #placementShown()}, leaving out {@code shownElsewhere}, the dimensions a table gives columns of their
     * own ({@code cross/netns-veth} where wait and peers have one).
     */
    public String placementShownWithout(List<Dimension> shownElsewhere) {
        return join("/", (dimension, value) -> dimension == Dimension.PLACEMENT || dimension != Dimension.MECHANISM
                && dimension != Dimension.PAYLOAD_BYTES && !shownElsewhere.contains(dimension)
                && !dimension.isDefault(value));
    }

    /** THE way a key becomes text: the values of the dimensions {@code included} takes, in column order. */
    private String join(String separator, BiPredicate<Dimension, String> included) {
        List<String> parts = new ArrayList<>();
        for (Dimension dimension : Dimension.all()) {
            String value = get(dimension);
            if (included.test(dimension, value)) {
                parts.add(value);
            }
        }
        return String.join(separator, parts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResultKey key && values.equals(key.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return fileName();
    }
}
