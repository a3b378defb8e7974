/*
 * ipcpeer floor: the cheapest round trip two pinned processes can make, so a report can say how much of a
 * mechanism's round trip is the host's. BLOCK: each side sleeps in read() on its own eventfd and wakes the other
 * with one write(), the least a blocking mechanism must do (two wake-ups per round trip, no data). SPIN: each side
 * polls a counter on its own cache line of a shared page and stores the other's; two cache-line transfers.
 * The child is forked, so the two ends are processes as every mechanism's are.
 */
#define _GNU_SOURCE
#include "ipcpeer.h"
#include "peer_io.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* SPIN: the ping that tells the child to exit, or the pong that tells the parent the child could not start.
   BLOCK: the eventfd value that does either (an eventfd's largest; pings and pongs are 1). */
#define FLOOR_STOP UINT64_MAX
#define FLOOR_STOP_EVENT (UINT64_MAX - 1)

struct floor_ends {
    int spin;
    int to_child;                      /* BLOCK: eventfd the child reads */
    int to_parent;                     /* BLOCK: eventfd the parent reads */
    _Atomic uint64_t *ping;            /* SPIN: the parent's counter, on its own cache line */
    _Atomic uint64_t *pong;            /* SPIN: the child's echo of it, on another */
};

/* Blocks until fd's counter is non-zero and takes it; -1 on error. */
static int wait_eventfd(int fd, uint64_t *value)
{
    for (;;) {
        if (read(fd, value, sizeof *value) == (ssize_t)sizeof *value) {
            return 0;
        }
        if (errno != EINTR) {
            return -1;
        }
    }
}

static int post_eventfd(int fd, uint64_t value)
{
    return write_fully(fd, &value, sizeof value);
}

/* The child: echoes every ping until FLOOR_STOP; never returns. */
static _Noreturn void echo(const struct floor_ends *ends, int cpu, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
        _exit(1);
    }
    if (pin_thread(cpu) != 0) {
        if (ends->spin) {
            atomic_store_explicit(ends->pong, FLOOR_STOP, memory_order_release);
        } else {
            post_eventfd(ends->to_parent, FLOOR_STOP_EVENT);
        }
        _exit(1);
    }
    if (ends->spin) {
        uint64_t seen = 0;
        for (;;) {
            uint64_t ping;
            while ((ping = atomic_load_explicit(ends->ping, memory_order_acquire)) == seen) {
                cpu_relax();
            }
            if (ping == FLOOR_STOP) {
                _exit(0);
            }
            seen = ping;
            atomic_store_explicit(ends->pong, ping, memory_order_release);
        }
    }
    for (;;) {
        uint64_t ping;
        if (wait_eventfd(ends->to_child, &ping) != 0) {
            _exit(1);
        }
        if (ping == FLOOR_STOP_EVENT) {
            _exit(0);
        }
        if (post_eventfd(ends->to_parent, 1) != 0) {
            _exit(1);
        }
    }
}

/* One round trip from the parent: ping, then wait for its echo. */
static int round_trip(const struct floor_ends *ends, uint64_t sequence)
{
    if (ends->spin) {
        atomic_store_explicit(ends->ping, sequence, memory_order_release);
        uint64_t pong;
        while ((pong = atomic_load_explicit(ends->pong, memory_order_acquire)) != sequence) {
            if (pong == FLOOR_STOP) {
                return peer_fail("the echoing child could not start");
            }
            cpu_relax();
        }
        return 0;
    }
    uint64_t pong;
    if (post_eventfd(ends->to_child, 1) != 0 || wait_eventfd(ends->to_parent, &pong) != 0) {
        return peer_fail("eventfd: %s", strerror(errno));
    }
    return pong == FLOOR_STOP_EVENT ? peer_fail("the echoing child could not start") : 0;
}

static int64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The sample at quantile q of sorted[0, count): the smallest with at least q of the samples at or below it. */
static int64_t at_quantile(const int64_t *sorted, int count, double q)
{
    int index = (int)(q * count + 0.999999) - 1;
    return sorted[index < 0 ? 0 : index];
}

/* A child that stops answering would leave the parent asleep in read(): the alarm ends the command instead. */
static void on_deadline(int signal)
{
    (void)signal;
    static const char line[] = "ipcpeer: floor: the echoing child stopped answering\n";
    ssize_t ignored = write(STDERR_FILENO, line, sizeof line - 1);
    (void)ignored;
    _exit(1);
}

static int run(const struct floor_ends *ends, int client_cpu, int round_trips, int64_t *latency_ns)
{
    if (pin_thread(client_cpu) != 0) {
        return -1;
    }
    uint64_t sequence = 0;
    for (int i = 0; i < round_trips / 10; i++) {
        if (round_trip(ends, ++sequence) != 0) {
            return -1;
        }
    }
    int64_t previous = monotonic_ns();
    for (int i = 0; i < round_trips; i++) {
        if (round_trip(ends, ++sequence) != 0) {
            return -1;
        }
        int64_t now = monotonic_ns();
        latency_ns[i] = now - previous;
        previous = now;
    }
    return 0;
}

int floor_measure(int spin, int client_cpu, int server_cpu, int round_trips)
{
    struct floor_ends ends = {.spin = spin, .to_child = -1, .to_parent = -1};
    void *page = MAP_FAILED;
    int64_t *latency_ns = malloc((size_t)round_trips * sizeof *latency_ns);
    if (latency_ns == NULL) {
        return peer_fail("no memory for %d samples", round_trips);
    }
    int result = -1;
    if (spin) {
        page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (page == MAP_FAILED) {
            peer_fail("mmap: %s", strerror(errno));
            goto out;
        }
        ends.ping = (_Atomic uint64_t *)page;
        ends.pong = (_Atomic uint64_t *)((char *)page + 128); /* apart by two lines: no adjacent-line prefetch */
    } else {
        ends.to_child = eventfd(0, EFD_CLOEXEC);
        ends.to_parent = eventfd(0, EFD_CLOEXEC);
        if (ends.to_child < 0 || ends.to_parent < 0) {
            peer_fail("eventfd: %s", strerror(errno));
            goto out;
        }
    }
    signal(SIGALRM, on_deadline);
    alarm(FLOOR_DEADLINE_S);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        peer_fail("fork: %s", strerror(errno));
        goto out;
    }
    if (child == 0) {
        echo(&ends, server_cpu, parent);
    }
    result = run(&ends, client_cpu, round_trips, latency_ns);
    /* after a failure the child's eventfd may still hold a ping, which a stop value would overflow: kill instead */
    if (result != 0) {
        kill(child, SIGKILL);
    } else if (spin) {
        atomic_store_explicit(ends.ping, FLOOR_STOP, memory_order_release);
    } else if (post_eventfd(ends.to_child, FLOOR_STOP_EVENT) != 0) {
        kill(child, SIGKILL);
    }
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    alarm(0);
    if (WIFEXITED(status) ? WEXITSTATUS(status) != 0 : result == 0) {
        result = peer_fail("the echoing child failed (can it run on CPU %d?)", server_cpu);
    }
    if (result == 0) {
        qsort(latency_ns, (size_t)round_trips, sizeof *latency_ns, by_value);
        printf("FLOOR %d %lld %lld %lld %lld\n", round_trips, (long long)at_quantile(latency_ns, round_trips, 0.5),
               (long long)at_quantile(latency_ns, round_trips, 0.9),
               (long long)at_quantile(latency_ns, round_trips, 0.99), (long long)latency_ns[round_trips - 1]);
    }
out:
    if (page != MAP_FAILED) {
        munmap(page, 4096);
    }
    if (ends.to_child >= 0) {
        close(ends.to_child);
    }
    if (ends.to_parent >= 0) {
        close(ends.to_parent);
    }
    free(latency_ns);
    return result;
}
