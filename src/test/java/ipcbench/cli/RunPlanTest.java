package ipcbench.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunPlanTest {
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
}
