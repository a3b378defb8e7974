package ipcbench.os;

import org.junit.jupiter.api.Test;

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
        assertTrue(spent.voluntarySwitches() >= 0 && spent.involuntarySwitches() >= 0, spent.toString());
        assertTrue(before.voluntarySwitches() >= 0, "status was read: " + before);
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
