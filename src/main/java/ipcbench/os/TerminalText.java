package ipcbench.os;

/**
 * Text from a file another user may have written (a lock's holder, a ledger's entry, a file name), made safe to
 * print: control characters (C0, DEL, C1, so no escape sequence) and invisible format characters (such as
 * right-to-left overrides) become '?', and the text is cut to a bounded length. What remains cannot move the
 * cursor, rewrite the terminal's title or hide part of the line.
 */
public final class TerminalText {
    private static final int MAX_CODE_POINTS = 300;

    private TerminalText() {
    }

    /** {@code text} as it may be printed: at most {@value #MAX_CODE_POINTS} code points, none a control. */
    public static String printable(String text) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS));
        text.codePoints().limit(MAX_CODE_POINTS).forEach(c -> shown.appendCodePoint(
                Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            shown.append("...");
        }
        return shown.toString();
    }
}
