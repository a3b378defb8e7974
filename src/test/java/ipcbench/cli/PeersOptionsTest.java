package ipcbench.cli;

import ipcbench.process.Peers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --peers parsing and the interleaved order of a run that compares peers. */
class PeersOptionsTest {
    private static final List<String> JDK_ONLY = List.of("jdk");

    @Test
    void defaultIsJvmJvm() throws UsageException {
        assertEquals(List.of(Peers.JVM_JVM), RunOptions.parse(List.of()).peers());
        assertEquals(List.of("jvm-jvm"), RunOptions.parse(List.of()).peerIds());
    }

    @Test
    void listKeepsItsOrderWithoutRepeats() throws UsageException {
        RunConfig o = RunOptions.parse(List.of("--peers", "native-native,jvm-jvm,native-native,jvm-native"));
        assertEquals(List.of(Peers.NATIVE_NATIVE, Peers.JVM_JVM, Peers.JVM_NATIVE), o.peers());
        assertEquals(List.of(Peers.JVM_NATIVE), RunOptions.parse(List.of("--peers=jvm-native")).peers());
    }

    @Test
    void badValuesAreRefusedNamingTheValidOnes() {
        for (String bad : List.of("jvm", "native-jvm", "jvm-jvm,", "", "JVM-JVM")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> RunOptions.parse(List.of("--peers", bad)), bad);
            assertTrue(e.getMessage().contains("jvm-jvm, jvm-native, native-native"), e.getMessage());
        }
    }

    @Test
    void loadModeTakesNoNativePeers() {
        assertThrows(UsageException.class,
                () -> RunOptions.parse(List.of("--mode", "load", "--peers", "native-native")));
    }

    @Test
    void forksAlternateThePeersBenchmarkByBenchmark() {
        List<RunPlan.Group> groups = List.of(
                new RunPlan.Group(List.of("pipe", "grpc"), List.of(64, 4096), 2, List.of("block"), JDK_ONLY));
        List<Peers> peers = List.of(Peers.JVM_JVM, Peers.NATIVE_NATIVE, Peers.JVM_NATIVE);
        Map<Peers, List<String>> nativeMechanisms = Map.of(Peers.NATIVE_NATIVE, List.of("pipe"),
                Peers.JVM_NATIVE, List.of("pipe"));

        List<RunPlan.Step> steps = RunPlan.interleave(groups, peers, nativeMechanisms, 2, true);

        List<String> order = steps.stream().map(s -> s.mechanism() + " " + s.payloadBytes() + " " + s.peers().id()
                + " " + s.fork()).toList();
        assertEquals(List.of(
                "pipe 64 jvm-jvm 1", "pipe 64 native-native 1", "pipe 64 jvm-native 1",
                "pipe 64 jvm-jvm 2", "pipe 64 native-native 2", "pipe 64 jvm-native 2",
                "pipe 4096 jvm-jvm 1", "pipe 4096 native-native 1", "pipe 4096 jvm-native 1",
                "pipe 4096 jvm-jvm 2", "pipe 4096 native-native 2", "pipe 4096 jvm-native 2",
                "grpc 64 jvm-jvm 1", "grpc 64 jvm-jvm 2", "grpc 4096 jvm-jvm 1", "grpc 4096 jvm-jvm 2"), order,
                "grpc has no native peer: only its jvm-jvm forks");
    }

    @Test
    void throughputOnlyRunsHaveNoNativeNativeSteps() {
        List<RunPlan.Group> groups = List.of(new RunPlan.Group(List.of("pipe"), List.of(64), 2, List.of("block"),
                JDK_ONLY));
        List<RunPlan.Step> steps = RunPlan.interleave(groups, List.of(Peers.JVM_JVM, Peers.NATIVE_NATIVE),
                Map.of(Peers.NATIVE_NATIVE, List.of("pipe")), 1, false);
        assertEquals(List.of(Peers.JVM_JVM), steps.stream().map(RunPlan.Step::peers).toList());
    }

    @Test
    void labelsNamePeersWhenCompared() {
        assertEquals("pipe 64 B latency", ProgressFormat.label("pipe", 64, true, "block", "jvm-jvm", false));
        assertEquals("pipe 64 B latency jvm-jvm", ProgressFormat.label("pipe", 64, true, "block", "jvm-jvm", true));
        assertEquals("shm 64 B latency (spin) native-native",
                ProgressFormat.label("shm", 64, true, "spin", "native-native", false));
    }
}
