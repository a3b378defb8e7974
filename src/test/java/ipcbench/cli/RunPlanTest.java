package ipcbench.cli;

import ipcbench.mechanism.WaitStrategy;
import ipcbench.registry.Mechanisms;
import ipcbench.results.RunInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlanTest {
    private static final List<String> JDK_ONLY = List.of("jdk");

    @Test
    void mechanismsWithTheSameSizesAndWarmUpShareAGroup() {
        Map<String, RunPlan.GroupKey> keys = new LinkedHashMap<>();
        keys.put("pipe", new RunPlan.GroupKey(List.of(64, 65536), 2));
        keys.put("posix-mq", new RunPlan.GroupKey(List.of(64), 2));
        keys.put("tcp", new RunPlan.GroupKey(List.of(64, 65536), 2));
        keys.put("grpc", new RunPlan.GroupKey(List.of(64, 65536), 24));
        keys.put("sysv-mq", new RunPlan.GroupKey(List.of(64), 2));
        keys.put("grpc-uds", new RunPlan.GroupKey(List.of(64, 65536), 24));

        List<RunPlan.Group> groups = RunPlan.group(keys);

        assertEquals(List.of(
                new RunPlan.Group(List.of("pipe", "tcp"), List.of(64, 65536), 2),
                new RunPlan.Group(List.of("posix-mq", "sysv-mq"), List.of(64), 2),
                new RunPlan.Group(List.of("grpc", "grpc-uds"), List.of(64, 65536), 24)), groups);
    }

    @Test
    void sizesAloneDoNotMergeDifferentWarmUps() {
        Map<String, RunPlan.GroupKey> keys = new LinkedHashMap<>();
        keys.put("rmi", new RunPlan.GroupKey(List.of(64), 10));
        keys.put("uds", new RunPlan.GroupKey(List.of(64), 2));
        assertEquals(2, RunPlan.group(keys).size());
    }

    @Test
    void aMechanismRunsTheAskedStrategiesItOffersAndSaysWhichItLacks() {
        List<WaitStrategy> both = List.of(WaitStrategy.BLOCK, WaitStrategy.SPIN);
        List<RunInfo.Skipped> skipped = new ArrayList<>();
        assertEquals(List.of("block", "spin"), RunPlan.waitsFor(Mechanisms.require("pipe"), both, skipped));
        assertEquals(List.of("spin"), RunPlan.waitsFor(Mechanisms.require("shm"), both, skipped));
        assertEquals(List.of("block"), RunPlan.waitsFor(Mechanisms.require("rmi"), both, skipped));
        assertEquals(List.of("shm", "rmi"), skipped.stream().map(RunInfo.Skipped::mechanism).toList());
        assertTrue(skipped.get(0).reason().contains("offers only spin"), skipped.toString());

        skipped.clear();
        assertEquals(List.of("spin"), RunPlan.waitsFor(Mechanisms.require("shm"), List.of(WaitStrategy.BLOCK),
                skipped), "block asked: shm waits as it always does, without a note");
        assertEquals(List.of(), skipped);
        assertEquals(List.of(), RunPlan.waitsFor(Mechanisms.require("rmi"), List.of(WaitStrategy.SPIN), skipped),
                "spin asked: rmi cannot (the plan skips it or refuses a named one)");
    }

    @Test
    void differentWaitStrategiesDoNotShareAGroup() {
        Map<String, RunPlan.GroupKey> keys = new LinkedHashMap<>();
        keys.put("pipe", new RunPlan.GroupKey(List.of(64), 2, List.of("block", "spin"), JDK_ONLY));
        keys.put("shm", new RunPlan.GroupKey(List.of(64), 2, List.of("spin"), JDK_ONLY));
        keys.put("tcp", new RunPlan.GroupKey(List.of(64), 2, List.of("block", "spin"), JDK_ONLY));
        assertEquals(List.of(
                new RunPlan.Group(List.of("pipe", "tcp"), List.of(64), 2, List.of("block", "spin"), JDK_ONLY),
                new RunPlan.Group(List.of("shm"), List.of(64), 2, List.of("spin"), JDK_ONLY)), RunPlan.group(keys));
    }

    @Test
    void theDirectPathRunsWhereTheJdksChannelsDoAndIsSkippedWithItsReasonElsewhere() {
        List<String> both = List.of("jdk", "direct");
        List<RunInfo.Skipped> skipped = new ArrayList<>();
        for (String id : List.of("pipe", "fifo", "tcp", "uds", "udp")) {
            assertEquals(both, RunPlan.iosFor(Mechanisms.require(id), both, skipped), id);
        }
        assertEquals(List.of(), skipped);
        assertEquals(JDK_ONLY, RunPlan.iosFor(Mechanisms.require("shm"), both, skipped));
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).reason().contains("no direct io path"), skipped.toString());
        assertEquals(List.of(), RunPlan.iosFor(Mechanisms.require("posix-mq"), List.of("direct"), skipped),
                "direct asked: posix-mq has no JDK channel to bypass (the plan skips it or refuses a named one)");
    }

    @Test
    void differentIoPathsDoNotShareAGroupAndACClientRunsTheDefaultOnly() {
        Map<String, RunPlan.GroupKey> keys = new LinkedHashMap<>();
        keys.put("pipe", new RunPlan.GroupKey(List.of(64), 2, List.of("block"), List.of("jdk", "direct")));
        keys.put("shm", new RunPlan.GroupKey(List.of(64), 2, List.of("block"), JDK_ONLY));
        List<RunPlan.Group> groups = RunPlan.group(keys);
        assertEquals(2, groups.size());

        List<RunPlan.Step> steps = RunPlan.interleave(groups.subList(0, 1),
                List.of(ipcbench.process.Peers.JVM_JVM, ipcbench.process.Peers.NATIVE_NATIVE),
                Map.of(ipcbench.process.Peers.NATIVE_NATIVE, List.of("pipe")), 1, true);
        assertEquals(List.of("jvm-jvm jdk", "jvm-jvm direct", "native-native jdk"),
                steps.stream().map(step -> step.peers().id() + " " + step.io()).toList());
    }
}
