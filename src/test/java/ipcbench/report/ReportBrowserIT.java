package ipcbench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * report.html in a real browser, headless: every embedded chart decodes, and the first screen (1280 × 900) holds the
 * report's opening lines. The report has no script; the test loads a copy with a probe script added before
 * {@code </body>} that writes what the browser saw into the page, and reads it back from the dumped DOM. Skipped,
 * saying so, where no Chromium is installed.
 */
class ReportBrowserIT {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final String PROBE = "<script>window.addEventListener('load',()=>{const images=[...document.images];"
            + "const first=[...document.querySelectorAll('li')].filter(li=>li.getBoundingClientRect().bottom<="
            + "window.innerHeight).map(li=>li.textContent).join('\\n');const probe=document.createElement('pre');"
            + "probe.id='probe';probe.textContent=JSON.stringify({images:images.length,broken:images.filter(i=>"
            + "!i.complete||i.naturalWidth===0).length,first});document.body.appendChild(probe);});</script>";

    @TempDir
    Path tmp;

    @Test
    void everyChartDecodesAndTheFirstScreenHoldsTheOpeningLines() throws Exception {
        Optional<Path> browser = browser();
        assumeTrue(browser.isPresent(), "no headless browser installed (looked for " + BROWSERS + " on PATH)");
        Fonts.assumeAvailable();
        Path runDir = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Report.Written written = Report.write(runDir, runDir.resolve("plots"));
        Path probed = runDir.resolve("probed.html");
        Files.writeString(probed, Files.readString(written.html(), StandardCharsets.UTF_8)
                .replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

        Process process = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1280,900", "--virtual-time-budget=10000",
                "--dump-dom", probed.toUri().toString())
                .redirectError(tmp.resolve("browser.log").toFile()).start();
        byte[] dom = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the browser did not finish within 120 s");
        }
        Matcher probe = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL)
                .matcher(new String(dom, StandardCharsets.UTF_8));
        assertTrue(probe.find(), "the probe did not run: " + Files.readString(tmp.resolve("browser.log")));
        JsonObject seen = JsonParser.parseString(probe.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                .replace("&lt;", "<").replace("&gt;", ">")).getAsJsonObject();
        assertTrue(seen.get("images").getAsInt() > 0, "no chart in the page");
        assertEquals(0, seen.get("broken").getAsInt(), "charts the browser could not decode: " + seen);
        String first = seen.get("first").getAsString();
        assertTrue(first.contains("Measured on") && first.contains("Fastest blocking round trip"),
                "the first screen lacks the opening lines: " + first);
    }

    private static Optional<Path> browser() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : BROWSERS) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
