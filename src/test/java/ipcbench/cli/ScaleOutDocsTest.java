package ipcbench.cli;

import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/scale-out.md and its examples (the Kubernetes manifests, the Actions matrix) against the command line that
 * exists: every {@code --option} of a {@code ./run-bench.sh} command line in them is one its command defines (the
 * command being the first word after the script when it names one, else {@code run}), every launcher holds
 * {@code {host}} and, when it is not ssh, ends in {@code sh -c}, and every mechanism named with {@code --mechanisms}
 * is registered. The files are read as text: the YAML is never parsed, nothing is run.
 */
class ScaleOutDocsTest {
    private static final String SCRIPT = "./run-bench.sh";
    private static final Path DOC = Path.of("docs/scale-out.md");
    private static final Pattern LONG_OPTION = Pattern.compile("--[A-Za-z][A-Za-z0-9-]*");
    private static final Set<String> STOPS = Set.of("&&", "||", ";", "|", ")", ">", ">>", "&");

    /** One {@code ./run-bench.sh} command line: its file, the command it runs, its words after the script. */
    record Invocation(Path file, String command, List<String> words, String text) {
        @Override
        public String toString() {
            return file + ": " + text.strip();
        }
    }

    @Test
    void everyOptionOfEveryCommandLineIsDefined() throws IOException {
        Map<String, CommandLine> commands = commands();
        List<Invocation> invocations = invocations();
        Set<String> missing = new TreeSet<>();
        for (Invocation invocation : invocations) {
            CommandLine command = commands.get(invocation.command());
            assertTrue(command != null, "no command '" + invocation.command() + "': " + invocation);
            Set<String> defined = command.getCommandSpec().optionsMap().keySet();
            for (String option : options(invocation)) {
                if (!defined.contains(option)) {
                    missing.add(option + " (" + invocation.command() + ") in " + invocation);
                }
            }
        }
        assertEquals(Set.of(), missing, "options the command line does not define");
    }

    @Test
    void everyLauncherHasHostAndEndsInAShell() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertTrue(doc.contains("kubectl exec -i -n ipcbench {host} -- sh -c"), "the doc gives the kubectl launcher");
        int launchers = 0;
        for (Invocation invocation : invocations()) {
            for (int i = 0; i < invocation.words().size(); i++) {
                String word = invocation.words().get(i);
                String value = word.startsWith("--launcher=") ? word.substring("--launcher=".length())
                        : word.equals("--launcher") && i + 1 < invocation.words().size()
                        ? invocation.words().get(i + 1) : null;
                if (value == null) {
                    continue;
                }
                launchers++;
                String template = value.startsWith("$") ? variable(invocation.file(), value) : value;
                assertTrue(template.contains("{host}"), "a launcher without {host}: '" + template + "' in "
                        + invocation);
                List<String> words = FarEnd.launcherWords(template, "DEST");
                if (!words.get(0).equals("ssh")) {
                    assertEquals(List.of("sh", "-c"), words.subList(words.size() - 2, words.size()),
                            "a launcher other than ssh ends in sh -c: '" + template + "' in " + invocation);
                }
            }
        }
        assertTrue(launchers >= 3, "the doc and the Job give launchers: " + launchers);
    }

    @Test
    void everyMechanismNamedIsRegistered() throws IOException {
        Set<String> known = new TreeSet<>(Mechanisms.ids());
        Set<String> unknown = new TreeSet<>();
        for (Invocation invocation : invocations()) {
            List<String> words = invocation.words();
            for (int i = 0; i < words.size(); i++) {
                String list = words.get(i).startsWith("--mechanisms=") ? words.get(i).substring(13)
                        : words.get(i).equals("--mechanisms") && i + 1 < words.size() ? words.get(i + 1) : null;
                if (list == null || list.startsWith("$")) {
                    continue;
                }
                for (String id : list.split(",")) {
                    if (!known.contains(id)) {
                        unknown.add(id + " in " + invocation);
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "mechanisms that are not registered (known: " + known + ")");
    }

    @Test
    void theParserFindsTheCommandLines() throws IOException {
        Map<Path, Integer> perFile = new TreeMap<>();
        for (Invocation invocation : invocations()) {
            perFile.merge(invocation.file(), 1, Integer::sum);
        }
        assertTrue(perFile.getOrDefault(DOC, 0) >= 6, "command lines in the doc: " + perFile);
        assertTrue(perFile.getOrDefault(Path.of("docs/scale-out/k8s/30-client-job.yaml"), 0) >= 2,
                "command lines in the Job: " + perFile);
        assertTrue(perFile.getOrDefault(Path.of("docs/scale-out/github-actions-matrix.yml"), 0) >= 2,
                "command lines in the workflow: " + perFile);
    }

    /** The tokenizer on the shapes the files use: quotes, continuations, comments, {@code &&}, inline code. */
    @Test
    void tokenizerKeepsQuotedLaunchersWhole() {
        List<Invocation> found = new ArrayList<>();
        scan(Path.of("x.md"), "a `./run-bench.sh report A B --out C` b\n"
                + "./run-bench.sh --server-host h --launcher 'kubectl exec -i {host} -- sh -c' \\\n"
                + "  --link x  # --not-an-option\n"
                + "./run-bench.sh remote-setup h && ./run-bench.sh --pin=none -- -prof gc\n", found);
        assertEquals(4, found.size(), found.toString());
        assertEquals("report", found.get(0).command());
        assertEquals(List.of("report", "A", "B", "--out", "C"), found.get(0).words());
        assertEquals(List.of("--server-host", "h", "--launcher", "kubectl exec -i {host} -- sh -c", "--link", "x"),
                found.get(1).words());
        assertEquals(List.of("--server-host", "--launcher", "--link"), options(found.get(1)));
        assertEquals("remote-setup", found.get(2).command());
        assertEquals(List.of("--pin"), options(found.get(3)));
    }

    /** Every command of the command line by name ({@code run} included), from the real picocli tree. */
    private static Map<String, CommandLine> commands() {
        PrintStream sink = new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine root = Main.commandLine(new Main.Context(Path.of("").toAbsolutePath(), sink), sink);
        Map<String, CommandLine> commands = new TreeMap<>(root.getSubcommands());
        assertTrue(commands.containsKey("run") && commands.containsKey("remote-setup")
                && commands.containsKey("report"), "the commands: " + commands.keySet());
        return commands;
    }

    /** The long options an invocation gives, up to a bare {@code --} (what follows goes to JMH). */
    private static List<String> options(Invocation invocation) {
        List<String> options = new ArrayList<>();
        for (String word : invocation.words()) {
            if (word.equals("--")) {
                break;
            }
            Matcher option = LONG_OPTION.matcher(word);
            if (option.lookingAt() && (option.end() == word.length() || word.charAt(option.end()) == '=')) {
                options.add(option.group());
            }
        }
        return options;
    }

    private static List<Invocation> invocations() throws IOException {
        List<Path> files = new ArrayList<>(List.of(DOC));
        files.addAll(files(Path.of("docs/scale-out/k8s"), "*.yaml"));
        files.addAll(files(Path.of("docs/scale-out"), "*.yml"));
        List<Invocation> found = new ArrayList<>();
        for (Path file : files) {
            scan(file, Files.readString(file, StandardCharsets.UTF_8), found);
        }
        return found;
    }

    private static List<Path> files(Path dir, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(files::add);
        }
        assertFalse(files.isEmpty(), "no " + glob + " in " + dir);
        files.sort(null);
        return files;
    }

    /** Finds each {@code ./run-bench.sh} in {@code text}, a continued line joined, an inline code span ending it. */
    static void scan(Path file, String text, List<Invocation> found) {
        boolean markdown = file.toString().endsWith(".md");
        for (String line : text.replaceAll("\\\\\\r?\\n", " ").split("\\R")) {
            for (int at = line.indexOf(SCRIPT); at >= 0; at = line.indexOf(SCRIPT, at + 1)) {
                int end = line.length();
                if (markdown && line.substring(0, at).chars().filter(c -> c == '`').count() % 2 == 1) {
                    int close = line.indexOf('`', at);
                    end = close >= 0 ? close : end;
                }
                String rest = line.substring(at + SCRIPT.length(), end);
                List<String> words = words(rest);
                String command = !words.isEmpty() && !words.get(0).startsWith("-") ? words.get(0) : "run";
                found.add(new Invocation(file, command, words, SCRIPT + rest));
            }
        }
    }

    /** Shell-like words: quotes kept together and removed, a comment or a command separator ends the list. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    if (STOPS.contains(word.toString())) {
                        return words;
                    }
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                return words;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null && !STOPS.contains(word.toString())) {
            words.add(word.toString());
        }
        return words;
    }

    /** A shell variable's value as the file sets it: a YAML env entry ({@code name:}/{@code value:}) or NAME=value. */
    private static String variable(Path file, String reference) {
        String name = reference.replaceAll("[${}\"]", "");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Matcher env = Pattern.compile("name:\\s*" + Pattern.quote(name) + "\\b[^\\n]*\\n\\s*value:\\s*(.+)")
                .matcher(text);
        Matcher shell = Pattern.compile("\\b" + Pattern.quote(name) + "=(.+)").matcher(text);
        String value = env.find() ? env.group(1) : shell.find() ? shell.group(1) : null;
        assertTrue(value != null, file + " does not set " + name);
        List<String> words = words(value);
        assertEquals(1, words.size(), name + " is one quoted value in " + file + ": " + value);
        return words.get(0);
    }
}
