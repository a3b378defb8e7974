package ipcbench.sides;

/**
 * A side that cannot be measured, in one line: {@link #badInput} when the user named something that is not a
 * revision, checkout or jar (exit 2, nothing created), else a failure while building or running it (exit 1).
 */
public final class SideException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean badInput;

    public SideException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    public boolean badInput() {
        return badInput;
    }
}
