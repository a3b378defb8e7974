package ipcbench.report;

import ipcbench.results.HostFloor;
import ipcbench.results.LatencyRow;
import ipcbench.results.LoadRow;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the README and the manual quote from the reference run ({@code results/reference}), made from its files so a
 * quote cannot drift from the run: each quote sits between {@code <!-- reference:begin NAME -->} and
 * {@code <!-- reference:end -->} in a Markdown file, and {@link #main} rewrites every such block
 * ({@code java -cp target/benchmarks.jar ipcbench.report.ReferenceQuotes}); a test fails when a committed block
 * differs from what the run gives.
 */
public final class ReferenceQuotes {
    /** The files that may hold quotes, relative to the repository. */
    static final List<String> FILES = List.of("README.md", "results/README.md", "docs/method.md", "docs/reports.md");
    static final Path REFERENCE_RUN = Path.of("results/reference");
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- reference:begin ([a-z-]+) -->\n)(.*?)(<!-- reference:end -->)", Pattern.DOTALL);

    private ReferenceQuotes() {
    }

    /** Every quote by name, from the run in {@code runDir}. */
    static Map<String, String> quotes(Path runDir) throws ReportException {
        RunData run = RunData.load(runDir);
        RunInfo info = run.info();
        RunInfo.Environment env = info.environment();
        String when = "made on " + info.startedAt().substring(0, 10) + " on " + env.host() + " (" + env.cpuModel()
                + ", " + env.onlineCpus() + " CPUs, Linux " + env.kernel() + ", JDK " + env.jdkVersion() + ")";
        Map<String, String> quotes = new LinkedHashMap<>();
        quotes.put("run", "From [results/reference/](results/reference/): one default run (`./run-bench.sh`, "
                + info.options().profile() + " profile, " + info.options().forks()
                + (info.options().forks() == 1 ? " fork" : " forks") + " per benchmark, client on "
                + "CPU " + Captions.cpu(info.cpus().clientCpu()) + " and echo thread on CPU "
                + Captions.cpu(info.cpus().serverCpu()) + ") " + when + ". " + spread(run) + cores(run) + "\n");
        quotes.put("when", "[reference/](reference/) is one default run kept in the repository, " + when
                + ", in the current format.\n");
        return quotes;
    }

    /** The blocking and spinning p50 ranges at the smallest size, with the host's floor. */
    private static String spread(RunData run) {
        int smallest = run.latency().stream().mapToInt(LatencyRow::payloadBytes).min().orElse(0);
        List<String> parts = new ArrayList<>();
        for (String wait : AtAGlance.waits(run.latency(), LatencyRow::waitStrategy)) {
            List<LatencyRow> rows = run.latency().stream()
                    .filter(r -> r.payloadBytes() == smallest && r.waitStrategy().equals(wait)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            long low = rows.stream().mapToLong(LatencyRow::p50Ns).min().orElse(0);
            long high = rows.stream().mapToLong(LatencyRow::p50Ns).max().orElse(0);
            HostFloor.Measured floor = run.info().floor(HostFloor.BEFORE, rows.get(0).placement(), wait);
            parts.add(AtAGlance.waitWord(wait) + " round trips "
                    + Numbers.micros(low) + "–" + Numbers.micros(high) + " µs"
                    + (floor == null ? "" : " (the host's floor " + Numbers.micros(floor.p50Ns()) + " µs)"));
        }
        return "At " + Numbers.bytes(smallest) + ", p50: " + String.join("; ", parts) + ".";
    }

    /** The cores busy at the lowest offered rate, blocking and spinning ranges; empty without cpu-at-load.csv. */
    private static String cores(RunData run) {
        List<String> parts = new ArrayList<>();
        String placement = run.placements().isEmpty() ? "" : run.placements().get(0);
        var rate = CpuAtLoadSection.lowestRate(run, placement);
        if (rate.isEmpty()) {
            return "";
        }
        List<LoadRow> ranked = CpuAtLoadSection.ranked(run, placement, rate.get());
        for (String wait : AtAGlance.waits(ranked, LoadRow::waitStrategy)) {
            List<LoadRow> rows = ranked.stream().filter(r -> r.waitStrategy().equals(wait)).toList();
            parts.add(AtAGlance.waitWord(wait) + " " + CpuAtLoadSection.cores(rows.get(0).cores().total()) + "–"
                    + CpuAtLoadSection.cores(rows.get(rows.size() - 1).cores().total()));
        }
        return " Cores kept busy at " + CpuAtLoadSection.rate(rate.get()) + " offered: " + String.join("; ", parts)
                + ".";
    }

    /** {@code markdown} with every quote block's body replaced by the quote of its name. */
    static String rewrite(String markdown, Map<String, String> quotes, String file) {
        Matcher blocks = BLOCK.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (blocks.find()) {
            String quote = quotes.get(blocks.group(2));
            if (quote == null) {
                throw new IllegalArgumentException(file + ": no reference quote named " + blocks.group(2));
            }
            blocks.appendReplacement(out, Matcher.quoteReplacement(blocks.group(1) + quote + blocks.group(4)));
        }
        blocks.appendTail(out);
        return out.toString();
    }

    /** Rewrites the quote blocks of {@link #FILES} under the repository directory given (default: here). */
    public static void main(String[] args) throws IOException, ReportException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Map<String, String> quotes = quotes(root.resolve(REFERENCE_RUN));
        for (String name : FILES) {
            Path file = root.resolve(name);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String rewritten = rewrite(text, quotes, name);
            if (!rewritten.equals(text)) {
                Files.writeString(file, rewritten, StandardCharsets.UTF_8);
                System.out.println("rewrote the reference quotes of " + name);
            }
        }
    }
}
