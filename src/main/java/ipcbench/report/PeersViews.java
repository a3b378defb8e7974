package ipcbench.report;

import ipcbench.results.Dimension;
import ipcbench.results.Keyed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which ends of a run's rows were Java ({@code peers}), so that no ranking, chart or need mixes them: the report's
 * views show one peers value, jvm-jvm (what a Java program gets) whenever the run has any jvm-jvm row, else the
 * first of jvm-native, native-native it has. A mechanism measured only with other peers is left out of those views
 * (a C client beside JVM rows would win rankings no Java program can) and named, and keeps its own tables and its
 * rows in the JVM share section. The views likewise show one io path (jdk when measured) and one link (loopback
 * when measured): a round trip over a veth pair or a wire never ranks beside loopback ones; the other links have
 * tables of their own and the Across links section ({@link AcrossLinks}).
 */
final class PeersViews {
    static final String JVM_JVM = "jvm-jvm";
    static final String JVM_NATIVE = "jvm-native";
    static final String NATIVE_NATIVE = "native-native";
    /** The peers the JVM share chart has a slot for, in the peers dimension's display order. */
    static final List<String> ORDER = List.of(JVM_JVM, JVM_NATIVE, NATIVE_NATIVE);

    private PeersViews() {
    }

    /** Every peers value the run's rows have, in the dimension's display order. */
    static List<String> present(RunData run) {
        return GroupBy.values(Dimension.PEERS, run.allLatency(), run.allThroughput());
    }

    /** The peers the run's views show: jvm-jvm when present, else the first there is (jvm-jvm for an empty run). */
    static String shown(RunData run) {
        List<String> present = present(run);
        return present.isEmpty() ? Dimension.PEERS.defaultValue() : present.get(0);
    }

    static <T extends Keyed> List<T> of(List<T> rows, String peers) {
        return GroupBy.at(rows, Dimension.PEERS, peers);
    }

    /** Every io path the run's rows have, in the dimension's display order (jdk, direct). */
    static List<String> ios(RunData run) {
        return GroupBy.values(Dimension.IO, run.allLatency(), run.allThroughput());
    }

    /**
     * The io path the views show: jdk, the JDK's own channels, when present (what a Java program gets without
     * native bindings of its own), else the one there is.
     */
    static String shownIo(RunData run) {
        List<String> present = ios(run);
        return present.isEmpty() ? Dimension.IO.defaultValue() : present.get(0);
    }

    /** Every link the run's rows have, in the dimension's display order (loopback, netns-veth, then labels). */
    static List<String> links(RunData run) {
        return GroupBy.values(Dimension.LINK, run.allLatency(), run.allThroughput());
    }

    /** The link the views show: loopback when present (a run over a far link has it too), else the first there is. */
    static String shownLink(RunData run) {
        List<String> present = links(run);
        return present.isEmpty() ? Dimension.LINK.defaultValue() : present.get(0);
    }

    /** The rows of one peers value, one io path and one link. */
    static <T extends Keyed> List<T> of(List<T> rows, String peers, String io, String link) {
        return GroupBy.at(GroupBy.at(of(rows, peers), Dimension.IO, io), Dimension.LINK, link);
    }

    /** The rows over one link, of every peers value and io path. */
    static <T extends Keyed> List<T> overLink(List<T> rows, String link) {
        return GroupBy.at(rows, Dimension.LINK, link);
    }

    /** What a link is, for headings: {@code netns-veth (a second network namespace over a veth pair, this machine)}. */
    static String describedLink(String link) {
        return switch (link) {
            case "loopback" -> "loopback (one kernel)";
            case "netns-veth" -> "netns-veth (a second network namespace over a veth pair, this machine)";
            default -> link + " (to another host)";
        };
    }

    /** What an io path means, for headings. */
    static String describedIo(String io) {
        return switch (io) {
            case "jdk" -> "jdk (the JDK's channels)";
            case "direct" -> "direct (plain read/write calls)";
            default -> io;
        };
    }

    /** What a peers value means, for headings: {@code native-native (C client, C echo server)}. */
    static String described(String peers) {
        return switch (peers) {
            case JVM_JVM -> peers + " (JMH client, Java echo server)";
            case JVM_NATIVE -> peers + " (JMH client, C echo server)";
            case NATIVE_NATIVE -> peers + " (C client, C echo server)";
            default -> peers;
        };
    }

    /**
     * The sentences that say what the run's views leave out: that they do not show jvm-jvm, and the mechanisms
     * measured only with other peers; empty for a run of one peers value.
     */
    static List<String> leftOut(RunData run) {
        String shown = shown(run);
        List<String> sentences = new ArrayList<>();
        if (shown.equals(Dimension.PEERS.defaultValue()) && present(run).size() > 1) {
            sentences.add("This run measured several kinds of ends (" + String.join(", ", present(run))
                    + "): rankings, needs and charts show jvm-jvm, what a Java program on both ends gets; the other "
                    + "peers have tables of their own and the JVM share section.");
        } else if (!shown.equals(Dimension.PEERS.defaultValue())) {
            sentences.add("This run has no jvm-jvm rows: rankings, needs and charts show " + described(shown)
                    + ", not what a Java program on both ends gets.");
        }
        if (ios(run).size() > 1) {
            sentences.add("This run measured two io paths (" + String.join(", ", ios(run)) + "): rankings, needs and "
                    + "charts show " + describedIo(shownIo(run)) + "; the other has tables of its own and sits beside "
                    + "it in the JVM share section.");
        }
        if (links(run).size() > 1) {
            sentences.add("This run measured over several links (" + String.join(", ", links(run)) + "): rankings, "
                    + "needs and charts show " + describedLink(shownLink(run)) + "; "
                    + (links(run).size() > 2 ? "the other links have tables of their own" : "the other has tables of "
                    + "its own") + " and the Across links section.");
        }
        Set<String> listed = new HashSet<>();
        run.latency().forEach(row -> listed.add(row.mechanism()));
        run.throughput().forEach(row -> listed.add(row.mechanism()));
        List<String> others = new ArrayList<>();
        String link = shownLink(run);
        for (String peers : present(run)) {
            Set<String> only = new HashSet<>();
            of(overLink(run.allLatency(), link), peers).forEach(row -> only.add(row.mechanism()));
            of(overLink(run.allThroughput(), link), peers).forEach(row -> only.add(row.mechanism()));
            only.removeAll(listed);
            new SeriesStyles(only, List.of(run)).ordered().forEach(id -> others.add(id + " (" + peers + ")"));
            listed.addAll(only);
        }
        if (!others.isEmpty()) {
            sentences.add("Left out of rankings, needs and charts, measured only with other peers: "
                    + String.join(", ", others) + "; their rows are in the tables of those peers below.");
        }
        return sentences;
    }

    /** A peers value's place in {@link #ORDER}; values it does not know come last. */
    static int rank(String peers) {
        int index = ORDER.indexOf(peers);
        return index < 0 ? ORDER.size() : index;
    }
}
