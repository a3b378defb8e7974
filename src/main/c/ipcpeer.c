/*
 * ipcpeer's commands (list, serve, pair) and the helpers ipcpeer.h declares; the mechanisms' ends live in the family
 * files. serve is a drop-in for ipcbench.process.EchoServerMain; pair is a native client timing round trips as
 * ipcbench.bench.RoundTripLatency does, against a forked server child running serve's code path.
 */
#define _GNU_SOURCE
#include "ipcpeer.h"
#include "peer_io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_BAD_ARGS = 2, EXIT_PARENT_GONE = 3 }; /* EchoServerMain's */

#define MAX_PAYLOAD_BYTES (64 << 20)       /* Trial.MAX_PAYLOAD_BYTES */
#define PARENT_POLL_MS 100                 /* EchoServerMain.PARENT_POLL_MS */
#define READY_TIMEOUT_MS 10000             /* pair: the server child must report within this */
#define EXIT_GRACE_MS 2000                 /* pair: the server child must exit within this after the close */
/* pair: room for one round trip per 100 ns of an iteration, less than a cache line takes to another core and back;
   a full array ends the iteration early */
#define NS_PER_SAMPLE 100
#define CONTROL_SOCKET "control.sock"       /* EchoServerProcess.CONTROL_SOCKET */
#define SAMPLES_MAGIC "IPCPEER1"           /* NativePair.SAMPLES_MAGIC */
/* The control lines' words (EchoServerProcess's) and their lengths */
#define LINE_TOKEN "TOKEN "
#define LINE_READY "READY "
#define LINE_FAILED "FAILED "
#define LINE_COST_QUERY "COST?"
#define LINE_COST_REPLY "COST "
#define LENGTH(word) (sizeof word - 1)

/* ---- helpers declared in ipcpeer.h ---- */

static char fail_reason[1024];

int peer_fail(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(fail_reason, sizeof fail_reason, format, args);
    va_end(args);
    return -1;
}

const char *peer_reason(void)
{
    return fail_reason[0] ? fail_reason : "unknown failure";
}

/* java.util.SplittableRandom: seed advances by the golden gamma, each int is mix32 of the new seed. */
#define GOLDEN_GAMMA 0x9e3779b97f4a7c15ULL

static uint32_t mix32(uint64_t z)
{
    z = (z ^ (z >> 33)) * 0x62a9d9ed799705f5ULL;
    return (uint32_t)(((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3ULL) >> 32);
}

/* nextInt(256) of a power-of-two bound is the low 8 bits of nextInt() (RandomSupport.boundedNextInt). */
void payload_fill(unsigned char *buf, size_t bytes, int64_t seed)
{
    uint64_t state = (uint64_t)seed;
    for (size_t i = 0; i < bytes; i++) {
        state += GOLDEN_GAMMA;
        buf[i] = (unsigned char)(mix32(state) & 0xff);
    }
}

void trial_object_name(const struct trial *trial, const char *role, char *out, size_t out_bytes)
{
    const char *dir = trial->scratch_dir;
    size_t end = strlen(dir);
    while (end > 1 && dir[end - 1] == '/') {
        end--;
    }
    size_t start = end;
    while (start > 0 && dir[start - 1] != '/') {
        start--;
    }
    snprintf(out, out_bytes, "%.*s-%s", (int)(end - start), dir + start, role);
}

void trial_file(const struct trial *trial, const char *name, char *out, size_t out_bytes)
{
    snprintf(out, out_bytes, "%s/%s", trial->scratch_dir, name);
}

int token_matches(const struct trial *trial, const unsigned char *got)
{
    unsigned char differ = 0;
    for (int i = 0; i < TOKEN_BYTES; i++) {
        differ |= (unsigned char)(trial->token[i] ^ got[i]);
    }
    return differ == 0;
}

const struct peer_ops *peer_find(const char *id)
{
    const struct peer_ops *const *families[] = {peer_stream_ops, peer_datagram_ops, peer_memory_ops};
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        for (const struct peer_ops *const *ops = families[f]; *ops != NULL; ops++) {
            if (strcmp((*ops)->id, id) == 0) {
                return *ops;
            }
        }
    }
    return NULL;
}

/* ---- arguments ---- */

struct pair_settings {
    int client_cpu;
    int warmup_iterations;
    int warmup_millis;
    int iterations;
    int iteration_millis;
    char samples[4096];
};

enum key {
    K_MECHANISM, K_MODE, K_PAYLOAD, K_BATCH, K_VERIFY, K_SEED, K_SCRATCH, K_SERVER_CPU, K_WAIT,
    K_CLIENT_CPU, K_WARMUP_ITERATIONS, K_WARMUP_MILLIS, K_ITERATIONS, K_ITERATION_MILLIS, K_SAMPLES,
    KEY_COUNT
};

/* The serve keys (Trial.toArgs) come first; pair takes all of them. */
static const char *const key_names[KEY_COUNT] = {
    "mechanism", "mode", "payloadBytes", "batchMessages", "verify", "seed", "scratchDir", "serverCpu", "wait",
    "clientCpu", "warmupIterations", "warmupMillis", "iterations", "iterationMillis", "samples",
};

static _Noreturn void bad_args(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Prints one line on stderr and exits 2: nothing has been created yet when arguments are checked. */
static _Noreturn void bad_args(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("ipcpeer: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(EXIT_BAD_ARGS);
}

static long long parse_long(const char *key, const char *text, long long min, long long max)
{
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        bad_args("%s=%s: expected an integer from %lld to %lld", key, text, min, max);
    }
    return value;
}

static int parse_choice(const char *key, const char *text, const char *no, const char *yes)
{
    if (strcmp(text, no) == 0) {
        return 0;
    }
    if (strcmp(text, yes) == 0) {
        return 1;
    }
    bad_args("%s=%s: expected %s or %s", key, text, no, yes);
}

static void copy_value(const char *key, const char *text, char *out, size_t out_bytes)
{
    if (text[0] == '\0' || strlen(text) >= out_bytes) {
        bad_args("%s=: expected a non-empty value shorter than %zu bytes", key, out_bytes);
    }
    strcpy(out, text);
}

/* Reads argv's key=value words (serve's keys, plus pair's when pair is non-NULL): every key once, no other. */
static const struct peer_ops *parse_args(int argc, char **argv, struct trial *trial, struct pair_settings *pair)
{
    const char *values[KEY_COUNT] = {0};
    int keys = pair != NULL ? KEY_COUNT : K_CLIENT_CPU;
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (eq == NULL) {
            bad_args("expected key=value, got '%s'", argv[i]);
        }
        int k = 0;
        while (k < keys && !(strlen(key_names[k]) == (size_t)(eq - argv[i])
                             && strncmp(key_names[k], argv[i], (size_t)(eq - argv[i])) == 0)) {
            k++;
        }
        if (k == keys) {
            bad_args("unknown argument '%s'", argv[i]);
        }
        if (values[k] != NULL) {
            bad_args("argument %s= given twice", key_names[k]);
        }
        values[k] = eq + 1;
    }
    for (int k = 0; k < keys; k++) {
        if (values[k] == NULL) {
            bad_args("missing argument %s=", key_names[k]);
        }
    }
    memset(trial, 0, sizeof *trial);
    copy_value("mechanism", values[K_MECHANISM], trial->mechanism, sizeof trial->mechanism);
    trial->throughput = parse_choice("mode", values[K_MODE], "LATENCY", "THROUGHPUT");
    trial->payload_bytes = (int)parse_long("payloadBytes", values[K_PAYLOAD], 1, MAX_PAYLOAD_BYTES);
    trial->batch_messages = (int)parse_long("batchMessages", values[K_BATCH], 1, INT_MAX);
    trial->verify = parse_choice("verify", values[K_VERIFY], "false", "true");
    trial->seed = parse_long("seed", values[K_SEED], LLONG_MIN, LLONG_MAX);
    copy_value("scratchDir", values[K_SCRATCH], trial->scratch_dir, sizeof trial->scratch_dir);
    trial->server_cpu = (int)parse_long("serverCpu", values[K_SERVER_CPU], -1, CPU_SETSIZE - 1);
    trial->spin = parse_choice("wait", values[K_WAIT], "BLOCK", "SPIN");
    if (pair != NULL) {
        pair->client_cpu = (int)parse_long("clientCpu", values[K_CLIENT_CPU], -1, CPU_SETSIZE - 1);
        pair->warmup_iterations = (int)parse_long("warmupIterations", values[K_WARMUP_ITERATIONS], 0, 100000);
        pair->warmup_millis = (int)parse_long("warmupMillis", values[K_WARMUP_MILLIS], 1, 3600000);
        pair->iterations = (int)parse_long("iterations", values[K_ITERATIONS], 1, 100000);
        pair->iteration_millis = (int)parse_long("iterationMillis", values[K_ITERATION_MILLIS], 1, 3600000);
        copy_value("samples", values[K_SAMPLES], pair->samples, sizeof pair->samples);
    }
    const struct peer_ops *ops = peer_find(trial->mechanism);
    if (ops == NULL) {
        bad_args("mechanism=%s: no native peer for it (ipcpeer list names those there are)", trial->mechanism);
    }
    return ops;
}

/* ---- small system helpers ---- */

static pid_t current_tid(void)
{
    return (pid_t)syscall(SYS_gettid);
}

int pin_thread(int cpu)
{
    if (cpu < 0) {
        return 0;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        return peer_fail("sched_setaffinity(cpu %d): %s; is the CPU online and in this process's cpuset?", cpu,
                         strerror(errno));
    }
    return 0;
}

static int64_t clock_ns(clockid_t clock)
{
    struct timespec now;
    clock_gettime(clock, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* ---- kernel counters of a task, as TaskCounters.read ---- */

struct counters {
    long long v[6]; /* runNs, userTicks, sysTicks, voluntary, involuntary switches, migrations (-1: unknown) */
};

/* The whole of a small /proc file, NUL-terminated; -1 when it cannot be read. */
static int read_small_file(const char *dir, const char *name, char *buf, size_t buf_bytes)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    size_t used = 0;
    ssize_t n;
    while (used + 1 < buf_bytes && (n = read(fd, buf + used, buf_bytes - 1 - used)) > 0) {
        used += (size_t)n;
    }
    close(fd);
    buf[used] = '\0';
    return 0;
}

/* The number after "<key>" and a colon on one of text's lines, or -1. */
static long long field_after(const char *text, const char *key)
{
    size_t key_bytes = strlen(key);
    for (const char *line = text; line != NULL && *line != '\0';) {
        if (strncmp(line, key, key_bytes) == 0) {
            const char *colon = strchr(line, ':');
            return colon != NULL ? strtoll(colon + 1, NULL, 10) : -1;
        }
        line = strchr(line, '\n');
        line = line != NULL ? line + 1 : NULL;
    }
    return -1;
}

static int read_counters(const char *task_dir, struct counters *out)
{
    static char text[8192];  /* only the control watcher thread reads counters */
    if (read_small_file(task_dir, "schedstat", text, sizeof text) != 0) {
        return -1;
    }
    out->v[0] = strtoll(text, NULL, 10);
    if (read_small_file(task_dir, "stat", text, sizeof text) != 0) {
        return -1;
    }
    /* after "(comm) ": state is field 3, utime field 14, stime field 15 */
    char *p = strrchr(text, ')');
    if (p == NULL) {
        return -1;
    }
    p += 2;
    for (int field = 3; field < 14 && p != NULL; field++) {
        p = strchr(p, ' ');
        p = p != NULL ? p + 1 : NULL;
    }
    if (p == NULL) {
        return -1;
    }
    out->v[1] = strtoll(p, &p, 10);
    out->v[2] = strtoll(p, NULL, 10);
    if (read_small_file(task_dir, "status", text, sizeof text) != 0) {
        return -1;
    }
    out->v[3] = field_after(text, "voluntary_ctxt_switches");
    out->v[4] = field_after(text, "nonvoluntary_ctxt_switches");
    out->v[5] = read_small_file(task_dir, "sched", text, sizeof text) == 0 ? field_after(text, "se.nr_migrations")
                                                                             : -1;
    return 0;
}

/* The process's counters summed over its threads; migrations are not summed (TaskCounters.Process). */
static int read_process_counters(struct counters *out)
{
    DIR *tasks = opendir("/proc/self/task");
    if (tasks == NULL) {
        return -1;
    }
    memset(out, 0, sizeof *out);
    struct dirent *entry;
    while ((entry = readdir(tasks)) != NULL) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        char dir[300];
        struct counters task;
        snprintf(dir, sizeof dir, "/proc/self/task/%s", entry->d_name);
        if (read_counters(dir, &task) == 0) {
            for (int i = 0; i < 5; i++) {
                out->v[i] += task.v[i];
            }
        }
    }
    closedir(tasks);
    out->v[5] = -1;
    return 0;
}

/* ---- serve: the echo-server child ---- */

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int echo_tid;     /* the echo thread's tid, set before READY; 0 before */
static pid_t original_parent;

/* Sends prefix + text + '\n' as one line (newlines in text become spaces); serialized with the cost replies. */
static int report_line(int fd, const char *prefix, const char *text)
{
    char line[4200];
    int bytes = snprintf(line, sizeof line - 1, "%s%s", prefix, text);
    if (bytes < 0) {
        return -1;
    }
    if ((size_t)bytes > sizeof line - 2) {
        bytes = (int)sizeof line - 2;
    }
    for (int i = 0; i < bytes; i++) {
        if (line[i] == '\n') {
            line[i] = ' ';
        }
    }
    line[bytes++] = '\n';
    pthread_mutex_lock(&report_lock);
    int result = write_fully(fd, line, (size_t)bytes);
    pthread_mutex_unlock(&report_lock);
    return result;
}

static void cost_reply(int control)
{
    struct counters thread = {{0}}, process;
    char dir[64], reply[512];
    int tid = atomic_load(&echo_tid);
    snprintf(dir, sizeof dir, "/proc/self/task/%d", tid);
    if ((tid != 0 && read_counters(dir, &thread) != 0) || read_process_counters(&process) != 0) {
        report_line(control, "unreadable counters: ", strerror(errno));
        return;
    }
    snprintf(reply, sizeof reply, "%lld %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld",
             thread.v[0], thread.v[1], thread.v[2], thread.v[3], thread.v[4], thread.v[5],
             process.v[0], process.v[1], process.v[2], process.v[3], process.v[4], process.v[5]);
    report_line(control, LINE_COST_REPLY, reply);
}

static _Noreturn void parent_gone(const char *why)
{
    fprintf(stderr, "ipcpeer: echo server: %s; exiting\n", why);
    _exit(EXIT_PARENT_GONE);
}

/*
 * The control socket's watcher: its end-of-file (or a new parent pid, checked every 100 ms) means the parent is
 * gone, and the process exits at once (the parent removes every resource); each "COST?" line gets its answer.
 */
static void *watch_control(void *arg)
{
    int control = *(int *)arg;
    char lines[256];
    size_t used = 0;
    struct pollfd readable = {.fd = control, .events = POLLIN};
    for (;;) {
        int ready = poll(&readable, 1, PARENT_POLL_MS);
        if (getppid() != original_parent) {
            parent_gone("the parent process is gone");
        }
        if (ready <= 0) {
            continue;
        }
        ssize_t n = read(control, lines + used, sizeof lines - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            parent_gone("the parent closed the control socket");
        }
        used += (size_t)n;
        size_t start = 0;
        for (size_t i = 0; i < used; i++) {
            if (lines[i] == '\n') {
                if (i - start == LENGTH(LINE_COST_QUERY) && memcmp(lines + start, LINE_COST_QUERY, i - start) == 0) {
                    cost_reply(control);
                }
                start = i + 1;
            }
        }
        memmove(lines, lines + start, used - start);
        used -= start;
        if (used == sizeof lines) {
            used = 0;  /* an overlong line is ignored, as anything but a query is */
        }
    }
    return NULL;
}

/*
 * The server's life after its report channel is open: open the end, pin this (the echo) thread, report READY or
 * FAILED on report_fd, serve until the client closes. close_report: close report_fd after READY (pair's pipe).
 * Returns the exit code.
 */
static int serve_trial(const struct trial *trial, const struct peer_ops *ops, int report_fd, int close_report)
{
    char address[4096] = "";
    void *server = NULL;
    if (ops->open_server(trial, address, sizeof address, &server) != 0 || pin_thread(trial->server_cpu) != 0) {
        char reason[sizeof fail_reason];
        snprintf(reason, sizeof reason, "%s", peer_reason());
        if (report_line(report_fd, LINE_FAILED, reason) != 0) {
            fprintf(stderr, "ipcpeer: echo server: cannot report the failure: %s\n", peer_reason());
        }
        fprintf(stderr, "ipcpeer: echo server (%s, %d B, %s) failed: %s\n", trial->mechanism, trial->payload_bytes,
                trial->throughput ? "THROUGHPUT" : "LATENCY", reason);
        return EXIT_FAILED;
    }
    atomic_store(&echo_tid, current_tid());
    if (report_line(report_fd, LINE_READY, address) != 0) {
        fprintf(stderr, "ipcpeer: echo server: cannot report ready: %s\n", peer_reason());
        return EXIT_FAILED;
    }
    if (close_report) {
        close(report_fd);
    }
    if (ops->serve(server, trial) != 0) {
        fprintf(stderr, "ipcpeer: echo server (%s, %d B, %s) failed: %s\n", trial->mechanism, trial->payload_bytes,
                trial->throughput ? "THROUGHPUT" : "LATENCY", peer_reason());
        return EXIT_FAILED;
    }
    return EXIT_OK;
}

/* The parent's first control line, "TOKEN <32 hex digits>\n", read byte by byte within READY_TIMEOUT_MS. */
static int read_token(int control, struct trial *trial)
{
    char line[64];
    size_t used = 0;
    int64_t deadline = clock_ns(CLOCK_MONOTONIC) + (int64_t)READY_TIMEOUT_MS * 1000000;
    for (;;) {
        int left_ms = (int)((deadline - clock_ns(CLOCK_MONOTONIC)) / 1000000);
        struct pollfd readable = {.fd = control, .events = POLLIN};
        if (left_ms <= 0 || poll(&readable, 1, left_ms) == 0) {
            return peer_fail("the parent sent no token within %d ms", READY_TIMEOUT_MS);
        }
        char c;
        ssize_t n = read(control, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return peer_fail("the parent closed the control socket before sending the token");
        }
        if (c == '\n') {
            break;
        }
        if (used == sizeof line - 1) {
            return peer_fail("the parent's token line is too long");
        }
        line[used++] = c;
    }
    line[used] = '\0';
    if (used != LENGTH(LINE_TOKEN) + 2 * TOKEN_BYTES || strncmp(line, LINE_TOKEN, LENGTH(LINE_TOKEN)) != 0) {
        return peer_fail("the parent sent '%s' instead of its token", line);
    }
    for (int i = 0; i < TOKEN_BYTES; i++) {
        unsigned int byte;
        if (sscanf(line + LENGTH(LINE_TOKEN) + 2 * i, "%2x", &byte) != 1) {
            return peer_fail("the parent's token is not hexadecimal");
        }
        trial->token[i] = (unsigned char)byte;
    }
    return 0;
}

static int command_serve(int argc, char **argv)
{
    struct trial trial;
    const struct peer_ops *ops = parse_args(argc, argv, &trial, NULL);
    signal(SIGPIPE, SIG_IGN);
    original_parent = getppid();
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    char path[sizeof trial.scratch_dir + 32];
    trial_file(&trial, CONTROL_SOCKET, path, sizeof path);
    if (strlen(path) >= sizeof address.sun_path) {
        bad_args("scratchDir=%s: the control socket's path is longer than %zu bytes", trial.scratch_dir,
                 sizeof address.sun_path - 1);
    }
    strcpy(address.sun_path, path);
    static int control;
    control = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (control < 0 || connect(control, (struct sockaddr *)&address, sizeof address) != 0) {
        bad_args("echo server: cannot connect to %s: %s", path, strerror(errno));
    }
    if (read_token(control, &trial) != 0) {
        fprintf(stderr, "ipcpeer: echo server: %s\n", peer_reason());
        return EXIT_BAD_ARGS;
    }
    pthread_t watcher;
    if (pthread_create(&watcher, NULL, watch_control, &control) != 0) {
        fprintf(stderr, "ipcpeer: echo server: cannot start the control watcher\n");
        return EXIT_FAILED;
    }
    return serve_trial(&trial, ops, control, 0);
}

/* ---- pair: a native client timing round trips against a forked server child ---- */

static atomic_int pair_child;   /* the server child's pid while it may be alive, else 0 */
static const char *pair_samples; /* the samples file, removed when the parent is gone */

/* Stdin is a pipe from the Java parent: its end-of-file means the parent is gone: kill and reap the child, exit. */
static void *watch_stdin(void *unused)
{
    (void)unused;
    char buf[256];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            pid_t child = atomic_load(&pair_child);
            if (child > 0) {
                kill(child, SIGKILL);
                waitpid(child, NULL, 0);
            }
            unlink(pair_samples);
            fprintf(stderr, "ipcpeer: pair: the parent closed stdin; exiting\n");
            _exit(EXIT_PARENT_GONE);
        }
    }
    return NULL;
}

/* Reaps the child within EXIT_GRACE_MS, else kills it; its exit code, or -1 when it had to be killed. */
static int reap_child(pid_t child)
{
    int status;
    for (int waited_ms = 0; waited_ms < EXIT_GRACE_MS; waited_ms++) {
        pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) {
            atomic_store(&pair_child, 0);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (done < 0 && errno != EINTR) {
            atomic_store(&pair_child, 0);
            return -1;
        }
        usleep(1000);
    }
    kill(child, SIGKILL);
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    atomic_store(&pair_child, 0);
    return -1;
}

/* The server child's one line: "READY <address>" (address copied out) or a failure recorded by peer_fail. */
static int await_ready(int report_fd, pid_t child, char *address, size_t address_bytes)
{
    char line[4200];
    size_t used = 0;
    int64_t deadline = clock_ns(CLOCK_MONOTONIC) + (int64_t)READY_TIMEOUT_MS * 1000000;
    for (;;) {
        char *newline = memchr(line, '\n', used);
        if (newline != NULL) {
            *newline = '\0';
            if (strncmp(line, LINE_READY, LENGTH(LINE_READY)) == 0) {
                size_t bytes = strlen(line + LENGTH(LINE_READY));
                if (bytes >= address_bytes) {
                    return peer_fail("the echo server's address is longer than %zu bytes", address_bytes - 1);
                }
                memcpy(address, line + LENGTH(LINE_READY), bytes + 1);
                return 0;
            }
            if (strncmp(line, LINE_FAILED, LENGTH(LINE_FAILED)) == 0) {
                return peer_fail("the echo server could not start: %s", line + LENGTH(LINE_FAILED));
            }
            return peer_fail("the echo server sent '%s' instead of READY", line);
        }
        if (used == sizeof line) {
            return peer_fail("the echo server's readiness line is too long");
        }
        int left_ms = (int)((deadline - clock_ns(CLOCK_MONOTONIC)) / 1000000);
        if (left_ms <= 0) {
            return peer_fail("the echo server was not ready within %d ms", READY_TIMEOUT_MS);
        }
        struct pollfd readable = {.fd = report_fd, .events = POLLIN};
        if (poll(&readable, 1, left_ms) <= 0) {
            continue;
        }
        ssize_t n = read(report_fd, line + used, sizeof line - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int code = reap_child(child);
            return peer_fail("the echo server exited with code %d before it was ready", code);
        }
        used += (size_t)n;
    }
}

/* Payload.stamp: the sequence number, little endian, into the first min(8, payload) bytes. */
static void stamp(unsigned char *request, int payload_bytes, uint64_t sequence)
{
    for (int i = 0; i < 8 && i < payload_bytes; i++) {
        request[i] = (unsigned char)(sequence >> (8 * i));
    }
}

struct timed_run {
    const struct peer_ops *ops;
    void *client;
    unsigned char *request;
    unsigned char *response;
    int payload_bytes;
    int verify;
    uint64_t sequence;       /* the last stamped sequence number, carried across iterations */
};

/*
 * One iteration of back-to-back round trips for duration_ns. Each round trip's latency is the time from the end of
 * the previous one to the end of this one, one clock read per round trip; the first has no previous end and is not
 * recorded. samples (NULL in warm-up) holds capacity values; when it is full the iteration ends early. The loop
 * allocates nothing and calls nothing but the mechanism and the vDSO clock.
 */
static int run_iteration(struct timed_run *run, int64_t duration_ns, int64_t *samples, int64_t capacity,
                         int64_t *count)
{
    int64_t recorded = 0;
    int64_t start = clock_ns(CLOCK_MONOTONIC);
    int64_t last_end = 0;
    for (;;) {
        if (run->verify) {
            stamp(run->request, run->payload_bytes, ++run->sequence);
        }
        if (run->ops->round_trip(run->client, run->request, run->response, run->payload_bytes) != 0) {
            return -1;
        }
        int64_t end = clock_ns(CLOCK_MONOTONIC);
        if (samples != NULL && last_end != 0) {
            samples[recorded++] = end - last_end;
            if (recorded == capacity) {
                break;
            }
        }
        last_end = end;
        if (run->verify && memcmp(run->request, run->response, (size_t)run->payload_bytes) != 0) {
            int at = 0;
            while (run->request[at] == run->response[at]) {
                at++;
            }
            return peer_fail("verify: echo differs from what was sent at byte %d of %d", at, run->payload_bytes);
        }
        if (end - start >= duration_ns) {
            break;
        }
    }
    *count = recorded;
    return 0;
}

/* Appends one iteration to the samples file: start and end epoch millis, count, the latencies (little endian). */
static int write_iteration(int fd, int64_t start_ms, int64_t end_ms, const int64_t *samples, int64_t count)
{
    int64_t header[3] = {start_ms, end_ms, count};
    if (write_fully(fd, header, sizeof header) != 0
        || write_fully(fd, samples, (size_t)count * sizeof *samples) != 0) {
        return peer_fail("samples file: %s", peer_reason());
    }
    return 0;
}

/* The client's side of a pair once the child reported READY: warm up, measure, write, close. */
static int measure(struct timed_run *run, const struct pair_settings *pair, int samples_fd)
{
    int64_t capacity = (int64_t)pair->iteration_millis * 1000000 / NS_PER_SAMPLE;
    int64_t *samples = malloc((size_t)capacity * sizeof *samples);
    if (samples == NULL) {
        return peer_fail("cannot allocate %" PRId64 " samples for a %d ms iteration", capacity,
                         pair->iteration_millis);
    }
    memset(samples, 0, (size_t)capacity * sizeof *samples);  /* prefaulted: no page fault inside the timing */
    int64_t count;
    int result = write_fully(samples_fd, SAMPLES_MAGIC, LENGTH(SAMPLES_MAGIC)) == 0
                     ? 0 : peer_fail("samples file: %s", peer_reason());
    for (int i = 0; i < pair->warmup_iterations && result == 0; i++) {
        result = run_iteration(run, (int64_t)pair->warmup_millis * 1000000, NULL, 0, &count);
    }
    for (int i = 0; i < pair->iterations && result == 0; i++) {
        int64_t start_ms = clock_ns(CLOCK_REALTIME) / 1000000;
        result = run_iteration(run, (int64_t)pair->iteration_millis * 1000000, samples, capacity, &count);
        int64_t end_ms = clock_ns(CLOCK_REALTIME) / 1000000;
        if (result == 0) {
            result = write_iteration(samples_fd, start_ms, end_ms, samples, count);
        }
    }
    free(samples);
    return result;
}

/* The forked server child: fd 0 and 1 become the data pipes, it dies with its parent, runs serve's code path. */
static _Noreturn void run_server_child(const struct trial *trial, const struct peer_ops *ops, pid_t parent,
                                       int report_fd, int stdin_fd, int stdout_fd)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
        _exit(EXIT_PARENT_GONE);  /* the parent died before the death signal was armed */
    }
    if (dup2(stdin_fd, STDIN_FILENO) < 0 || dup2(stdout_fd, STDOUT_FILENO) < 0) {
        fprintf(stderr, "ipcpeer: echo server: dup2: %s\n", strerror(errno));
        _exit(EXIT_FAILED);
    }
    close(stdin_fd);
    close(stdout_fd);
    _exit(serve_trial(trial, ops, report_fd, 1));
}

static int command_pair(int argc, char **argv)
{
    struct trial trial;
    struct pair_settings pair;
    const struct peer_ops *ops = parse_args(argc, argv, &trial, &pair);
    if (trial.throughput) {
        bad_args("pair measures round-trip latency only (mode=THROUGHPUT)");
    }
    signal(SIGPIPE, SIG_IGN);
    if (getrandom(trial.token, TOKEN_BYTES, 0) != TOKEN_BYTES) {
        fprintf(stderr, "ipcpeer: pair: getrandom: %s\n", strerror(errno));
        return EXIT_FAILED;
    }
    int samples_fd = open(pair.samples, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (samples_fd < 0) {
        bad_args("samples=%s: %s", pair.samples, strerror(errno));
    }
    int report[2], to_server[2], from_server[2];
    if (pipe2(report, O_CLOEXEC) != 0 || pipe2(to_server, O_CLOEXEC) != 0 || pipe2(from_server, O_CLOEXEC) != 0) {
        fprintf(stderr, "ipcpeer: pair: pipe: %s\n", strerror(errno));
        unlink(pair.samples);
        return EXIT_FAILED;
    }
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "ipcpeer: pair: fork: %s\n", strerror(errno));
        unlink(pair.samples);
        return EXIT_FAILED;
    }
    if (child == 0) {
        close(samples_fd);
        close(report[0]);
        close(to_server[1]);
        close(from_server[0]);
        run_server_child(&trial, ops, parent, report[1], to_server[0], from_server[1]);
    }
    atomic_store(&pair_child, child);
    pair_samples = pair.samples;
    close(report[1]);
    close(to_server[0]);
    close(from_server[1]);
    pthread_t watcher;
    int result = pthread_create(&watcher, NULL, watch_stdin, NULL) == 0 ? 0 : peer_fail("cannot watch stdin");

    struct server_process server = {.pid = child, .stdin_fd = to_server[1], .stdout_fd = from_server[0]};
    char address[4096];
    void *client = NULL;
    if (result == 0) {
        result = await_ready(report[0], child, address, sizeof address);
    }
    close(report[0]);
    if (result == 0) {
        result = ops->connect(&trial, address, &server, &client);
    }
    if (result == 0) {
        struct timed_run run = {.ops = ops, .client = client, .payload_bytes = trial.payload_bytes,
                                .verify = trial.verify};
        run.request = malloc((size_t)trial.payload_bytes);
        run.response = malloc((size_t)trial.payload_bytes);
        if (run.request == NULL || run.response == NULL) {
            result = peer_fail("cannot allocate two %d-byte buffers", trial.payload_bytes);
        } else {
            payload_fill(run.request, (size_t)trial.payload_bytes, trial.seed);
            memset(run.response, 0, (size_t)trial.payload_bytes);
            result = pin_thread(pair.client_cpu);
            if (result == 0) {
                result = measure(&run, &pair, samples_fd);
            }
        }
        ops->close_client(client);
        free(run.request);
        free(run.response);
    }
    close(server.stdin_fd);
    close(server.stdout_fd);
    char reason[sizeof fail_reason];
    snprintf(reason, sizeof reason, "%s", peer_reason());
    int code = 0;
    if (atomic_load(&pair_child) != 0) {  /* not yet reaped: the pid is still the child's */
        if (result != 0) {
            kill(child, SIGKILL);
        }
        code = reap_child(child);
    }
    if (result == 0 && code != 0) {
        result = -1;
        snprintf(reason, sizeof reason, "the echo server ended with %s %d", code < 0 ? "a kill, code" : "code", code);
    }
    if (close(samples_fd) != 0 && result == 0) {
        result = -1;
        snprintf(reason, sizeof reason, "samples file: %s", strerror(errno));
    }
    if (result != 0) {
        unlink(pair.samples);
        fprintf(stderr, "ipcpeer: pair (%s, %d B, %s): %s\n", trial.mechanism, trial.payload_bytes,
                trial.spin ? "SPIN" : "BLOCK", reason);
        return EXIT_FAILED;
    }
    return EXIT_OK;
}

static int command_list(void)
{
    const struct peer_ops *const *families[] = {peer_stream_ops, peer_datagram_ops, peer_memory_ops};
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        for (const struct peer_ops *const *ops = families[f]; *ops != NULL; ops++) {
            printf("%s\n", (*ops)->id);
        }
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

/* Seeds whose payload bytes layout prints: a change to SplittableRandom's gamma or mix32 changes every one. */
static const int64_t LAYOUT_SEEDS[] = {0, 1, -1, 42, INT64_MIN, 0x0123456789abcdefLL};
#define LAYOUT_PAYLOAD_BYTES 32

static int command_layout(void)
{
    printf("peer.token_bytes=%d\n", TOKEN_BYTES);
    printf("peer.max_payload_bytes=%d\n", MAX_PAYLOAD_BYTES);
    printf("peer.parent_poll_ms=%d\n", PARENT_POLL_MS);
    printf("peer.exit_failed=%d\npeer.exit_bad_args=%d\npeer.exit_parent_gone=%d\n", EXIT_FAILED, EXIT_BAD_ARGS,
           EXIT_PARENT_GONE);
    printf("peer.control_socket=%s\n", CONTROL_SOCKET);
    printf("peer.samples_magic=%s\n", SAMPLES_MAGIC);
    /* the words end in a space, kept in the value */
    printf("peer.line_token=%s\npeer.line_ready=%s\npeer.line_failed=%s\n", LINE_TOKEN, LINE_READY, LINE_FAILED);
    printf("peer.line_cost_query=%s\npeer.line_cost_reply=%s\n", LINE_COST_QUERY, LINE_COST_REPLY);
    for (size_t i = 0; i < sizeof LAYOUT_SEEDS / sizeof LAYOUT_SEEDS[0]; i++) {
        unsigned char bytes[LAYOUT_PAYLOAD_BYTES];
        payload_fill(bytes, sizeof bytes, LAYOUT_SEEDS[i]);
        printf("peer.payload.%" PRId64 "=", LAYOUT_SEEDS[i]);
        for (size_t b = 0; b < sizeof bytes; b++) {
            printf("%02x", bytes[b]);
        }
        printf("\n");
    }
    peer_stream_layout();
    peer_datagram_layout();
    peer_memory_layout();
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2) {
        return command_list();
    }
    if (argc == 2 && strcmp(argv[1], "layout") == 0) {
        return command_layout();
    }
    if (argc >= 2 && strcmp(argv[1], "serve") == 0) {
        return command_serve(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "pair") == 0) {
        return command_pair(argc - 2, argv + 2);
    }
    if (argc == 6 && strcmp(argv[1], "floor") == 0) {
        int spin = parse_choice("wait", argv[2], "BLOCK", "SPIN");
        int client_cpu = (int)parse_long("clientCpu", argv[3], -1, CPU_SETSIZE - 1);
        int server_cpu = (int)parse_long("serverCpu", argv[4], -1, CPU_SETSIZE - 1);
        int round_trips = (int)parse_long("roundTrips", argv[5], 1, FLOOR_MAX_ROUND_TRIPS);
        if (spin && client_cpu >= 0 && client_cpu == server_cpu) {
            bad_args("floor: two spinning ends on one CPU take turns by time slice; no floor to measure");
        }
        if (floor_measure(spin, client_cpu, server_cpu, round_trips) != 0) {
            fprintf(stderr, "ipcpeer: floor: %s\n", peer_reason());
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }
    bad_args("usage: ipcpeer list | layout | serve <key=value...> | pair <key=value...> | floor BLOCK|SPIN "
             "<clientCpu> <serverCpu> <roundTrips> (see ipcpeer.h)");
}
