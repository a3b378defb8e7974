package ipcbench.mechanism;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataAddressTest {
    @Test
    void aRangeGivesTheFirstPortNotTaken() throws IOException {
        try (ServerSocketChannel taken = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            DataAddress range = DataAddress.of("127.0.0.1", port + "-" + (port + 1));
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                int bound = range.firstFree(at -> {
                    server.bind(at);
                    return ((InetSocketAddress) server.getLocalAddress()).getPort();
                });
                assertEquals(port + 1, bound);
            }
            DataAddress full = DataAddress.of("127.0.0.1", port + "-" + port);
            IOException none = assertThrows(IOException.class, () -> full.firstFree(at -> {
                try (ServerSocketChannel server = ServerSocketChannel.open()) {
                    return server.bind(at);
                }
            }));
            assertTrue(none.getMessage().contains("no data port " + port + "-" + port), none.getMessage());
        }
    }

    @Test
    void onlyIpLiteralsAndRealRanges() {
        assertThrows(IllegalArgumentException.class, () -> DataAddress.of("example.org", null));
        assertThrows(IllegalArgumentException.class, () -> DataAddress.of("10.0.0.1", "9-1"));
        assertThrows(IllegalArgumentException.class, () -> DataAddress.of("10.0.0.1", "0-5"));
        assertThrows(IllegalArgumentException.class, () -> DataAddress.of("10.0.0.1", "80"));
        assertEquals("40000-40010", DataAddress.of("fd00::2", "40000-40010").portsText());
        assertTrue(DataAddress.LOOPBACK.isLoopback());
    }
}
