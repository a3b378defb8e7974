package ipcbench.os;

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
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(Path.of(path), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException absent) {
            return OptionalInt.empty();
        }
    }
}
