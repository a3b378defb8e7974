package ipcbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    @Test
    void reportNamesEveryMeasuredAndSkippedMechanismAndEmbedsTheCharts() throws Exception {
        Path runDir = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Report.Written written = Report.write(runDir, runDir.resolve("plots"));

        String md = Files.readString(written.markdown(), StandardCharsets.UTF_8);
        String html = Files.readString(written.html(), StandardCharsets.UTF_8);
        for (String id : PlotsTest.MECHANISMS) {
            assertTrue(md.contains("| " + id + " |"), "report.md lacks " + id);
            assertTrue(html.contains("<td>" + id + "</td>"), "report.html lacks " + id);
        }
        assertTrue(md.contains("Aeron media driver not available here"), "skipped reason missing");
        assertTrue(md.contains("grpc-uds_64_cross latency"), "failed benchmark missing");
        assertTrue(md.contains("| tcp | stream | fixture summary of tcp |"), "tcp's family and summary from run.json");
        assertTrue(md.indexOf("| pipe | stream |") < md.indexOf("| aeron-ipc | memory |")
                && md.indexOf("| tcp | stream |") < md.indexOf("| udp | datagram |"), "display order from run.json");
        assertTrue(md.contains("![") && md.contains("](plots/latency-percentiles-64B-cross-stream.png)"),
                "report.md does not link the charts relatively");

        assertFalse(html.contains("src=\"plots/") || html.contains("http://") || html.contains("https://"),
                "report.html refers to something outside itself");
        int image = html.indexOf("data:image/png;base64,");
        assertTrue(image > 0, "report.html embeds no chart");
        String encoded = html.substring(image + "data:image/png;base64,".length(), html.indexOf('"', image));
        byte[] png = Base64.getDecoder().decode(encoded);
        assertTrue(png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "embedded chart is not a PNG");
        assertTrue(html.contains("(<a href=\"plots/latency-percentiles-64B-cross-stream.svg\">SVG</a>)"),
                "each chart links its SVG, relative to the file");

        int contents = html.indexOf("<nav aria-label=\"Contents\">");
        assertTrue(contents > 0 && contents < html.indexOf("<h2"), "the contents come first");
        assertTrue(html.contains("<a href=\"#at-a-glance\">At a glance</a>")
                && html.contains("<h2 id=\"at-a-glance\">At a glance</h2>"), "a link to each section's anchor");
        assertTrue(html.contains("<h2 id=\"cpu-at-a-given-load\">"), html.substring(0, 2000));
        int tables = html.split("<table>", -1).length - 1;
        assertEquals(tables, html.split("<table>\n<caption>", -1).length - 1, "every table has a caption");
        assertEquals(tables, html.split("<thead><tr><th scope=\"col\">", -1).length - 1, "and a header row");
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        while (id.find()) {
            assertTrue(ids.add(id.group(1)), "anchors are unique: " + id.group(1));
        }
    }

    @Test
    void aRunJsonWithoutMechanismDescriptionsStillRenders() throws Exception {
        Path runDir = new RunFixture(tmp.resolve("old"), "old").latency("udp", 64, "cross", 9_000, 9_100, 8_900)
                .latency("pipe", 64, "cross", 5_000, 5_100, 4_900).write();
        Report.Written written = Report.write(runDir, runDir.resolve("plots"));

        String md = Files.readString(written.markdown(), StandardCharsets.UTF_8);
        assertTrue(md.contains("| pipe | unknown | (no description: run.json does not describe it) |"), md);
        assertTrue(md.indexOf("| pipe | unknown |") < md.indexOf("| udp | unknown |"), "undescribed ids in name order");
    }
}
