package ipcbench.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output paths that cannot be results directories are refused with the reason, before anything is created. */
class OutputPathsTest {
    @Test
    void aDirectoryUnderProcIsRefusedWithTheReason() {
        UsageException e = assertThrows(UsageException.class,
                () -> OutputPaths.directory("--results", "/proc/ipcbench-cannot"));
        assertTrue(e.getMessage().contains("proc file system"), e.getMessage());
        assertFalse(Files.exists(Path.of("/proc/ipcbench-cannot")));
    }
}
