package ipcbench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's supply-chain findings, checked on what ships: the example workflow names every action by a commit (a tag
 * can be moved to other code), and no entry of the jar Maven built carries the build's time: ours carry the pom's fixed
 * output timestamp, the dependencies' their own jars' times (so two builds of one commit give the same bytes).
 */
class SupplyChainIT {
    private static final Pattern USES = Pattern.compile("uses:\\s*(\\S+)(.*)");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}");

    @Test
    void everyWorkflowActionIsPinnedByCommitWithItsRelease() throws Exception {
        List<String> actions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/ci/perf-regression.yml"), StandardCharsets.UTF_8)) {
            Matcher uses = USES.matcher(line.strip().replaceFirst("^- ", ""));
            if (uses.matches()) {
                actions.add(uses.group(1));
                assertTrue(PINNED.matcher(uses.group(1)).matches(), "not pinned by a commit: " + line.strip());
                assertTrue(uses.group(2).matches("\\s*#\\s*v\\d+(\\.\\d+)*\\s*"), "no release comment: " + line.strip());
            }
        }
        assertFalse(actions.isEmpty(), "the workflow uses actions");
    }

    @Test
    void everyJarEntryCarriesThePomsOutputTimestamp() throws Exception {
        Matcher stamp = Pattern.compile("<project.build.outputTimestamp>([^<]+)</project.build.outputTimestamp>")
                .matcher(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(stamp.find(), "pom.xml sets project.build.outputTimestamp");
        long stampMillis = Instant.parse(stamp.group(1)).toEpochMilli();
        // zip's local-time fields may shift a time by the build host's time zone
        long zoneMillis = Duration.ofHours(14).toMillis();
        int own = 0;
        try (JarFile jar = new JarFile("target/benchmarks.jar")) {
            for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                long timeMillis = entry.getLastModifiedTime().toMillis();
                // dependencies' entries keep their own jars' (fixed) times; none may carry this build's time
                assertTrue(timeMillis <= stampMillis + zoneMillis, entry.getName() + " carries a time after the stamp");
                if (entry.getName().startsWith("ipcbench/")) {
                    own++;
                    assertTrue(Math.abs(timeMillis - stampMillis) <= zoneMillis, entry.getName() + ": not the stamp");
                }
            }
        }
        assertTrue(own > 100, "our own classes are in the jar: " + own);
    }
}
