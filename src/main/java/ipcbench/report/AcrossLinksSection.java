package ipcbench.report;

import ipcbench.results.Interval;
import ipcbench.results.LatencyRow;
import ipcbench.results.RunInfo;
import ipcbench.results.ThroughputRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The report's "Across links" section, present when a run measured over a link other than loopback ({@link
 * AcrossLinks}): per far link what run.json says of it, then per placement and payload size a table of each
 * mechanism's p50 and p99 over loopback and over the link with the link's ratio to loopback, a throughput table per
 * placement when the run streamed, and the section's charts ({@link LinksChart}). The rows are those of every peers
 * value and io path that crossed the link; the mechanisms that do not cross hosts say "loopback only" and nothing else.
 */
final class AcrossLinksSection {
    private static final String NOT_MEASURED = "not measured";

    private AcrossLinksSection() {
    }

    static void write(ReportDocument doc, RunData run, List<Plots.Plot> plots) {
        if (!AcrossLinks.applies(run)) {
            return;
        }
        doc.heading(2, "Across links");
        doc.paragraph("Every mechanism that crosses hosts was measured over loopback and over each link below, "
                + "interleaved in this run; the host-local ones over loopback only. A row puts one benchmark over the "
                + "link beside the same benchmark over loopback (same mechanism, size, placement, wait and ends). "
                + "Latency is a round trip timed on the client's one clock, out and back, and is never halved into a "
                + "one-way time. \"÷ loopback\" is the link's value over loopback's: 1.30× means the link adds 30% "
                + "to the round trip (or, for throughput, carries 1.30 times the bytes). A p50 or throughput ratio's "
                + "interval divides the two intervals of the median crosswise ([low ÷ the other's high, high ÷ the "
                + "other's low]), as in the JVM share: it holds the true ratio whenever both intervals hold their "
                + "medians, so its coverage is at least the product of theirs. " + RunTables.TIE_MARK + " before a "
                + "ratio: its interval holds 1, so this run cannot tell the link from loopback. The p99 ratio is a "
                + "point, without an interval. " + RunTables.UNSTABLE_MARK + " after a value: not in a steady state.");
        for (String link : AcrossLinks.farLinks(run)) {
            doc.paragraph(described(run, link));
            for (String placement : run.placements()) {
                for (int size : AcrossLinks.sizes(run, link, placement)) {
                    latencyTable(doc, run, link, placement, size);
                }
                throughputTable(doc, run, link, placement);
            }
        }
        for (Plots.Plot plot : plots) {
            if (plot.name().startsWith(LinksChart.PREFIX)) {
                doc.image(plot.png(), plot.svg(), plot.title());
            }
        }
    }

    /** What run.json says of a far link: its far end's address, launcher, shaping and machine. */
    static String described(RunData run, String link) {
        String text = "Link " + PeersViews.describedLink(link) + ": ";
        Optional<RunInfo.LinkInfo> info = run.info().links() == null ? Optional.empty()
                : run.info().links().stream().filter(l -> link.equals(l.id())).findFirst();
        if (info.isEmpty()) {
            return text + "run.json does not describe it.";
        }
        RunInfo.LinkInfo known = info.get();
        List<String> parts = new ArrayList<>();
        parts.add("the far end at " + Captions.text(known.address())
                + (known.ports() == null ? "" : ", ports " + known.ports()));
        if (known.launcher() != null && !known.launcher().isEmpty()) {
            parts.add("its echo children started through " + String.join(" ", known.launcher()));
        }
        parts.add(known.shaping() == null || known.shaping().isEmpty() ? "no shaping"
                : "shaping " + String.join("; ", known.shaping()));
        RunInfo.Environment far = known.far();
        if (far != null) {
            parts.add("far machine " + Captions.text(far.host()) + " (" + Captions.text(far.cpuModel()) + ", "
                    + far.onlineCpus() + " CPUs), " + Captions.text(far.os()) + " " + Captions.text(far.kernel())
                    + ", JDK " + Captions.text(far.jdkVersion()));
        }
        return text + String.join("; ", parts) + ".";
    }

    private static void latencyTable(ReportDocument doc, RunData run, String link, String placement, int size) {
        List<List<String>> cells = new ArrayList<>();
        for (AcrossLinks.Twin<LatencyRow> twin : AcrossLinks.latency(run, link, placement, size)) {
            List<String> row = new ArrayList<>(List.of(AcrossLinks.name(twin.row())));
            row.addAll(latencyCells(twin.loopback(), "n/a: no loopback row"));
            row.addAll(latencyCells(twin.over(), NOT_MEASURED));
            Optional<JvmShare.Ratio> p50 = AcrossLinks.p50(twin);
            row.add(p50.map(JvmShare.Ratio::shown).orElse(""));
            row.add(p50.map(JvmShare.Ratio::shownInterval).orElse(""));
            row.add(p50.map(JvmShare.Ratio::coverage).filter(c -> !Double.isNaN(c))
                    .map(c -> Numbers.fixed(c * 100, 0) + "%").orElse(p50.isPresent() ? "n/a" : ""));
            row.add(AcrossLinks.p99(twin).map(AtAGlance::times).orElse(p50.isPresent() ? RunTables.UNSUPPORTED : ""));
            cells.add(row);
        }
        AcrossLinks.latencyLoopbackOnly(run, link, placement, size).forEach(name -> cells.add(loopbackOnly(name, 11)));
        doc.heading(3, "Round trip over " + link + " and loopback at " + Numbers.bytes(size) + ", placement "
                + placement);
        doc.plainTable(List.of("mechanism", "loopback p50 (µs)", "loopback p50 interval", "loopback p99 (µs)",
                link + " p50 (µs)", link + " p50 interval", link + " p99 (µs)", "p50 ÷ loopback", "its interval",
                "ratio coverage ≥", "p99 ÷ loopback"), numbers(11, 1), cells);
    }

    /** A row's p50, its interval and its p99 (µs), or {@code absent} and two empty cells. */
    private static List<String> latencyCells(Optional<LatencyRow> row, String absent) {
        if (row.isEmpty()) {
            return List.of(absent, "", "");
        }
        LatencyRow r = row.get();
        String mark = RunTables.unstableMark(r.repeats());
        return List.of(Numbers.micros(r.p50Ns()) + mark, RunTables.microsInterval(r.p50NsCi()),
                RunTables.percentile(r.samples(), 0.99, r.p99Ns(), mark));
    }

    private static void throughputTable(ReportDocument doc, RunData run, String link, String placement) {
        List<AcrossLinks.Twin<ThroughputRow>> twins = AcrossLinks.throughput(run, link, placement);
        if (twins.isEmpty()) {
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        for (AcrossLinks.Twin<ThroughputRow> twin : twins) {
            List<String> row = new ArrayList<>(List.of(AcrossLinks.name(twin.row()),
                    Numbers.bytes(twin.row().payloadBytes())));
            row.addAll(throughputCells(twin.loopback(), "n/a: no loopback row"));
            row.addAll(throughputCells(twin.over(), NOT_MEASURED));
            Optional<JvmShare.Ratio> ratio = AcrossLinks.bytesPerS(twin);
            row.add(ratio.map(JvmShare.Ratio::shown).orElse(""));
            row.add(ratio.map(JvmShare.Ratio::shownInterval).orElse(""));
            cells.add(row);
        }
        AcrossLinks.throughputLoopbackOnly(run, link, placement).forEach(name -> cells.add(loopbackOnly(name, 10)));
        doc.heading(3, "Throughput over " + link + " and loopback, placement " + placement
                + " (MB/s: 1 MB = 10^6 bytes)");
        doc.plainTable(List.of("mechanism", "payload", "loopback messages/s", "loopback MB/s", "loopback MB/s interval",
                link + " messages/s", link + " MB/s", link + " MB/s interval", "MB/s ÷ loopback", "its interval"),
                numbers(10, 2), cells);
    }

    /** A row's messages/s, MB/s and its interval, or {@code absent} and two empty cells. */
    private static List<String> throughputCells(Optional<ThroughputRow> row, String absent) {
        if (row.isEmpty()) {
            return List.of(absent, "", "");
        }
        ThroughputRow r = row.get();
        Interval ci = r.bytesPerSCi();
        return List.of(Numbers.whole(r.messagesPerS()),
                Numbers.megabytesPerS(r.bytesPerS()) + RunTables.unstableMark(r.repeats()),
                ci.known() ? "[" + Numbers.megabytesPerS(ci.low()) + "–" + Numbers.megabytesPerS(ci.high()) + "]"
                        : "n/a");
    }

    /** A table row of {@code width} cells for a mechanism measured over loopback only: its name, the words, blanks. */
    private static List<String> loopbackOnly(String name, int width) {
        List<String> row = new ArrayList<>(List.of(name, AcrossLinks.LOOPBACK_ONLY));
        while (row.size() < width) {
            row.add("");
        }
        return row;
    }

    /** The first {@code text} columns name a mechanism (and size), the others hold numbers. */
    private static boolean[] numbers(int width, int text) {
        boolean[] numeric = new boolean[width];
        Arrays.fill(numeric, text, width, true);
        return numeric;
    }

}
