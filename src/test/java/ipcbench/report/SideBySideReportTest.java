package ipcbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideReportTest {
    @TempDir
    Path tmp;

    @Test
    void runsSideBySideWithRatiosToTheFirstAndEnvironmentDifferencesHighlighted() throws Exception {
        Fonts.assumeAvailable();
        Path first = new RunFixture(tmp.resolve("a"), "run-a")
                .latency("tcp", 64, "cross", 10_000, 10_100, 9_900)
                .latency("pipe", 64, "cross", 5_000, 5_100, 4_900)
                .throughput("tcp", 64, "cross", 1e9, 1e7).write();
        Path second = new RunFixture(tmp.resolve("b"), "run-b").kernel("6.12.0-other")
                .latency("tcp", 64, "cross", 13_000, 13_100, 12_900)
                .throughput("tcp", 64, "cross", 0.5e9, 1e7)
                .skipped("pipe", null, "not wanted in this run").write();

        Report.Written written = SideBySideReport.write(List.of(first, second), tmp.resolve("out"));

        String md = Files.readString(written.markdown(), StandardCharsets.UTF_8);
        String html = Files.readString(written.html(), StandardCharsets.UTF_8);
        assertTrue(md.contains("| cross | 64 B | tcp | 10.0 | 13.0 | 1.300× |"), md);
        assertTrue(md.contains("| cross | 64 B | tcp | 1000 | 500 | 0.500× |"), md);
        assertTrue(md.contains("| cross | 64 B | pipe | 5.01 | — | — |"), md);
        assertTrue(md.contains("| OS / kernel | Linux 6.1.0-test-amd64 | **Linux 6.12.0-other** |"), md);
        assertTrue(md.contains("not wanted in this run"), md);
        assertTrue(md.contains("](plots/compare-latency-p50-vs-payload-cross.png)"), md);
        assertTrue(html.contains("<td class=\"differs\">Linux 6.12.0-other</td>"), "kernel not highlighted in HTML");
        assertTrue(html.contains("data:image/png;base64,"), "no chart embedded");
        String svg = Files.readString(tmp.resolve("out/plots/compare-throughput-vs-payload-cross.svg"));
        assertTrue(svg.contains("tcp #1") && svg.contains("tcp #2"), "overlaid series missing from the SVG");
    }

    @Test
    void oneRunIsNotAComparison() {
        assertThrows(ReportException.class, () -> SideBySideReport.write(List.of(tmp), tmp.resolve("out")));
    }
}
