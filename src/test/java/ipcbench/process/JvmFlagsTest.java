package ipcbench.process;

import ipcbench.bench.RoundTripLatency;
import ipcbench.bench.StreamingThroughput;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JvmFlags#REQUIRED} is the one list; the two places that cannot read it at run time repeat it and are held
 * to it here: the pom's {@code ipcbench.jvmFlags} (Surefire, Failsafe) and the benchmarks' {@code @Fork}.
 */
class JvmFlagsTest {
    @Test
    void thePomPassesTheSameFlagsToTheTestJvms() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher property = Pattern.compile("<ipcbench.jvmFlags>([^<]*)</ipcbench.jvmFlags>").matcher(pom);
        assertTrue(property.find(), "pom.xml has the ipcbench.jvmFlags property");
        assertEquals(JvmFlags.REQUIRED, List.of(property.group(1).trim().split("\\s+")));
    }

    @Test
    void theBenchmarksForkWithTheSameFlags() {
        for (Class<?> benchmark : List.of(RoundTripLatency.class, StreamingThroughput.class)) {
            Fork fork = benchmark.getAnnotation(Fork.class);
            List<String> expected = new java.util.ArrayList<>(JvmFlags.REQUIRED);
            expected.add(SerialFilter.JMH_OPTION);
            assertEquals(expected, List.of(fork.jvmArgsAppend()), benchmark.getSimpleName());
        }
    }

    @Test
    void theScriptGivesTheCliJvmTheSameFlags() throws Exception {
        String script = Files.readString(Path.of("run-bench.sh"), StandardCharsets.UTF_8);
        for (String flag : JvmFlags.REQUIRED) {
            assertTrue(script.contains(flag), "run-bench.sh passes " + flag);
        }
        assertTrue(script.contains(JvmFlags.UNSAFE_MEMORY_ACCESS), "run-bench.sh passes the Unsafe flag on new JDKs");
    }

    @Test
    void theUnsafeFlagOnlyWhereTheJdkKnowsIt() {
        assertEquals(JvmFlags.REQUIRED, JvmFlags.forJdk(17));
        assertEquals(JvmFlags.REQUIRED, JvmFlags.forJdk(22));
        assertTrue(JvmFlags.forJdk(23).contains(JvmFlags.UNSAFE_MEMORY_ACCESS));
        assertTrue(JvmFlags.forJdk(25).containsAll(JvmFlags.REQUIRED));
    }
}
