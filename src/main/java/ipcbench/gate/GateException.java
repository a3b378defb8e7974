package ipcbench.gate;

/** Bad input to the gate (not a run or pool, an unreadable file, nothing in common, a bad option): one line. */
public final class GateException extends Exception {
    public GateException(String message) {
        super(message);
    }

    public GateException(String message, Throwable cause) {
        super(message, cause);
    }
}
