package ipcbench.os;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Kernel tunables read from {@code /proc/sys} at run time, so limits are this host's and not assumptions. */
public final class ProcSys {
    private ProcSys() {
    }

    /** The integer in {@code path}, e.g. {@code /proc/sys/kernel/msgmax}; empty when the file is absent or unreadable. */
    public static OptionalInt readInt(String path) {
        // a reader, not Files.readString: /proc files report size 0, which some JDKs take at its word
        try (BufferedReader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.US_ASCII)) {
            String line = reader.readLine();
            return line == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(line.trim()));
        } catch (IOException | NumberFormatException absent) {
            return OptionalInt.empty();
        }
    }
}
