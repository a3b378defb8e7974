package ipcbench.preflight;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kernel's clocksource and what one clock read costs. With {@code tsc} a read is a few nanoseconds in user space;
 * kvm-clock, hpet or acpi_pm make every {@code System.nanoTime} (and the kernel's own timestamps) slower.
 */
final class ClockCheck {
    static final String CLOCKSOURCE = "/sys/devices/system/clocksource/clocksource0/current_clocksource";
    static final String AVAILABLE = "/sys/devices/system/clocksource/clocksource0/available_clocksource";

    private ClockCheck() {
    }

    static Finding clocksource(HostRoot host, NanoTimeCost cost) {
        var current = host.text(CLOCKSOURCE);
        if (current.isEmpty()) {
            return Finding.fact("clocksource", "not visible (" + CLOCKSOURCE + " unreadable)");
        }
        String source = current.get();
        String available = host.text(AVAILABLE).orElse("");
        String value = source + (available.isEmpty() ? "" : " (available: " + available + ")");
        if (source.equals("tsc")) {
            return Finding.fact("clocksource", value);
        }
        boolean tscOffered = Arrays.asList(available.split("\\s+")).contains("tsc");
        return Finding.of("clocksource", value, String.format(Locale.ROOT,
                "clocksource is %s, not tsc: a System.nanoTime read costs %.1f ns here and kernel timestamps cost "
                        + "more; %s", source, cost.medianNs(), tscOffered
                        ? "switch with 'echo tsc > " + CLOCKSOURCE + "' (as root) before measuring"
                        : "measure on a host whose clocksource is tsc"));
    }

    static Finding nanoTime(NanoTimeCost cost) {
        return Finding.fact("nanotime", String.format(Locale.ROOT,
                "%.1f ns per System.nanoTime read (median of %d rounds of %,d reads; rounds %.1f-%.1f ns)",
                cost.medianNs(), cost.rounds(), cost.readsPerRound(), cost.minNs(), cost.maxNs()));
    }
}
