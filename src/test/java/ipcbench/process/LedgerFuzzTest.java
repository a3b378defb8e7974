package ipcbench.process;

import ipcbench.results.Fuzz;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leftover sweep reading a planted ledger (random bytes, hostile entries, mutations of a ledger as a run writes
 * it) in a dead run's directory, with real files in a private temporary directory standing in for /tmp and
 * /dev/shm: the sweep never throws, a canary file outside (and a link to it beside the ledger) survives, the dead
 * directory is removed or named, and no line it prints carries a control character.
 */
class LedgerFuzzTest {
    private interface Ledger {
        byte[] of(byte[] valid);
    }

    @Property(tries = 100)
    void randomLedgersAreSweptSafely(@ForAll(supplier = Fuzz.Bytes.class) byte[] bytes) throws Exception {
        sweep(valid -> bytes);
    }

    @Property(tries = 100)
    void hostileLedgerEntriesAreSweptSafely(@ForAll(supplier = Fuzz.Cells.class) List<String> cells)
            throws Exception {
        sweep(valid -> Fuzz.withCells(valid, cells));
    }

    @Property(tries = 100)
    void mutatedLedgersAreSweptSafely(
            @ForAll(supplier = Fuzz.Mutations.class) List<UnaryOperator<byte[]>> mutations) throws Exception {
        sweep(valid -> Fuzz.mutate(valid, mutations));
    }

    private static void sweep(Ledger ledger) throws Exception {
        Path root = Fuzz.directory();
        try {
            Path tmp = Files.createDirectory(root.resolve("tmp"));
            Path shm = Files.createDirectory(root.resolve("shm"));
            Path canary = Files.writeString(Files.createDirectory(root.resolve("outside")).resolve("canary"), "keep");
            Process exited = new ProcessBuilder("true").start();
            exited.waitFor();
            String name = "ipcbench-" + exited.pid() + "-f0e1d2";
            Path dead = Files.createDirectory(tmp.resolve(name));
            Files.writeString(dead.resolve("region"), "ours");
            Files.createSymbolicLink(dead.resolve("link"), canary);
            Files.writeString(shm.resolve(name + "-region"), "ours");
            // One entry per line, each as the ledger's format puts it ("kind name"); cells are separated by ',' in
            // Fuzz, so the hostile values land in a line of its own.
            byte[] valid = Fuzz.lines("", "shm " + name + "-region", "posix-mq /" + name + "-queue",
                    "semaphore /" + name + "-ping", "mmap-file " + dead.toAbsolutePath().resolve("region"),
                    "shm ../../" + canary.toAbsolutePath() + ",mmap-file " + canary.toAbsolutePath());
            Files.write(dead.resolve("ledger"), ledger.of(valid));

            LeftoverSweep.Outcome swept = LeftoverSweep.sweep(tmp, shm);

            assertTrue(Files.exists(canary), "the canary outside survives: " + swept);
            assertTrue(Files.notExists(dead) || swept.leftAlone().stream().anyMatch(l -> l.contains(name)),
                    "the dead directory is removed or named: " + swept);
            try (Stream<String> lines = Stream.concat(swept.removed().stream(), swept.leftAlone().stream())) {
                lines.forEach(line -> assertFalse(line.chars().anyMatch(Character::isISOControl),
                        "no control character reaches the terminal: " + line));
            }
        } finally {
            Fuzz.delete(root);
        }
    }
}
