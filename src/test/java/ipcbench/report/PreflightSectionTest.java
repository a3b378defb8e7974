package ipcbench.report;

import ipcbench.preflight.Finding;
import ipcbench.preflight.Preflight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report lists the preflight's facts and warnings under the environment, and says when a run has none. */
class PreflightSectionTest {
    @TempDir
    Path tmp;

    @Test
    void reportListsFactsAndWarningsUnderTheEnvironment() throws Exception {
        Path dir = new RunFixture(tmp.resolve("run"), "20260101-000000")
                .latency("uds", 64, "cross", 20_000, 21_000, 22_000)
                .preflight(new Preflight(List.of(new Finding("clocksource", "kvm-clock", "clocksource is kvm-clock"),
                        new Finding("steal", "0.0% of CPU time", null))))
                .write();
        String md = Report.document(RunData.load(dir), List.of()).markdown(dir);
        int environment = md.indexOf("## Environment");
        int preflight = md.indexOf("### Preflight checks");
        int options = md.indexOf("## Options");
        assertTrue(environment >= 0 && environment < preflight && preflight < options, md);
        String section = md.substring(preflight, options);
        assertTrue(section.contains("| clocksource | kvm-clock |") && section.contains("| steal | 0.0% of CPU time |"),
                section);
        assertTrue(section.contains("- clocksource is kvm-clock"), section);
    }

    @Test
    void aRunWithoutPreflightSaysSo() throws Exception {
        Path dir = new RunFixture(tmp.resolve("old"), "20250101-000000")
                .latency("uds", 64, "cross", 20_000, 21_000, 22_000).write();
        String md = Report.document(RunData.load(dir), List.of()).markdown(dir);
        assertTrue(md.contains("### Preflight checks") && md.contains("Not recorded"), md);
    }
}
