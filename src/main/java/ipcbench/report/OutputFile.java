package ipcbench.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report or chart file without following a symbolic link: a link planted at the file's name (say
 * plots/x.png pointing at a file elsewhere) makes the write fail with one line, it is never written through.
 * Invariant: every file the report steps write goes through here.
 */
final class OutputFile {
    private OutputFile() {
    }

    /** Opens {@code file} for writing, replacing a regular file, refusing a link. */
    static OutputStream open(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link; not written through");
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    static void writeString(Path file, CharSequence text) throws IOException {
        try (OutputStream out = open(file)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
