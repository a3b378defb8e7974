package ipcbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One dimension of a result row, the single place that knows it: its CSV column, the JMH parameter that carries it,
 * its default for files written before it existed ({@code null}: every file has it), how a cell parses (checked, so no
 * crafted cell can become a path) and the order its values are shown in. Values are kept as their canonical text,
 * which is also how they are written. The registered dimensions, in registration order, are the key columns of every
 * CSV and the parts of every name derived from a key ({@link ResultKey}).
 *
 * <p>Invariant: a dimension with a default is named in file names only when its value is not the default, so the
 * files of runs made before it existed keep their names ({@code wait} is the exception: it has been in names since
 * runs had it, and a name without it is read as {@code block}). A dimension registered later must have a default.
 */
public final class Dimension {
    /** Parses one cell of this dimension into its canonical value; fails with one line naming the file. */
    @FunctionalInterface
    public interface Cell {
        String parse(Path file, String column, String cell) throws IOException;
    }

    /** A lowercase id cell ({@link ResultFile#id}). */
    public static final Cell ID = ResultFile::id;

    public static final Dimension MECHANISM = new Dimension("mechanism", "mechanism", null, ID,
            Comparator.naturalOrder(), true);
    public static final Dimension PAYLOAD_BYTES = new Dimension("payload_bytes", "payloadBytes", null,
            (file, column, cell) -> Integer.toString(ResultFile.payloadBytes(file, cell)),
            Comparator.comparingInt(Integer::parseInt), true);
    public static final Dimension PLACEMENT = new Dimension("placement", "placement", null, ID,
            Comparator.naturalOrder(), true);
    public static final Dimension WAIT = new Dimension("wait", "wait", "block", ID, Comparator.naturalOrder(), true);
    public static final Dimension PEERS = new Dimension("peers", "peers", "jvm-jvm", ID,
            listed(List.of("jvm-jvm", "jvm-native", "native-native")), false);
    /** How the Java ends make their system calls ({@link ipcbench.mechanism.Io}); C ends and old files: jdk. */
    public static final Dimension IO = new Dimension("io", "io", "jdk", ID, listed(List.of("jdk", "direct")), false);

    /**
     * What joins client and echo server: {@code loopback} (one kernel), {@code netns-veth} (a second network namespace
     * over a veth pair) or the label of a link to another host; old files: loopback.
     */
    public static final Dimension LINK = new Dimension("link", "link", "loopback", ID,
            listed(List.of("loopback", "netns-veth")), false);

    /**
     * How many peers share the echo server: {@code pair} (one client), or {@code fanin} (several clients, each with its
     * own connection or queue, one server process); old files: pair.
     */
    public static final Dimension TOPOLOGY = new Dimension("topology", "topology", Topology.PAIR, ID,
            listed(List.of(Topology.PAIR, Topology.FAN_IN, Topology.FAN_OUT)), false);

    /** The values of {@link #TOPOLOGY}. */
    public static final class Topology {
        /** One client, one echo child. */
        public static final String PAIR = "pair";
        /** Several clients of one echo child ({@code --topology fanin}). */
        public static final String FAN_IN = "fanin";
        /** One publisher, several subscriber children ({@code --topology fanout}). */
        public static final String FAN_OUT = "fanout";

        private Topology() {
        }
    }

    /** The number of clients a {@link #TOPOLOGY} has: 1 for a pair; old files: 1. */
    public static final Dimension FAN = new Dimension("fan", "fan", "1", Dimension::fanCell,
            Comparator.comparingInt(Integer::parseInt), false);

    /** The widest fan a cell may name. */
    public static final int MAX_FAN = 64;

    private static final List<Dimension> BUILT_IN = List.of(MECHANISM, PAYLOAD_BYTES, PLACEMENT, WAIT, PEERS, IO,
            LINK, TOPOLOGY, FAN);
    private static final List<Dimension> REGISTERED = new CopyOnWriteArrayList<>(BUILT_IN);

    private final String column;
    private final String jmhParam;
    private final String defaultValue;
    private final Cell cell;
    private final Comparator<String> displayOrder;
    private final boolean namedWhenDefault;

    /**
     * @param column           the CSV column, a lowercase id
     * @param jmhParam         the JMH {@code @Param} that carries it (the default applies when a benchmark lacks it)
     * @param defaultValue     the value of files and benchmarks that lack it; null when every one has it
     * @param displayOrder     how its values are ordered in tables, charts and comparisons
     * @param namedWhenDefault whether file names carry it even at its default
     */
    public Dimension(String column, String jmhParam, String defaultValue, Cell cell, Comparator<String> displayOrder,
                     boolean namedWhenDefault) {
        this.column = Objects.requireNonNull(column);
        this.jmhParam = Objects.requireNonNull(jmhParam);
        this.defaultValue = defaultValue;
        this.cell = Objects.requireNonNull(cell);
        this.displayOrder = Objects.requireNonNull(displayOrder);
        this.namedWhenDefault = namedWhenDefault;
    }

    private static String fanCell(Path file, String column, String cell) throws IOException {
        if (!cell.matches("[1-9][0-9]?") || Integer.parseInt(cell) > MAX_FAN) {
            throw new IOException(file + ": column " + column + " holds '" + cell + "', not a fan of 1 to " + MAX_FAN);
        }
        return cell;
    }

    /** Values in {@code known}'s order, values it does not list after them in name order. */
    public static Comparator<String> listed(List<String> known) {
        return Comparator.comparingInt((String value) -> known.indexOf(value) < 0 ? known.size() : known.indexOf(value))
                .thenComparing(Comparator.naturalOrder());
    }

    /** The dimensions of every key, in column order. */
    public static List<Dimension> all() {
        return List.copyOf(REGISTERED);
    }

    /** Adds a dimension after the others; it must have a default, so that every existing file still reads. */
    public static void register(Dimension dimension) {
        if (dimension.defaultValue == null || REGISTERED.stream().anyMatch(d -> d.column.equals(dimension.column))) {
            throw new IllegalArgumentException("a new dimension needs a default and a column of its own: "
                    + dimension.column);
        }
        REGISTERED.add(dimension);
    }

    /** Removes a dimension added by {@link #register} (the built-in ones stay). */
    public static void unregister(Dimension dimension) {
        if (BUILT_IN.contains(dimension)) {
            throw new IllegalArgumentException("a built-in dimension stays: " + dimension.column);
        }
        REGISTERED.remove(dimension);
    }

    public String column() {
        return column;
    }

    public String jmhParam() {
        return jmhParam;
    }

    /** The value of files and benchmarks that lack this dimension; null when every one has it. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The canonical value of a cell; fails with one line naming the file, the column and the cell. */
    public String parse(Path file, String value) throws IOException {
        return cell.parse(file, column, value);
    }

    public Comparator<String> displayOrder() {
        return displayOrder;
    }

    /** Whether a file name carries this dimension at {@code value}. */
    boolean named(String value) {
        return namedWhenDefault || !value.equals(defaultValue);
    }

    boolean isDefault(String value) {
        return value.equals(defaultValue);
    }

    @Override
    public String toString() {
        return column;
    }
}
