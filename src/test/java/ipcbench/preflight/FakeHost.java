package ipcbench.preflight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A recorded /proc and /sys tree, written file by file into a test directory. */
final class FakeHost {
    final Path root;

    FakeHost(Path root) {
        this.root = root;
    }

    FakeHost file(String absolutePath, String content) {
        try {
            Path file = root.resolve(absolutePath.substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeHost dir(String absolutePath) {
        try {
            Files.createDirectories(root.resolve(absolutePath.substring(1)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/stat with {@code cpus} per-CPU lines; the aggregate line's idle fills up to {@code totalTicks}. */
    FakeHost procStat(int cpus, long totalTicks, long stealTicks) {
        StringBuilder stat = new StringBuilder();
        long user = 1000;
        long system = 500;
        long idle = totalTicks - user - system - stealTicks;
        stat.append("cpu  ").append(user).append(" 0 ").append(system).append(' ').append(idle)
                .append(" 0 0 0 ").append(stealTicks).append(" 0 0\n");
        for (int cpu = 0; cpu < cpus; cpu++) {
            stat.append("cpu").append(cpu).append(" 1 0 1 1 0 0 0 0 0 0\n");
        }
        stat.append("intr 0\nctxt 0\n");
        return file("/proc/stat", stat.toString());
    }

    /** /proc/PID/stat with the name, parent and user + system ticks (split 3:1). */
    FakeHost process(long pid, String name, long parentPid, long ticks) {
        long utime = ticks * 3 / 4;
        return file("/proc/" + pid + "/stat", pid + " (" + name + ") S " + parentPid + " " + pid + " " + pid
                + " 0 -1 4194304 100 0 0 0 " + utime + " " + (ticks - utime) + " 0 0 20 0 1 0 100 0 0\n");
    }

    FakeHost cmdline(long pid, String... args) {
        return file("/proc/" + pid + "/cmdline", String.join("\0", args) + "\0");
    }

    HostRoot host() {
        return new HostRoot(root);
    }
}
