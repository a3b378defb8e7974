package ipcbench.preflight;

import ipcbench.results.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preflight travels in run.json and an older run.json without it still reads. */
class PreflightRecordTest {
    @TempDir
    Path tmp;

    @Test
    void preflightRoundTripsThroughRunJson() throws Exception {
        Preflight preflight = new Preflight(List.of(Finding.fact("clocksource", "tsc"),
                Finding.of("steal", "5.0% of CPU time", "steal time 5.0% (above 2%)")));
        RunInfo info = new RunInfo("20260101-000000", "2026-01-01T00:00:00Z", null, "abc", null, null,
                new RunInfo.Cpus(0, 1), List.of(), List.of(), null, null, preflight, null);
        Path file = tmp.resolve("run.json");
        info.write(file);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"preflight\": {") && json.contains("\"warning\": null"), json);

        RunInfo read = RunInfo.read(file);
        assertEquals(preflight, read.preflight());
        assertEquals(List.of("steal time 5.0% (above 2%)"), read.preflight().warnings());
        assertEquals(preflight, read.finished("2026-01-01T00:01:00Z", List.of()).preflight());
    }

    @Test
    void aRunJsonFromBeforeThePreflightStillReads() throws Exception {
        RunInfo reference = RunInfo.read(Path.of("src/test/resources/old-run/run.json"));
        assertTrue(reference.runId() != null && reference.environment() != null);
        assertNull(reference.preflight());
    }
}
