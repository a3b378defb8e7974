package ipcbench.cli;

/** Bad input: printed as one line, exit code 2, nothing created. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
