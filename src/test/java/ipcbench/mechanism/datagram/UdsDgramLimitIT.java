package ipcbench.mechanism.datagram;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.Payload;
import ipcbench.process.EchoSession;
import ipcbench.process.SessionSpec;
import ipcbench.registry.RunnableHere;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The probed uds-dgram limit is usable end to end: EchoSessionIT tries a mechanism's exact limit only up to 1 MiB,
 * and this one is several MiB on a host with a large net.core.wmem_max.
 */
class UdsDgramLimitIT {
    @TempDir
    Path logs;

    @Test
    void echoesAPayloadOfExactlyTheProbedLimit() throws IOException {
        Mechanism mechanism = RunnableHere.orSkip("uds-dgram");
        int limit = mechanism.maxPayloadBytes();
        Assumptions.assumeTrue(limit > 1 << 20, "EchoSessionIT already echoes the limit of " + limit + " B");
        try (EchoSession session = EchoSession.open(SessionSpec.of(mechanism, Exchange.LATENCY, limit), logs)) {
            ByteBuffer request = Payload.allocate(limit, 42);
            ByteBuffer response = ByteBuffer.allocateDirect(limit);
            for (int i = 0; i < 3; i++) {
                Payload.stamp(request, i);
                session.client().roundTrip(request, response);
                Payload.requireSame(request, response, "echo at the limit");
            }
        }
    }
}
