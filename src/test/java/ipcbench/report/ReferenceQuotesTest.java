package ipcbench.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every figure the README and the manual quote from the reference run is what the run's files give. */
class ReferenceQuotesTest {
    private static final String FIX = "java -cp target/benchmarks.jar ipcbench.report.ReferenceQuotes";

    @Test
    void everyCommittedQuoteIsTheReferenceRunsOwn() throws Exception {
        Map<String, String> quotes = ReferenceQuotes.quotes(ReferenceQuotes.REFERENCE_RUN);
        int blocks = 0;
        for (String name : ReferenceQuotes.FILES) {
            String text = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            blocks += text.split("<!-- reference:begin ", -1).length - 1;
            assertEquals(ReferenceQuotes.rewrite(text, quotes, name), text,
                    name + " quotes the reference run as it no longer is; run " + FIX);
        }
        assertTrue(blocks >= 2, "the README and results/README.md quote the run: " + blocks);
        assertTrue(quotes.get("run").contains("µs"), quotes.get("run"));
    }

    @Test
    void aBlockIsRewrittenAndAnUnknownOneRefused() {
        String rewritten = ReferenceQuotes.rewrite("a\n<!-- reference:begin run -->\nold\n<!-- reference:end -->\nb",
                Map.of("run", "new\n"), "x.md");
        assertEquals("a\n<!-- reference:begin run -->\nnew\n<!-- reference:end -->\nb", rewritten);
        assertThrows(IllegalArgumentException.class, () -> ReferenceQuotes.rewrite(
                "<!-- reference:begin nope -->\n<!-- reference:end -->", Map.of(), "x.md"));
    }
}
