package ipcbench.cli;

import ipcbench.mechanism.Trial;
import ipcbench.report.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Payload sizes as users write them: {@code 64}, {@code 1k} (1024), {@code 64k}, {@code 1m} (1048576). */
final class Sizes {
    private Sizes() {
    }

    /** The sizes of a comma-separated list, ascending, without duplicates. */
    static List<Integer> parseList(String list) throws UsageException {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String item : list.split(",", -1)) {
            sizes.add(parse(item.trim()));
        }
        return new ArrayList<>(sizes);
    }

    static int parse(String text) throws UsageException {
        String lower = text.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (lower.endsWith("k")) {
            multiplier = 1024;
        } else if (lower.endsWith("m")) {
            multiplier = 1024 * 1024;
        }
        String digits = multiplier == 1 ? lower : lower.substring(0, lower.length() - 1);
        long bytes;
        try {
            bytes = Long.parseLong(digits) * multiplier;
        } catch (NumberFormatException e) {
            throw new UsageException("size '" + text + "' is not a number of bytes (examples: 64, 1k, 64k, 1m)");
        }
        if (bytes < 1) {
            throw new UsageException("size '" + text + "' must be at least 1 byte");
        }
        if (bytes > Trial.MAX_PAYLOAD_BYTES) {
            throw new UsageException("size '" + text + "' is beyond the largest payload the suite allocates ("
                    + format(Trial.MAX_PAYLOAD_BYTES) + ")");
        }
        return (int) bytes;
    }

    /** 64 B, 1 KiB, 64 KiB, 1 MiB: as the reports write sizes. */
    static String format(int bytes) {
        return Numbers.bytes(bytes);
    }
}
