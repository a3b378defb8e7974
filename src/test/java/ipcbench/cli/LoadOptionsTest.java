package ipcbench.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --mode load} and {@code --rates}; the other options are RunOptionsTest's. */
class LoadOptionsTest {
    @Test
    void loadModeIsNeitherLatencyNorThroughput() throws UsageException {
        RunConfig options = RunOptions.parse(List.of("--mode", "load"));
        assertEquals(RunConfig.Mode.LOAD, options.mode());
        assertFalse(options.mode().latency());
        assertFalse(options.mode().throughput());
        assertEquals("10%,30%,50%,70%,90%,100%", options.loadRates().text());
        assertTrue(RunConfig.Mode.BOTH.latency() && RunConfig.Mode.BOTH.throughput(), "both stays both");
    }

    @Test
    void ratesAreParsed() throws UsageException {
        RunConfig options = RunOptions.parse(List.of("--mode=load", "--rates", "20000,50k,50%"));
        assertEquals("20000,50000,50%", options.loadRates().text());
    }

    @Test
    void ratesWithoutLoadModeOrMalformedAreBadInput() {
        UsageException e = assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--rates", "50%")));
        assertTrue(e.getMessage().contains("--mode load"), e.getMessage());
        e = assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--mode", "load", "--rates", "lots")));
        assertTrue(e.getMessage().startsWith("--rates"), e.getMessage());
    }

    @Test
    void aWaitStrategyDoesNotApplyToLoadMode() throws UsageException {
        UsageException e = assertThrows(UsageException.class,
                () -> RunOptions.parse(List.of("--mode", "load", "--wait", "spin")));
        assertTrue(e.getMessage().contains("--wait does not apply"), e.getMessage());
        RunOptions.parse(List.of("--mode", "load", "--wait", "block"));
    }
}
