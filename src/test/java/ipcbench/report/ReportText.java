package ipcbench.report;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's report.md as text, and one of its sections, for tests that read what the report says. */
final class ReportText {
    private ReportText() {
    }

    static String markdown(Path runDir) throws Exception {
        return Report.document(RunData.load(runDir), List.of()).markdown(runDir);
    }

    /** The section from {@code heading} to the next heading; fails showing the report when it has none. */
    static String section(String md, String heading) {
        int start = md.indexOf(heading);
        assertTrue(start >= 0, "no " + heading + "\n" + md);
        int end = md.indexOf("\n#", start + heading.length());
        return md.substring(start, end < 0 ? md.length() : end);
    }
}
