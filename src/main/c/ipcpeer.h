/*
 * ipcpeer: the native (C) ends of ipcbench's kernel mechanisms, speaking exactly the Java ends' wire contract, so a
 * JVM client can talk to a C echo server (peers jvm-native) and a C client to a C server (native-native).
 *
 * One binary, five commands (the Java side, ipcbench.process.NativePeer, builds it with the host's cc):
 *
 *   ipcpeer list
 *       prints the ids of the mechanisms it has peers for, one per line; exit 0.
 *
 *   ipcpeer layout
 *       prints every constant the peers share with the Java ends (region layout, Agrona's ring descriptor, wire
 *       numbers, control-line words and file names) and values derived from them (region sizes and offsets at sample payloads, payload
 *       bytes of sample seeds, System V keys of sample names), one "name=value" line each; exit 0.
 *       ipcbench.process.NativeContractIT compares every line with the Java side's value, so neither can drift.
 *
 *   ipcpeer serve mechanism=.. mode=LATENCY|THROUGHPUT payloadBytes=.. batchMessages=.. verify=true|false seed=..
 *                 scratchDir=.. serverCpu=.. wait=BLOCK|SPIN
 *       the echo-server child of a JVM client, a drop-in for ipcbench.process.EchoServerMain (same arguments, from
 *       Trial.toArgs): connects to <scratchDir>/control.sock, reads the parent's "TOKEN <32 hex digits>\n" line (the
 *       trial's PeerToken, never on the command line), opens the server end, pins the echo thread, sends
 *       "READY <address>\n" (or "FAILED <reason>\n"), answers each "COST?\n" line with "COST <thread six numbers>
 *       <process six numbers>\n" (TaskCounters.toLine), serves until the client closes. The control socket's EOF means
 *       the parent is gone: exit at once. Exit 0 normal end, 1 failure (reason on stderr), 2 bad arguments,
 *       3 parent gone. fd 0 and 1 are the data pipes of the pipe mechanism; nothing else is written to fd 1.
 *
 *   ipcpeer pair <the serve arguments> clientCpu=.. warmupIterations=.. warmupMillis=.. iterations=..
 *                iterationMillis=.. samples=<file>
 *       native-native round-trip latency: makes the trial's token (getrandom), forks a server child (the serve code path, pinned to serverCpu, its fd 0/1
 *       pipes to the client, PR_SET_PDEATHSIG), connects, pins the client thread to clientCpu (-1: no pinning), runs
 *       warm-up and measurement iterations of back-to-back round trips, writes the samples file, closes, reaps the
 *       child. Latency mode only. Stdin is a pipe from the Java parent: its EOF means the parent is gone, and the pair
 *       kills its child and exits 3. Exit codes as for serve.
 *
 *   ipcpeer floor BLOCK|SPIN <clientCpu> <serverCpu> <roundTrips>
 *       the host's floor under every mechanism: the bare round trip between two processes pinned to the two CPUs
 *       (-1: not pinned), with nothing but the wake-up (BLOCK: each side sleeps in read() on its eventfd and the other
 *       write()s it) or the cache line's trip (SPIN: each side polls a shared counter the other stores). Forks the
 *       echoing child (PR_SET_PDEATHSIG), runs roundTrips/10 unrecorded round trips, then roundTrips timed as pair
 *       times them, and prints one line "FLOOR <count> <p50_ns> <p90_ns> <p99_ns> <max_ns>". A child that stops
 *       answering ends the command within FLOOR_DEADLINE_S (exit 1). SPIN on one CPU is refused (exit 2).
 *
 * Timing (pair, floor): one clock read per round trip, as RoundTripLatency: a round trip's latency is the time from the end
 * of the previous one to the end of this one (clock_gettime(CLOCK_MONOTONIC)); the first of an iteration is not
 * recorded. With verify=true the client stamps a sequence number into the first min(8, payload) bytes (little
 * endian, as Payload.stamp) and checks every echo whole; a mismatch is a failure (exit 1).
 *
 * Samples file, little endian: the 8 bytes "IPCPEER1", then per measurement iteration: int64 start epoch millis,
 * int64 end epoch millis, int64 count, then count int64 round-trip latencies in nanoseconds.
 *
 * Payload bytes: Payload.fill's SplittableRandom(seed) sequence, nextInt(256) per byte (see payload_fill).
 */
#ifndef IPCPEER_H
#define IPCPEER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TOKEN_BYTES 16

struct trial {
    char mechanism[64];
    int throughput;        /* mode=THROUGHPUT: consume batches of batch_messages and acknowledge each */
    int payload_bytes;
    int batch_messages;
    int verify;
    int64_t seed;
    char scratch_dir[4096];
    int server_cpu;        /* -1: not pinned */
    int spin;              /* wait=SPIN: both sides poll instead of sleeping */
    /* the trial's secret (PeerToken): serve reads it from the control socket's first line, pair makes it; a TCP
       client sends it first, a UDP client's hello is it, and the server serves no one else */
    unsigned char token[TOKEN_BYTES];
};

/* The server as the client sees it: its pid and, for the pipe mechanism, the client's ends of its fd 0 and 1. */
struct server_process {
    pid_t pid;
    int stdin_fd;          /* write end of the server's fd 0, or -1 */
    int stdout_fd;         /* read end of the server's fd 1, or -1 */
};

/*
 * One mechanism's two native ends. Every function returns 0 on success, or -1 after peer_fail() recorded a one-line
 * reason. Hot paths (serve's loop, round_trip) allocate nothing and make no system call the mechanism does not need.
 */
struct peer_ops {
    const char *id;
    /* Server, in the child: open the end without waiting for the client; write the address the Java client's
       Mechanism.connect expects (a port, a path, fd numbers...; may be empty). */
    int (*open_server)(const struct trial *trial, char *address, size_t address_bytes, void **server);
    /* Echo every message whole (or, in throughput mode, consume batches and acknowledge) until the client closes;
       0 on a normal end. */
    int (*serve)(void *server, const struct trial *trial);
    /* Client (pair command): connect to the server that reported address. */
    int (*connect)(const struct trial *trial, const char *address, const struct server_process *server,
                   void **client);
    /* One round trip: send request[0, payload_bytes), receive the whole echo into response. */
    int (*round_trip)(void *client, const unsigned char *request, unsigned char *response, int payload_bytes);
    /* Closes the client's end, which ends the server's serve(). */
    void (*close_client)(void *client);
};

/* Each family file defines one NULL-terminated list of its mechanisms; peer_find (ipcpeer.c) searches them. */
extern const struct peer_ops *const peer_stream_ops[];   /* peer_stream.c:   pipe, fifo, tcp, uds */
extern const struct peer_ops *const peer_datagram_ops[]; /* peer_datagram.c: udp, uds-dgram, posix-mq, sysv-mq */
extern const struct peer_ops *const peer_memory_ops[];   /* peer_memory.c:   shm, mmap-file, semaphore, signal, eventfd */

/* Whether got[0, TOKEN_BYTES) is the trial's token, in time independent of the bytes. */
int token_matches(const struct trial *trial, const unsigned char *got);

/* Each family file prints its contract constants as "<family>.<name>=<value>" lines (ipcpeer layout). */
void peer_stream_layout(void);
void peer_datagram_layout(void);
void peer_memory_layout(void);

/* Restricts the calling thread to cpu (-1: leaves it to the scheduler). */
int pin_thread(int cpu);

#define FLOOR_MAX_ROUND_TRIPS 1000000
#define FLOOR_DEADLINE_S 60

/* ipcpeer floor (peer_floor.c): measures and prints the FLOOR line; 0, or -1 after peer_fail(). */
int floor_measure(int spin, int client_cpu, int server_cpu, int round_trips);

/* The mechanism with this id, or NULL. */
const struct peer_ops *peer_find(const char *id);

/* Records a one-line reason (printf format; errno is appended by the caller if wanted) and returns -1. */
int peer_fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The reason peer_fail recorded last. */
const char *peer_reason(void);

/* Fills buf[0, bytes) as Payload.fill does for seed. */
void payload_fill(unsigned char *buf, size_t bytes, int64_t seed);

/* A kernel-object or file name of this trial, as ScratchDirectory.objectName(role): "<scratch dir name>-<role>". */
void trial_object_name(const struct trial *trial, const char *role, char *out, size_t out_bytes);

/* A file inside the trial's private directory, as Trial.file(name). */
void trial_file(const struct trial *trial, const char *name, char *out, size_t out_bytes);

#endif
