package ipcbench.report;

import ipcbench.gate.GateOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every number a report step writes uses a dot, even where the host's locale writes 1,5. */
class LocaleTest {
    /** A digit, a comma, a digit: a decimal comma (the CSVs separate fields by commas, so they are checked apart). */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d,\\d");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    @Test
    void noDecimalCommaUnderAGermanDefaultLocale() throws Exception {
        Locale original = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Path base = new RunFixture(tmp.resolve("base"), "base").latency("tcp", 64, "cross", 10_500, 10_600, 10_400)
                    .throughput("tcp", 64, "cross", 1.2345e9, 1.5e7).throughput("tcp", 4096, "cross", 2.5e9, 1.5e7)
                    .write();
            Path cur = new RunFixture(tmp.resolve("cur"), "cur").latency("tcp", 64, "cross", 13_500, 13_600, 13_400)
                    .throughput("tcp", 64, "cross", 1.1e9, 1.5e7).write();
            Report.write(base, base.resolve("plots"));
            SideBySideReport.write(List.of(base, cur), tmp.resolve("comparison"));
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            CompareReport.Written verdict = CompareReport.run(base, cur, GateOptions.DEFAULT, tmp.resolve("compare"),
                    new PrintStream(console, true, StandardCharsets.UTF_8));

            List<Path> texts = new ArrayList<>();
            try (Stream<Path> files = Files.walk(tmp)) {
                files.filter(f -> f.toString().matches(".*\\.(md|html|svg)$")).forEach(texts::add);
            }
            assertTrue(texts.size() >= 8, "expected reports and charts, found " + texts);
            for (Path file : texts) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (file.toString().endsWith(".svg")) {
                    text = svgText(text);
                }
                Matcher comma = DECIMAL_COMMA.matcher(text);
                assertFalse(comma.find(), file + " has a decimal comma: ..."
                        + (comma.hitEnd() ? "" : text.substring(Math.max(0, comma.start() - 40), comma.end() + 40)));
            }
            assertTrue(texts.stream().anyMatch(f -> f.toString().endsWith(".svg")), "no SVG checked");
            assertFalse(DECIMAL_COMMA.matcher(console.toString(StandardCharsets.UTF_8)).find(), console.toString());
            for (String line : Files.readAllLines(verdict.csv())) {
                for (String field : line.split(",")) {
                    assertFalse(field.matches("\\d+,\\d+"), field);
                }
            }
            assertTrue(Files.readString(verdict.csv()).matches("(?s).*,\\d+\\.\\d+,.*"), "compare.csv has no decimal dot");
        } finally {
            Locale.setDefault(original);
        }
    }

    /** What an SVG says in words: its title, description and text elements (its geometry uses commas legitimately). */
    private static String svgText(String svg) {
        StringBuilder words = new StringBuilder();
        Matcher element = Pattern.compile("<(text|title|desc)\\b[^>]*>([^<]*)<").matcher(svg);
        while (element.find()) {
            words.append(element.group(2)).append('\n');
        }
        return words.toString();
    }
}
