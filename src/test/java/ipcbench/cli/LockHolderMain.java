package ipcbench.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process holding a lock file, for tests of what a waiting run sees: locks {@code args[0]} (an fcntl lock,
 * as {@link RunLock} takes), prints "locked", and holds it until its stdin closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    /** Starts the holder and returns once it holds the lock. */
    static Process start(Path file) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHolderMain.class.getName(), file.toString()));
        Process holder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] line = holder.getInputStream().readNBytes("locked\n".length());
        if (!new String(line, java.nio.charset.StandardCharsets.US_ASCII).equals("locked\n")) {
            holder.destroyForcibly();
            throw new IOException("the lock holder did not take " + file);
        }
        return holder;
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            channel.lock();
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }
}
