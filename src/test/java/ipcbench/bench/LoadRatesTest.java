package ipcbench.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadRatesTest {
    @Test
    void defaultsArePercentagesOfCapacity() {
        LoadRates rates = LoadRates.defaults();
        assertEquals("10%,30%,50%,70%,90%,100%", rates.text());
        assertTrue(rates.needsCapacity());
        assertEquals(50_000, rates.rates().get(2).perS(100_000), 1e-9);
    }

    @Test
    void absoluteRatesTakeSuffixesAndNeedNoCapacity() {
        LoadRates rates = LoadRates.parse("20000, 50k,1.5m");
        assertEquals(List.of(20_000.0, 50_000.0, 1_500_000.0), rates.rates().stream().map(r -> r.perS(Double.NaN)).toList());
        assertFalse(rates.needsCapacity());
        assertEquals("20000,50000,1500000", rates.text());
    }

    @Test
    void mixedAndDuplicateRates() {
        assertEquals("50%,1000", LoadRates.parse("50%,1000,50%").text());
    }

    @Test
    void badRatesAreRefusedWithTheEntry() {
        for (String bad : new String[] {"", "10%,", "0%", "-5%", "1001%", "0", "0.5", "fast", "5x", "NaN", "+5", "2g"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadRates.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--rates"), e.getMessage());
        }
    }

    @Test
    void schedulesCoverTheirTimeAtTheRate() {
        OpenLoop.Schedule schedule = OpenLoop.Schedule.of(2000, 500_000_000L, 400_000_000L, 3);
        assertEquals(1000, schedule.warmupMessages());
        assertEquals(800, schedule.messagesPerInterval());
        assertEquals(3400, schedule.totalMessages());
        assertThrows(IllegalArgumentException.class, () -> new OpenLoop.Schedule(0, 0, 1, 1));
    }
}
