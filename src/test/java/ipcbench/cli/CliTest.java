package ipcbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line in-process, through {@link Main#run} (nothing here measures): per-command help, --version,
 * suggestions, extra arguments, exit codes and one-line errors. The script's view is in {@link BadInputIT}.
 */
class CliTest {
    record Outcome(int exitCode, String out, String err) {
    }

    @TempDir
    Path tmp;

    static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new Main.Context(Path.of("").toAbsolutePath(),
                new PrintStream(out, true, StandardCharsets.UTF_8)), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit 2, exactly one line on stderr starting "ipcbench: ", no usage dump, nothing on stdout. */
    static String refused(String... args) {
        Outcome outcome = cli(args);
        assertEquals(2, outcome.exitCode(), String.join(" ", args) + "\n" + outcome.err() + outcome.out());
        List<String> lines = outcome.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + outcome.err());
        assertTrue(lines.get(0).startsWith("ipcbench: "), lines.get(0));
        assertFalse(outcome.err().contains("Usage:"), "no usage dump: " + outcome.err());
        assertEquals("", outcome.out());
        return lines.get(0);
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"run", "list", "plot", "report", "compare", "doctor", "export"})
    void everyCommandHasItsOwnHelp(String command) {
        Outcome help = cli(command, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: ./run-bench.sh " + command) || command.equals("run")
                && help.out().startsWith("Usage: ./run-bench.sh [run]"), help.out());
        assertEquals("", help.err());
        assertEquals(help.out(), cli(command, "-h").out());
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        Outcome help = cli("--help");
        assertEquals(0, help.exitCode());
        for (String command : List.of("run", "list", "plot", "report", "compare", "doctor", "export")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
        }
    }

    @Test
    void versionNamesThePomVersion() {
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("compare", "--version"))) {
            Outcome version = cli(args.toArray(String[]::new));
            assertEquals(0, version.exitCode(), version.err());
            assertTrue(version.out().startsWith("ipcbench " + Version.pomVersion()), version.out());
            assertFalse(Version.pomVersion().contains("${"), "the version is filtered by Maven");
            assertTrue(version.out().contains("JDK " + Runtime.version()), version.out());
        }
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        assertEquals("ipcbench: unknown command 'comapre'; did you mean compare? (see ./run-bench.sh --help)",
                refused("comapre", "a", "b"));
        assertTrue(refused("doctr").contains("did you mean doctor?"));
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        String line = refused("--mechansims", "tcp");
        assertTrue(line.startsWith("ipcbench: unknown option '--mechansims'; did you mean --mechanisms?"), line);
        assertTrue(refused("compare", "a", "b", "--treshold", "5%").startsWith("ipcbench: unknown option '--treshold'"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list extra", "doctor extra", "plot a b", "compare a b c", "run extra", "--sizes 64 extra",
        "export a b --format github-action-benchmark"})
    void extraArgumentsAreRefused(String args) {
        String line = refused(args.split(" "));
        assertTrue(line.contains("'extra'") || line.contains("'b'") || line.contains("'c'"), line);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--pin", "--mode=fast", "--profile=forever", "--sizes=0", "--wait=sometimes",
        "--rates=150%", "--results=", "compare a", "compare a b --threshold=150%", "compare a b --alpha=0.7",
        "report", "plot", "export a", "export a --format=nope", "export /nonexistent/run --format=github-action-benchmark"})
    void badInputIsOneLineAndExitTwo(String args) {
        refused(args.split(" "));
    }

    @Test
    void listIsACommandAndListAnOption() {
        Outcome list = cli("list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().startsWith("mechanism "), list.out());
        assertEquals(list.out(), cli("--list").out(), "--list stays an alias of list");
    }

    @Test
    void outputPathsAreCheckedBeforeAnythingIsCreated() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertTrue(refused("--results", file.resolve("run").toString()).contains("is a file, not a directory"));
        assertTrue(refused("--results=" + file).contains("it is a file, not a directory"));
        assertTrue(refused("compare", "a", "b", "--out", file.resolve("x").toString()).contains("a file"));
        assertTrue(refused("plot", tmp.toString(), "--plots", file.toString()).contains("a file"));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(file), left.toList(), "nothing created");
        }
    }
}
