package ipcbench.mechanism.datagram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The datagram family's half of the C/Java contract, as the Java side has it: the acknowledgement, buffer, window
 * and guard numbers, System V message types, the uds-dgram socket names, and the queue key of sample object names
 * (the last with bytes above 0x7f). Keys are {@code ipcpeer layout}'s.
 */
public final class DatagramContract {
    private static final List<String> KEY_NAMES = List.of("queue", "ipcbench-0f1e2d3c4b5a6978-queue",
            "\u00e9t\u00e9-queue");

    private DatagramContract() {
    }

    public static Map<String, String> expected() {
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, "ack_bytes", DatagramEchoServer.ACK_BYTES);
        put(lines, "buffer_request_cap_bytes", DatagramFamily.BUFFER_REQUEST_CAP_BYTES);
        put(lines, "kernel_bytes_per_datagram_overhead", UdpMechanism.KERNEL_BYTES_PER_DATAGRAM_OVERHEAD);
        put(lines, "stall_ms", TimeUnit.NANOSECONDS.toMillis(ReplyGuard.STALL_NS));
        put(lines, "guard_tick_ms", ReplyGuard.TICK_MS);
        put(lines, "sysv_request_type", SysvMqMechanism.REQUEST_TYPE);
        put(lines, "sysv_reply_type", SysvMqMechanism.REPLY_TYPE);
        put(lines, "server_socket", UdsDgramMechanism.SERVER_SOCKET);
        put(lines, "client_socket", UdsDgramMechanism.CLIENT_SOCKET);
        for (String name : KEY_NAMES) {
            put(lines, "sysv_key." + name, SysvMqMechanism.keyOf(name));
        }
        return lines;
    }

    private static void put(Map<String, String> lines, String name, Object value) {
        lines.put("datagram." + name, String.valueOf(value));
    }
}
