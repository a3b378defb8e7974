package ipcbench;

import ipcbench.results.RunInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data flows one way: reports and the results contract read files, never the code that measured them. Checked on
 * the compiled classes, whose constant pools name every class a class refers to (imports, fully qualified names,
 * signatures, lambdas), as {@code ipcbench/mechanism/...} in modified UTF-8.
 */
class LayeringTest {
    private static final List<String> UPSTREAM = List.of("ipcbench/mechanism/", "ipcbench/registry/",
            "ipcbench/process/", "ipcbench/bench/", "ipcbench/cli/");

    @Test
    void reportAndResultsReferToNothingUpstream() throws Exception {
        Path classes = Path.of(RunInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (String layer : List.of("ipcbench/report", "ipcbench/results")) {
            try (Stream<Path> files = Files.walk(classes.resolve(layer))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    checked++;
                    violations.addAll(upstreamReferences(classes.relativize(file).toString(), Files.readAllBytes(file)));
                }
            }
        }
        assertTrue(checked > 20, "found the compiled report and results classes: " + checked);
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckSeesAReferenceWhenThereIsOne() {
        byte[] descriptor = "(Lipcbench/process/EchoSession;)V".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("x refers to ipcbench/process/"), upstreamReferences("x", descriptor));
    }

    private static List<String> upstreamReferences(String name, byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (String upstream : UPSTREAM) {
            if (text.contains(upstream)) {
                found.add(name + " refers to " + upstream);
            }
        }
        return found;
    }
}
