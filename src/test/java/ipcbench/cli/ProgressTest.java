package ipcbench.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress lines, their time left, and the one line a failed benchmark's log gives as its reason. */
class ProgressTest {
    @Test
    void oneLinePerBenchmarkWithTheTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long start = 0;
        Progress progress = new Progress(out, 3, 30, start);
        progress.start();
        // The first benchmark took twice its estimate: the 20 s left are expected to take 40 s.
        progress.finished("tcp 1 KiB latency", "p50 14.9 µs  p99 25.5 µs", 10, 20_000_000_000L);
        progress.finished("tcp 1 KiB throughput", "1234 MB/s", 10, 40_000_000_000L);
        progress.finished("uds 1 KiB latency", "FAILED: why (see jmh.log)", 10, 60_000_000_000L);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("ipcbench: 3 benchmarks, about 30 s (an estimate: forks x (1.6 s fork start + warm-up"
                + " + measurement) each)", lines.get(0));
        assertEquals("[1/3] tcp 1 KiB latency  p50 14.9 µs  p99 25.5 µs  ETA 40 s", lines.get(1));
        assertEquals("[2/3] tcp 1 KiB throughput  1234 MB/s  ETA 20 s", lines.get(2));
        assertEquals("[3/3] uds 1 KiB latency  FAILED: why (see jmh.log)", lines.get(3), "no ETA after the last");
    }

    @Test
    void estimatesAndUnits() {
        assertEquals(2 * (1.6 + 1.0 + 2.4), Progress.benchmarkSeconds(2, 2, 500, 6, 400), 1e-9);
        assertEquals("6 min", Progress.duration(6 * 60 + 10));
        assertEquals("1 h 05 min", Progress.duration(65 * 60));
        assertEquals("0.512 µs", Progress.micros(512));
        assertEquals("14.9 µs", Progress.micros(14_900));
        assertEquals("1234 µs", Progress.micros(1_234_000));
        assertEquals("1235 MB/s", Progress.megabytesPerSecond(1.2346e9));
        assertEquals("9.01 MB/s", Progress.megabytesPerSecond(9.01e6));
    }

    @Test
    void aFailureIsTheDeepestExceptionMessage() throws Exception {
        JmhLog log = new JmhLog(new ByteArrayOutputStream(), null);
        PrintStream jmh = new PrintStream(log.unclosable(), true, StandardCharsets.UTF_8);
        jmh.println("# Fork: 1 of 1");
        assertNull(log.failure());
        jmh.print("# Warmup Iteration   1: ");
        jmh.println("<failure>");
        jmh.println();
        jmh.println("java.lang.IllegalStateException: trial setup failed");
        jmh.println("\tat ipcbench.bench.EchoBenchmark.setUp(EchoBenchmark.java:50)");
        jmh.println("Caused by: java.io.IOException: tcp: the echo server exited with code 137 before it was ready:"
                + " killed (log: /r/logs/tcp.log)");
        jmh.println("\tat ipcbench.process.EchoServerProcess.checkAlive(EchoServerProcess.java:127)");
        jmh.println();
        assertEquals("tcp: the echo server exited with code 137 (signal 9) before it was ready: killed (log:"
                + " /r/logs/tcp.log)", log.failure());
        log.resetFailure();
        assertNull(log.failure(), "the next benchmark starts clean");
        jmh.println("<forked VM failed with exit code 1>");
        assertEquals("forked VM failed with exit code 1", log.failure());
        log.resetFailure();
        jmh.println("Iteration   2: <failure>");
        jmh.println("java.io.IOException: udp: the echo server exited with code 137 (see its log)");
        jmh.println("\tat ipcbench.mechanism.datagram.ReplyGuard.explain(ReplyGuard.java:74)");
        jmh.println("Caused by: java.nio.channels.AsynchronousCloseException");
        assertEquals("udp: the echo server exited with code 137 (signal 9) (see its log)", log.failure(),
                "a cause without a message keeps the message above it");
    }

    @Test
    void anExitCodeOnlyNamesASignalAbove128() {
        assertEquals("exited with code 1 before", JmhLog.withSignal("exited with code 1 before"));
        assertEquals("exited with code 143 (signal 15)", JmhLog.withSignal("exited with code 143"));
    }
}
