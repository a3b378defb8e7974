package ipcbench.mechanism.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/** The stream family's half of the C/Java contract, as the Java side has it. Keys are {@code ipcpeer layout}'s. */
public final class StreamContract {
    private StreamContract() {
    }

    public static Map<String, String> expected() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("stream.token_wait_ms", String.valueOf(TokenGate.TOKEN_WAIT_MS));
        lines.put("stream.tcp_backlog", String.valueOf(TcpMechanism.BACKLOG));
        lines.put("stream.request_fifo", FifoMechanism.REQUEST);
        lines.put("stream.response_fifo", FifoMechanism.RESPONSE);
        return lines;
    }
}
