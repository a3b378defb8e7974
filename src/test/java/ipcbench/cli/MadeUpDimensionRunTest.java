package ipcbench.cli;

import ipcbench.bench.Profile;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.process.Peers;
import ipcbench.results.Dimension;
import ipcbench.results.ResultKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dimension that does not exist, registered for the test, asked for in the run's configuration: it reaches JMH's
 * parameters and the plan's result keys with no change to the plan or to JMH's launcher (the report's side is
 * {@code report.MadeUpDimensionTest}'s).
 */
class MadeUpDimensionRunTest {
    private static final Dimension FABRIC = new Dimension("fabric", "fabric", "local", Dimension.ID,
            Dimension.listed(List.of("local", "ib")), false);

    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        Dimension.register(FABRIC);
    }

    @AfterEach
    void unregister() {
        Dimension.unregister(FABRIC);
    }

    private static RunConfig config(Map<Dimension, List<String>> dimensions) {
        return new RunConfig(List.of("pipe"), true, List.of(64), RunConfig.Mode.LATENCY, Profile.SMOKE,
                Placement.NONE, null, List.of(WaitStrategy.BLOCK), List.of(Peers.JVM_JVM), null, null, false, true, false,
                List.of(), dimensions, null);
    }

    @Test
    void itsAskedValuesBecomeJmhParametersAndKeys() throws Exception {
        RunConfig config = config(Map.of(FABRIC, List.of("local", "ib")));
        RunPlan plan = RunPlan.of(config);
        RunPlan.Group group = plan.groups.get(0);
        Map<String, List<String>> params = new JmhRun(config).into(dir, plan).params(group, Peers.JVM_JVM, 1);
        assertEquals(List.of("mechanism", "payloadBytes", "placement", "wait", "peers", "io", "link", "topology", "fan",
                        "fabric"),
                List.copyOf(params.keySet()), "one JMH parameter per dimension, in column order");
        assertEquals(List.of("local", "ib"), params.get("fabric"));
        assertEquals(List.of("pipe"), params.get("mechanism"));
        ResultKey pipe = ResultKey.of("pipe", 64, "none", "block", "jvm-jvm");
        assertEquals(List.of(pipe, pipe.with(FABRIC, "ib")), plan.keys(group, Peers.JVM_JVM, config));
    }

    @Test
    void notAskedItRunsAtItsDefault() throws Exception {
        RunConfig config = config(Map.of());
        RunPlan plan = RunPlan.of(config);
        RunPlan.Group group = plan.groups.get(0);
        assertEquals(List.of("local"), new JmhRun(config).into(dir, plan).params(group, Peers.JVM_JVM, 1).get("fabric"));
        assertEquals(List.of(ResultKey.of("pipe", 64, "none", "block", "jvm-jvm")),
                plan.keys(group, Peers.JVM_JVM, config));
    }
}
