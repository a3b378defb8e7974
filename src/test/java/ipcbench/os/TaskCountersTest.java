package ipcbench.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskCountersTest {
    @Test
    void theCallingThreadsRunTimeGrowsWithWork() throws Exception {
        TaskCounters before = TaskCounters.currentThread();
        long spinUntil = System.nanoTime() + 50_000_000;
        long sink = 0;
        while (System.nanoTime() < spinUntil) {
            sink += sink * 31 + 7;
        }
        TaskCounters spent = TaskCounters.currentThread().minus(before);
        assertTrue(sink != 1, "keeps the loop");
        assertTrue(spent.runNs() > 0, spent.toString());
    }

    @Test
    void everySleepIsAVoluntarySwitch() throws Exception {
        TaskCounters before = TaskCounters.currentThread();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(1); // a timed sleep always leaves the CPU: the kernel counts it as a voluntary switch
        }
        TaskCounters spent = TaskCounters.currentThread().minus(before);
        assertTrue(spent.voluntarySwitches() >= 5, before + " then " + spent);
    }

    @Test
    void eachCounterIsReadFromItsFile(@TempDir Path task) throws Exception {
        Files.writeString(task.resolve("schedstat"), "123456789 4000 17\n");
        // pid (comm with a space and a parenthesis) state, then fields 4-13, utime (14), stime (15), ...
        Files.writeString(task.resolve("stat"), "42 (odd) name) R 1 42 42 0 -1 4194560 100 0 0 0 31 9 0 0 20 0 1\n");
        Files.writeString(task.resolve("status"), "Name:\todd\nState:\tR (running)\nvoluntary_ctxt_switches:\t7\n"
                + "nonvoluntary_ctxt_switches:\t3\n");
        Files.writeString(task.resolve("sched"), "odd (42, #threads: 1)\nse.nr_migrations  :  5\n");
        assertEquals(new TaskCounters(123456789, 31, 9, 7, 3, 5), TaskCounters.read(task));

        Files.delete(task.resolve("sched"));
        assertEquals(-1, TaskCounters.read(task).migrations(), "without CONFIG_SCHED_DEBUG migrations are unknown");
    }

    @Test
    void anotherThreadReadsThisThreadsTaskDirectory() throws Exception {
        TaskCounters own = TaskCounters.currentThread();
        TaskCounters viaDir = TaskCounters.read(TaskCounters.currentTaskDir());
        assertTrue(viaDir.runNs() >= own.runNs(), own + " then " + viaDir);
    }

    @Test
    void theProcessTotalIsAtLeastOneThreadsAndNeverFalls() throws Exception {
        TaskCounters.Process process = new TaskCounters.Process();
        TaskCounters first = process.sample();
        TaskCounters thread = TaskCounters.currentThread();
        Thread shortLived = new Thread(() -> {
            long until = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        shortLived.start();
        shortLived.join();
        TaskCounters second = process.sample();
        assertTrue(first.runNs() >= thread.runNs() - 50_000_000L, first + " vs " + thread);
        assertTrue(second.runNs() >= first.runNs(), "monotonic: " + first + " then " + second);
    }

    @Test
    void aLineRoundTrips() {
        TaskCounters counters = new TaskCounters(1, 2, 3, 4, 5, -1);
        String[] numbers = ("x " + counters.toLine()).split(" ");
        assertEquals(counters, TaskCounters.parse(numbers, 1));
    }
}
