package ipcbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run directory from someone else with a link planted where a chart or the report goes: never written through. */
class PlantedLinkTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsFonts() {
        Fonts.assumeAvailable();
    }

    @Test
    void aLinkAtAChartsNameIsRefusedAndItsTargetKept() throws Exception {
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Path canary = Files.writeString(tmp.resolve("canary"), "keep me");
        Path plots = Files.createDirectories(tmp.resolve("plots"));
        Files.createSymbolicLink(plots.resolve("latency-vs-payload-cross.png"), canary);
        ReportException e = assertThrows(ReportException.class, () -> Plots.draw(run, plots));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("keep me", Files.readString(canary));
    }

    @Test
    void aLinkAtTheReportsNameIsRefusedAndItsTargetKept() throws Exception {
        Path run = PlotsTest.allMechanismsRun(tmp.resolve("run"));
        Path canary = Files.writeString(tmp.resolve("canary"), "keep me");
        Files.createSymbolicLink(run.resolve(Report.MARKDOWN), canary);
        ReportException e = assertThrows(ReportException.class, () -> Report.write(run, tmp.resolve("plots")));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("keep me", Files.readString(canary));
    }
}
