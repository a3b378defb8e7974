package ipcbench.cli;

import ipcbench.results.Dimension;
import ipcbench.results.RunInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --topology, --clients, --subscribers and --reply: what they ask for, what they refuse, and which mechanisms a fan-in
 * or fan-out plan skips.
 */
class FanInOptionsTest {
    @Test
    void fanInAsksForItsClientsInOrderAndDefaultsToOneTwoFour() throws UsageException {
        RunConfig asked = RunOptions.parse(List.of("--topology", "fanin", "--clients", "4,1,2,4"));
        assertTrue(asked.fanIn());
        assertEquals(List.of("fanin"), asked.values(Dimension.TOPOLOGY));
        assertEquals(List.of("1", "2", "4"), asked.values(Dimension.FAN));
        assertEquals(List.of("1", "2", "4"),
                RunOptions.parse(List.of("--topology", "fanin")).values(Dimension.FAN));
        RunConfig pair = RunOptions.parse(List.of());
        assertEquals(List.of("pair"), pair.values(Dimension.TOPOLOGY));
        assertEquals(List.of("1"), pair.values(Dimension.FAN));
    }

    @Test
    void refusesWhatAFanInCannotBe() {
        for (List<String> args : List.of(List.of("--topology", "star"), List.of("--clients", "2"),
                List.of("--topology", "pair", "--clients", "2"), List.of("--topology", "fanin", "--clients", "0"),
                List.of("--topology", "fanin", "--clients", "65"), List.of("--topology", "fanin", "--clients", "a"),
                List.of("--topology", "fanin", "--mode", "load"),
                List.of("--topology", "fanin", "--peers", "jvm-native"),
                List.of("--topology", "fanin", "--netns"), List.of("--topology", "fanin", "--subscribers", "2"),
                List.of("--topology", "fanout", "--clients", "2"), List.of("--topology", "fanout", "--mode", "both"),
                List.of("--topology", "fanout", "--reply", "one"),
                List.of("--topology", "fanout", "--clients", "1", "--subscribers", "2"))) {
            UsageException e = assertThrows(UsageException.class, () -> RunOptions.parse(args), args.toString());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void fanOutMeasuresLatencyUnlessAskedOtherwiseAndRepliesAll() throws UsageException {
        RunConfig fanOut = RunOptions.parse(List.of("--topology", "fanout", "--subscribers", "2,1", "--reply", "all"));
        assertTrue(fanOut.fanOut());
        assertEquals(RunConfig.Mode.LATENCY, fanOut.mode());
        assertEquals(List.of("1", "2"), fanOut.values(Dimension.FAN));
        assertEquals(null, fanOut.cpuAt(), "no CPU-at-load pairs in a fan-out run unless asked");
    }

    @Test
    void fanOutSkipsMechanismsWhoseOwnFanOutIsNotBuiltAndSizesBeyondAChannelsBuffer() throws Exception {
        RunPlan plan = RunPlan.of(RunOptions.parse(List.of("--topology", "fanout", "--sizes", "64,1m")));
        assertEquals(List.of("pipe", "fifo", "tcp", "uds", "uds-dgram", "posix-mq", "sysv-mq", "shm", "aeron-ipc").stream()
                .sorted().toList(),
                plan.mechanisms().stream().sorted().toList());
        assertTrue(plan.skipped.stream().anyMatch(s -> s.mechanism().equals("grpc")
                && s.reason().contains("server stream")), plan.skipped.toString());
        assertTrue(plan.skipped.stream().anyMatch(s -> s.mechanism().equals("pipe") && s.payloadBytes() != null
                && s.payloadBytes() == 1 << 20), plan.skipped.toString());
        assertTrue(plan.skipped.stream().noneMatch(s -> s.mechanism().equals("shm")),
                "one region read by all holds any size: " + plan.skipped);
        assertTrue(plan.skipped.stream().noneMatch(s -> s.mechanism().equals("aeron-ipc")),
                "one publication read by all holds any size Aeron takes: " + plan.skipped);
        UsageException named = assertThrows(UsageException.class, () -> RunPlan.of(RunOptions.parse(
                List.of("--topology", "fanout", "--mechanisms", "aeron-udp,pipe"))));
        assertTrue(named.getMessage().startsWith("aeron-udp: no fan-out here"), named.getMessage());
    }

    @Test
    void aMechanismWithoutFanInIsSkippedWithItsReasonOrRefusedWhenNamed() throws Exception {
        RunPlan plan = RunPlan.of(RunOptions.parse(List.of("--topology", "fanin", "--clients", "1,2", "--sizes",
                "64")));
        List<RunInfo.Skipped> pipe = plan.skipped.stream().filter(s -> s.mechanism().equals("pipe")).toList();
        assertEquals(1, pipe.size(), plan.skipped.toString());
        assertTrue(pipe.get(0).reason().contains("stdin and stdout"), pipe.get(0).reason());
        assertTrue(plan.skipped.stream().anyMatch(s -> s.mechanism().equals("aeron-ipc")
                && s.reason().contains("media driver")), plan.skipped.toString());
        assertTrue(plan.mechanisms().contains("uds"));
        UsageException named = assertThrows(UsageException.class, () -> RunPlan.of(RunOptions.parse(
                List.of("--topology", "fanin", "--mechanisms", "uds,pipe"))));
        assertTrue(named.getMessage().startsWith("pipe: cannot serve several clients"), named.getMessage());
    }
}
