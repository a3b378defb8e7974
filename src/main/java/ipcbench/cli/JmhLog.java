package ipcbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where JMH's console output goes during a run: {@code jmh.log} in the run directory, and the terminal too with
 * --verbose. It also reads what passes: after JMH's {@code <failure>} marker it keeps the one line that says why —
 * the deepest exception message of the stack trace JMH prints (such as which echo server died and how; a cause
 * without a message does not replace one with), or JMH's
 * own note on a fork that failed — so a failed benchmark reaches the terminal as that line, not as a stack trace.
 */
final class JmhLog extends OutputStream {
    private static final Pattern EXCEPTION = Pattern.compile(
            "^(?:Caused by: )?(?:[a-zA-Z_$][\\w$]*\\.)*[\\w$]*(?:Exception|Error)(?:: (.*))?$");
    private static final Pattern EXIT_CODE = Pattern.compile("exited with code (\\d+)");

    private final OutputStream file;
    private final OutputStream terminal;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean inFailure;
    private String failure;

    /** @param terminal where a copy goes (--verbose), or null */
    JmhLog(OutputStream file, OutputStream terminal) {
        this.file = file;
        this.terminal = terminal;
    }

    /** A view whose close only flushes: JMH closes its output after each run, the log lives for the whole run. */
    OutputStream unclosable() {
        return new FilterOutputStream(this) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                JmhLog.this.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Forgets the previous benchmark's failure. */
    synchronized void resetFailure() {
        inFailure = false;
        failure = null;
    }

    /** Why the current benchmark failed, in one line, or null when the log shows no failure. */
    synchronized String failure() {
        scan(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
        return failure;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        if (terminal != null) {
            terminal.write(b, off, len);
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                scan(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b[i]);
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        file.flush();
        if (terminal != null) {
            terminal.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        file.close();
    }

    private void scan(String text) {
        String trimmed = text.strip();
        if (trimmed.contains("<failure>")) {
            inFailure = true;
            return;
        }
        if (trimmed.startsWith("<forked VM failed with exit code") && failure == null) {
            failure = trimmed.substring(1, trimmed.length() - (trimmed.endsWith(">") ? 1 : 0));
            return;
        }
        if (!inFailure || trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("#")) {
            inFailure = false;
            return;
        }
        Matcher exception = EXCEPTION.matcher(trimmed);
        // the deepest cause that says something: a bare "Caused by: ...CloseException" keeps the message above it
        if (exception.matches() && (failure == null || trimmed.startsWith("Caused by: ") && exception.group(1) != null)) {
            failure = withSignal(exception.group(1) != null ? exception.group(1) : trimmed);
        }
    }

    /** An exit code above 128 is how a shell reports a signal; say which. */
    static String withSignal(String message) {
        Matcher code = EXIT_CODE.matcher(message);
        if (code.find()) {
            int exit = Integer.parseInt(code.group(1));
            if (exit > 128 && exit < 128 + 65) {
                return message.substring(0, code.end()) + " (signal " + (exit - 128) + ")"
                        + message.substring(code.end());
            }
        }
        return message;
    }
}
