package ipcbench.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-call benchmark's operation on every descriptor kind and every path, in this JVM (Failsafe opens
 * sun.nio.ch for the socket descriptors' numbers, as the benchmark's {@code @Fork} does): each call checks the byte
 * it read against the byte it wrote, so a path that reads another byte, or none, throws. No time is asserted.
 */
class JdkCallCostIT {
    private static final int CALLS = 1000;

    @Test
    void everyDescriptorOnEveryPathReadsBackWhatItWrote() throws Exception {
        for (String descriptor : List.of("pipe", "uds", "tcp", "udp")) {
            for (String path : List.of("jdk", "direct", "jdk-write", "jdk-read")) {
                JdkCallCost benchmark = new JdkCallCost();
                benchmark.descriptor = descriptor;
                benchmark.path = path;
                benchmark.open();
                try {
                    byte last = 0;
                    for (int i = 0; i < CALLS; i++) {
                        last = benchmark.writeThenRead();
                    }
                    assertEquals((byte) CALLS, last, descriptor + "/" + path + ": the last byte read");
                } finally {
                    benchmark.close();
                }
            }
        }
    }
}
