package ipcbench.report;

/**
 * A run directory, an argument or the host cannot give what a report step needs: not a run, an unreadable CSV, no
 * fonts. The message is one line the command line prints as it is before exiting with status 2.
 */
public final class ReportException extends Exception {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
