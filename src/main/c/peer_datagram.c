/*
 * The datagram family's native ends (udp, uds-dgram, posix-mq, sysv-mq): see ipcpeer.h. They speak the Java ends'
 * protocol (ipcbench.mechanism.datagram.DatagramFamily): every operation moves one whole message; latency mode
 * echoes each request whole; throughput mode acknowledges with a 1-byte message after every window of requests and
 * after a batch's last one; a 0-byte message from the client ends the session. The server reports
 * "<window> <transport address>"; only udp's window can be below the batch (udp_window).
 *
 * One struct port and one echo loop serve all four; a mechanism differs in how its port opens and in its send and
 * receive calls, which its serve and round_trip hand to the always-inlined loops, so the hot path makes direct calls.
 * A client port has a reply guard (ReplyGuard's twin): a message transport gives no end-of-file, so a thread
 * unblocks the client when the server exits or a reply is 5 s late, instead of letting it hang.
 */
#define _GNU_SOURCE
#include "ipcpeer.h"
#include "peer_io.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    ACK_BYTES = 1,
    HELLO_BYTES = 1,
    /* DatagramFamily's socket buffer request: the host's net.core.[rw]mem_max, at most 4 MiB */
    BUFFER_REQUEST_CAP_BYTES = 4 << 20,
    /* UdpMechanism.windowFor: a pessimistic kernel cost per datagram of 2 N + this */
    KERNEL_BYTES_PER_DATAGRAM_OVERHEAD = 1024,
    /* ReplyGuard.STALL_NS and TICK_MS */
    STALL_MS = 5000,
    GUARD_TICK_MS = 1000,
    /* how often an aborting posix-mq guard drains and refills (PosixMqMechanism.Port.abort) */
    MQ_ABORT_TICK_MS = 1,
    /* SysvMqMechanism's mtypes */
    REQUEST_TYPE = 1,
    REPLY_TYPE = 2,
    NAME_BYTES = 256,
    PATH_BYTES = 4200,
};

static const char SERVER_SOCKET[] = "uds-dgram-server.sock";
static const char CLIENT_SOCKET[] = "uds-dgram-client.sock";
static const unsigned char END_OF_SESSION[1];

struct sysv_msgbuf {
    long mtype;
    unsigned char mtext[];
};

struct port;

/* The client's watch over its server; every field but progress and aborted is guarded by lock. */
struct guard {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;   /* CLOCK_MONOTONIC */
    int closed;
    pid_t server_pid;
    void (*abort)(struct port *port); /* makes a blocked or later send/receive of the client return; lock held */
    atomic_ulong progress; /* odd while a round trip waits; written only by the client thread */
    atomic_int aborted;    /* set (release) after reason is written */
    char reason[256];
};

/*
 * One end of a message transport. Invariants: message holds capacity (= payload) bytes; the server receives into
 * and sends from it; for sysv-mq it is msgbuf's text, so the kernel copies straight in and out of it.
 */
struct port {
    int send_fd;              /* socket, send mqd or msqid */
    int receive_fd;           /* socket, receive mqd (O_NONBLOCK when spinning) or msqid */
    int spin;
    int throughput;
    int failed;               /* client: a round trip failed, so close sends no end-of-session message */
    int capacity;
    int window;
    int batch_messages;
    long send_type;           /* sysv-mq */
    long receive_type;        /* sysv-mq */
    struct sysv_msgbuf *msgbuf; /* sysv-mq: 8 + capacity bytes */
    unsigned char *message;
    unsigned char *expected;  /* server, throughput verify: the seeded payload; else NULL */
    struct guard *guard;      /* client only */
    const atomic_int *stop;   /* a spinning receive gives up (returns 0) once this is set: the guard's aborted */
    int drain_fd;             /* posix-mq client: the request queue, O_RDONLY | O_NONBLOCK, for the guard */
    int inject_fd;            /* posix-mq client: the response queue, O_WRONLY | O_NONBLOCK, for the guard */
    char mechanism[64];
    char bound_path[PATH_BYTES]; /* uds-dgram: unlinked at the end */
};

static const atomic_int NEVER;

static struct port *port_new(const struct trial *trial, int with_message) {
    struct port *port = calloc(1, sizeof *port);
    if (port == NULL) {
        peer_fail("%s: out of memory", trial->mechanism);
        return NULL;
    }
    port->send_fd = port->receive_fd = port->drain_fd = port->inject_fd = -1;
    port->spin = trial->spin;
    port->throughput = trial->throughput;
    port->capacity = trial->payload_bytes;
    port->batch_messages = trial->batch_messages;
    port->window = trial->batch_messages;
    port->stop = &NEVER;
    snprintf(port->mechanism, sizeof port->mechanism, "%s", trial->mechanism);
    if (with_message && (port->message = malloc((size_t)trial->payload_bytes)) == NULL) {
        free(port);
        peer_fail("%s: out of memory for a %d-byte message", trial->mechanism, trial->payload_bytes);
        return NULL;
    }
    return port;
}

static void port_free(struct port *port) {
    if (port->msgbuf != NULL) {
        free(port->msgbuf);
    } else {
        free(port->message);
    }
    free(port->expected);
    free(port->guard);
    free(port);
}

static void close_fd(int *fd) {
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static int require_length(const struct port *port, int bytes, int expected_bytes) {
    return peer_fail("%s: received a %d-byte message, expected %d bytes", port->mechanism, bytes, expected_bytes);
}

/* ---- the reply guard (client only) ---- */

static int64_t monotonic_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static struct timespec monotonic_after_ms(int ms) {
    struct timespec at;
    clock_gettime(CLOCK_MONOTONIC, &at);
    at.tv_sec += ms / 1000;
    at.tv_nsec += (long)(ms % 1000) * 1000000;
    if (at.tv_nsec >= 1000000000) {
        at.tv_sec++;
        at.tv_nsec -= 1000000000;
    }
    return at;
}

/* Whether the server has exited (described into why), without reaping it: the pair reaps it. */
static int server_exited(pid_t pid, char *why, size_t why_bytes) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) {
        return 0;
    }
    if (info.si_code == CLD_EXITED) {
        snprintf(why, why_bytes, "the echo server exited with code %d", info.si_status);
    } else {
        snprintf(why, why_bytes, "the echo server was killed by signal %d", info.si_status);
    }
    return 1;
}

/* Records why and unblocks the client (lock held). */
static void guard_abort(struct port *port, const char *why) {
    struct guard *guard = port->guard;
    snprintf(guard->reason, sizeof guard->reason, "%s: %s", port->mechanism, why);
    atomic_store_explicit(&guard->aborted, 1, memory_order_release);
    guard->abort(port);
}

/* Wakes every tick: aborts when the server has exited or one round trip has waited STALL_MS; ends when closed. */
static void *guard_watch(void *argument) {
    struct port *port = argument;
    struct guard *guard = port->guard;
    unsigned long seen = 0;
    int64_t pending_since_ms = monotonic_ms();
    char why[128];
    pthread_mutex_lock(&guard->lock);
    while (!guard->closed) {
        struct timespec tick = monotonic_after_ms(GUARD_TICK_MS);
        while (!guard->closed && pthread_cond_timedwait(&guard->wake, &guard->lock, &tick) == 0) {
        }
        if (guard->closed) {
            break;
        }
        if (server_exited(guard->server_pid, why, sizeof why)) {
            guard_abort(port, why);
            break;
        }
        unsigned long now = atomic_load_explicit(&guard->progress, memory_order_relaxed);
        if ((now & 1) == 0 || now != seen) {
            seen = now;
            pending_since_ms = monotonic_ms();
        } else if (monotonic_ms() - pending_since_ms > STALL_MS) {
            snprintf(why, sizeof why, "no reply within %d s: a message was lost or the echo server is stuck",
                     STALL_MS / 1000);
            guard_abort(port, why);
            break;
        }
    }
    pthread_mutex_unlock(&guard->lock);
    return NULL;
}

static int guard_start(struct port *port, pid_t server_pid, void (*abort)(struct port *port)) {
    struct guard *guard = calloc(1, sizeof *guard);
    if (guard == NULL) {
        return peer_fail("%s: out of memory", port->mechanism);
    }
    guard->server_pid = server_pid;
    guard->abort = abort;
    atomic_init(&guard->progress, 0);
    atomic_init(&guard->aborted, 0);
    pthread_condattr_t monotonic;
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_mutex_init(&guard->lock, NULL);
    pthread_cond_init(&guard->wake, &monotonic);
    pthread_condattr_destroy(&monotonic);
    port->guard = guard;
    port->stop = &guard->aborted;
    int error = pthread_create(&guard->thread, NULL, guard_watch, port);
    if (error != 0) {
        port->guard = NULL;
        port->stop = &NEVER;
        free(guard);
        return peer_fail("%s: cannot start the reply guard: %s", port->mechanism, strerror(error));
    }
    return 0;
}

/* Stops the guard and waits for it (and any abort in progress), so the port can be closed. */
static void guard_stop(struct port *port) {
    struct guard *guard = port->guard;
    if (guard == NULL) {
        return;
    }
    pthread_mutex_lock(&guard->lock);
    guard->closed = 1;
    pthread_cond_signal(&guard->wake);
    pthread_mutex_unlock(&guard->lock);
    pthread_join(guard->thread, NULL);
    if (atomic_load_explicit(&guard->aborted, memory_order_acquire)) {
        port->failed = 1;
    }
}

/* The client's progress mark around a round trip: two relaxed stores, no fence, no syscall. */
static inline void guard_mark(struct port *port) {
    atomic_ulong *progress = &port->guard->progress;
    atomic_store_explicit(progress, atomic_load_explicit(progress, memory_order_relaxed) + 1, memory_order_relaxed);
}

/* ---- the echo loop (DatagramEchoServer) and the client's round trip (DatagramClient) ---- */

typedef int (*send_fn)(struct port *port, const unsigned char *message, int bytes);
/* A message's length (0: end of session), or -1 after peer_fail. */
typedef int (*receive_fn)(struct port *port, unsigned char *message);

/*
 * DatagramEchoServer.serve after the accept. Latency: echo each message whole. Throughput: read batches, compare each
 * request with the seeded payload when verifying, acknowledge every window and each batch's last request.
 * 0 when the client's end-of-session message arrives.
 */
static inline __attribute__((always_inline)) int echo_loop(struct port *port, send_fn send_message,
                                                            receive_fn receive_message) {
    unsigned char *message = port->message;
    const int payload_bytes = port->capacity;
    if (!port->throughput) {
        for (;;) {
            int bytes = receive_message(port, message);
            if (bytes <= 0) {
                return bytes;
            }
            if (bytes != payload_bytes) {
                return require_length(port, bytes, payload_bytes);
            }
            if (send_message(port, message, bytes) != 0) {
                return -1;
            }
        }
    }
    const unsigned char *expected = port->expected;
    const int window = port->window;
    for (;;) {
        int until_ack = window;
        for (int left = port->batch_messages; left > 0; left--) {
            int bytes = receive_message(port, message);
            if (bytes <= 0) {
                return bytes;
            }
            if (bytes != payload_bytes) {
                return require_length(port, bytes, payload_bytes);
            }
            if (expected != NULL && memcmp(expected, message, (size_t)payload_bytes) != 0) {
                int at = 0;
                while (expected[at] == message[at]) {
                    at++;
                }
                return peer_fail("verify: streamed message differs from what was sent at byte %d of %d", at,
                                 payload_bytes);
            }
            if (--until_ack == 0 || left == 1) {
                if (send_message(port, message, ACK_BYTES) != 0) {
                    return -1;
                }
                until_ack = window;
            }
        }
    }
}

/* DatagramClient.roundTrip: the request as one message, then one message of the same size. */
static inline __attribute__((always_inline)) int round_trip_with(struct port *port, const unsigned char *request,
                                                                  unsigned char *response, int payload_bytes,
                                                                  send_fn send_message, receive_fn receive_message) {
    guard_mark(port);
    int bytes = send_message(port, request, payload_bytes) != 0 ? -1 : receive_message(port, response);
    guard_mark(port);
    if (bytes == payload_bytes) {
        return 0;
    }
    port->failed = 1;
    if (atomic_load_explicit(&port->guard->aborted, memory_order_acquire)) {
        return peer_fail("%s", port->guard->reason);
    }
    if (bytes < 0) {
        return -1;
    }
    return bytes == 0 ? peer_fail("%s: the echo server ended the session", port->mechanism)
                      : require_length(port, bytes, payload_bytes);
}

/* A server port: its message buffer, and the seeded payload when a throughput run verifies. */
static struct port *server_port(const struct trial *trial, int with_message) {
    struct port *port = port_new(trial, with_message);
    if (port != NULL && trial->throughput && trial->verify) {
        port->expected = malloc((size_t)trial->payload_bytes);
        if (port->expected == NULL) {
            port_free(port);
            peer_fail("%s: out of memory", trial->mechanism);
            return NULL;
        }
        payload_fill(port->expected, (size_t)trial->payload_bytes, trial->seed);
    }
    return port;
}

/* "<window> <address>" as DatagramFamily.connect parses it. */
static int parse_address(const struct trial *trial, const char *address, int *window, const char **transport) {
    char *end;
    long value = strtol(address, &end, 10);
    if (end == address || *end != ' ' || value < 1 || value > trial->batch_messages) {
        return peer_fail("%s: the echo server reported '%s', expected '<window> <address>'", trial->mechanism,
                         address);
    }
    *window = (int)value;
    *transport = end + 1;
    return 0;
}

/* A client port for the trial, knowing the window its server reported. */
static struct port *client_port(const struct trial *trial, const char *address, const char **transport) {
    int window = 0;
    if (parse_address(trial, address, &window, transport) != 0) {
        return NULL;
    }
    struct port *port = port_new(trial, 0);
    if (port != NULL) {
        port->window = window;
    }
    return port;
}

/* ---- sockets (udp, uds-dgram): send(2) and recv(2) on one connected descriptor ---- */

static inline int socket_send(struct port *port, const unsigned char *message, int bytes) {
    while (send(port->send_fd, message, (size_t)bytes, 0) < 0) {
        if (errno != EINTR) {
            return peer_fail("%s: send(%d B): %s", port->mechanism, bytes, strerror(errno));
        }
    }
    return 0;
}

/* MSG_TRUNC: a datagram's real length even when it is longer than capacity, so the length check sees it. */
static inline int socket_receive(struct port *port, unsigned char *message) {
    const int flags = MSG_TRUNC | (port->spin ? MSG_DONTWAIT : 0);
    ssize_t bytes;
    while ((bytes = recv(port->receive_fd, message, (size_t)port->capacity, flags)) < 0) {
        if (errno == EAGAIN && port->spin) {
            if (atomic_load_explicit(port->stop, memory_order_relaxed)) {
                return 0; /* a non-blocking receive never sees the guard's shutdown(2) */
            }
            cpu_relax();
        } else if (errno != EINTR) {
            return peer_fail("%s: recv: %s", port->mechanism, strerror(errno));
        }
    }
    return (int)bytes;
}

/* Both ends ask for the Java ends' buffers (DatagramFamily.receiveBufferRequestBytes / sendBufferRequestBytes). */
static int buffer_request_bytes(const char *proc_max) {
    int bytes = BUFFER_REQUEST_CAP_BYTES;
    FILE *file = fopen(proc_max, "re");
    if (file != NULL) {
        int max;
        if (fscanf(file, "%d", &max) == 1 && max > 0 && max < bytes) {
            bytes = max;
        }
        fclose(file);
    }
    return bytes;
}

static int open_socket(const char *mechanism, int domain) {
    int fd = socket(domain, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return peer_fail("%s: socket: %s", mechanism, strerror(errno));
    }
    int receive_bytes = buffer_request_bytes("/proc/sys/net/core/rmem_max");
    int send_bytes = buffer_request_bytes("/proc/sys/net/core/wmem_max");
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_bytes, sizeof receive_bytes) != 0
        || setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &send_bytes, sizeof send_bytes) != 0) {
        int error = errno;
        close(fd);
        return peer_fail("%s: setsockopt(SO_RCVBUF/SO_SNDBUF): %s", mechanism, strerror(error));
    }
    return fd;
}

static int socket_round_trip(void *client, const unsigned char *request, unsigned char *response,
                             int payload_bytes) {
    return round_trip_with(client, request, response, payload_bytes, socket_send, socket_receive);
}

/* Guard: shutdown(2) makes a blocked recv return 0 (and every later one), a blocked send fail. */
static void socket_abort(struct port *port) {
    shutdown(port->receive_fd, SHUT_RDWR);
}

/* Sends the empty end-of-session datagram unless the session failed; closes (uds-dgram: unlinks its path). */
static void socket_close_client(void *client) {
    struct port *port = client;
    guard_stop(port);
    if (!port->failed) {
        send(port->send_fd, END_OF_SESSION, 0, MSG_DONTWAIT);
    }
    close_fd(&port->send_fd);
    if (port->bound_path[0] != '\0') {
        unlink(port->bound_path);
    }
    port_free(port);
}

/* ---- udp: 127.0.0.1, both ends bound and connected to each other (UdpMechanism) ---- */

/* UdpMechanism.windowFor: W datagrams take at most half the granted receive buffer at 2 N + 1024 bytes each. */
static int udp_window(const struct trial *trial, int granted_receive_bytes) {
    long long per_datagram = 2LL * trial->payload_bytes + KERNEL_BYTES_PER_DATAGRAM_OVERHEAD;
    long long fits = granted_receive_bytes / 2 / per_datagram;
    if (fits > trial->batch_messages) {
        fits = trial->batch_messages;
    }
    return fits < 1 ? 1 : (int)fits;
}

/* A socket bound to 127.0.0.1 on a port the kernel picks. */
static int udp_bound_socket(void) {
    int fd = open_socket("udp", AF_INET);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in address = loopback(0);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        int error = errno;
        close(fd);
        return peer_fail("udp: bind(127.0.0.1:0): %s", strerror(error));
    }
    return fd;
}

static int udp_open_server(const struct trial *trial, char *address, size_t address_bytes, void **server) {
    struct port *port = server_port(trial, 1);
    if (port == NULL) {
        return -1;
    }
    int fd = port->send_fd = port->receive_fd = udp_bound_socket();
    if (fd < 0) {
        port_free(port);
        return -1;
    }
    int granted = 0;
    socklen_t granted_size = sizeof granted;
    struct sockaddr_in bound;
    socklen_t bound_size = sizeof bound;
    if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &granted_size) != 0
        || getsockname(fd, (struct sockaddr *)&bound, &bound_size) != 0) {
        int error = errno;
        close(fd);
        port_free(port);
        return peer_fail("udp: getsockopt/getsockname: %s", strerror(error));
    }
    port->window = udp_window(trial, granted);
    snprintf(address, address_bytes, "%d %u", port->window, (unsigned)ntohs(bound.sin_port));
    *server = port;
    return 0;
}

/*
 * The client's hello, the trial's token, tells its port; the server connects back and replies with 1 byte, then the
 * session begins. A datagram that is not exactly the token is ignored (named on stderr); once connected, the kernel
 * delivers only the client's datagrams.
 */
static int udp_accept(struct port *port, const struct trial *trial) {
    unsigned char hello[TOKEN_BYTES + 1];
    struct sockaddr_in client;
    for (;;) {
        socklen_t client_size = sizeof client;
        ssize_t bytes = recvfrom(port->receive_fd, hello, sizeof hello, MSG_TRUNC, (struct sockaddr *)&client,
                                 &client_size);
        if (bytes < 0) {
            if (errno == EINTR) {
                continue;
            }
            return peer_fail("udp: recvfrom (the hello): %s", strerror(errno));
        }
        if (bytes == TOKEN_BYTES && token_matches(trial, hello)) {
            break;
        }
        fprintf(stderr, "ipcpeer: udp: ignored a %zd-byte datagram from port %d that is not the trial's token\n",
                bytes, ntohs(client.sin_port));
    }
    if (connect(port->send_fd, (struct sockaddr *)&client, sizeof client) != 0) {
        return peer_fail("udp: connect (to the client): %s", strerror(errno));
    }
    return socket_send(port, hello, HELLO_BYTES);
}

static int udp_serve(void *server, const struct trial *trial) {
    struct port *port = server;
    int result = udp_accept(port, trial);
    if (result == 0) {
        result = echo_loop(port, socket_send, socket_receive);
    }
    close_fd(&port->receive_fd);
    port_free(port);
    return result;
}

/* Waits up to STALL_MS for the server's reply to the hello; after it the server drops nothing of ours. */
static int udp_await_hello(struct port *port) {
    struct pollfd ready = {.fd = port->receive_fd, .events = POLLIN};
    int polled;
    while ((polled = poll(&ready, 1, STALL_MS)) < 0) {
        if (errno != EINTR) {
            return peer_fail("udp: poll (the hello's reply): %s", strerror(errno));
        }
    }
    if (polled == 0) {
        return peer_fail("udp: the echo server did not answer the hello within %d s", STALL_MS / 1000);
    }
    unsigned char hello[HELLO_BYTES];
    ssize_t bytes = recv(port->receive_fd, hello, sizeof hello, MSG_TRUNC);
    if (bytes != HELLO_BYTES) {
        return peer_fail("udp: the hello's reply: %s", bytes < 0 ? strerror(errno) : "not 1 byte");
    }
    return 0;
}

static int udp_connect(const struct trial *trial, const char *address, const struct server_process *server,
                       void **client) {
    const char *transport;
    struct port *port = client_port(trial, address, &transport);
    if (port == NULL) {
        return -1;
    }
    char *end;
    long port_number = strtol(transport, &end, 10);
    int result = end == transport || *end != '\0' || port_number < 1 || port_number > 65535
        ? peer_fail("udp: the echo server reported port '%s'", transport) : 0;
    if (result == 0) {
        port->send_fd = port->receive_fd = udp_bound_socket();
        result = port->send_fd < 0 ? -1 : 0;
    }
    struct sockaddr_in to = loopback((unsigned short)port_number);
    if (result == 0 && connect(port->send_fd, (struct sockaddr *)&to, sizeof to) != 0) {
        result = peer_fail("udp: connect(127.0.0.1:%ld): %s", port_number, strerror(errno));
    }
    if (result == 0 && (socket_send(port, trial->token, TOKEN_BYTES) != 0 || udp_await_hello(port) != 0
                        || guard_start(port, server->pid, socket_abort) != 0)) {
        result = -1;
    }
    if (result != 0) {
        close_fd(&port->send_fd);
        port_free(port);
        return -1;
    }
    *client = port;
    return 0;
}

static const struct peer_ops udp_ops = {
    .id = "udp",
    .open_server = udp_open_server,
    .serve = udp_serve,
    .connect = udp_connect,
    .round_trip = socket_round_trip,
    .close_client = socket_close_client,
};

/* ---- uds-dgram: two bound paths in the trial's directory, each socket connected to the other ---- */

static int unix_address(const char *path, struct sockaddr_un *address) {
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address->sun_path) {
        return peer_fail("uds-dgram: the path %s is longer than a Unix socket address holds (%zu bytes)", path,
                         sizeof address->sun_path - 1);
    }
    strcpy(address->sun_path, path);
    return 0;
}

/* A Unix datagram socket bound to <scratch dir>/name, whose path the port remembers for unlinking. */
static int uds_bound_socket(struct port *port, const struct trial *trial, const char *name) {
    char path[PATH_BYTES];
    trial_file(trial, name, path, sizeof path);
    struct sockaddr_un address;
    if (unix_address(path, &address) != 0) {
        return -1;
    }
    int fd = open_socket("uds-dgram", AF_UNIX);
    if (fd < 0) {
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        int error = errno;
        close(fd);
        return peer_fail("uds-dgram: bind(%s): %s", path, strerror(error));
    }
    snprintf(port->bound_path, sizeof port->bound_path, "%s", path);
    return fd;
}

static int uds_connect_to(int fd, const char *path) {
    struct sockaddr_un address;
    if (unix_address(path, &address) != 0) {
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        return peer_fail("uds-dgram: connect(%s): %s (is the peer's socket bound?)", path, strerror(errno));
    }
    return 0;
}

static int uds_open_server(const struct trial *trial, char *address, size_t address_bytes, void **server) {
    struct port *port = server_port(trial, 1);
    if (port == NULL) {
        return -1;
    }
    if ((port->send_fd = port->receive_fd = uds_bound_socket(port, trial, SERVER_SOCKET)) < 0) {
        port_free(port);
        return -1;
    }
    snprintf(address, address_bytes, "%d %s", port->window, port->bound_path);
    *server = port;
    return 0;
}

/* The client's empty hello says its path is bound: from then on replies go there. */
static int uds_accept(struct port *port, const struct trial *trial) {
    unsigned char hello[HELLO_BYTES];
    while (recv(port->receive_fd, hello, sizeof hello, 0) < 0) {
        if (errno != EINTR) {
            return peer_fail("uds-dgram: recv (the hello): %s", strerror(errno));
        }
    }
    char path[PATH_BYTES];
    trial_file(trial, CLIENT_SOCKET, path, sizeof path);
    return uds_connect_to(port->send_fd, path);
}

static int uds_serve(void *server, const struct trial *trial) {
    struct port *port = server;
    int result = uds_accept(port, trial);
    if (result == 0) {
        result = echo_loop(port, socket_send, socket_receive);
    }
    close_fd(&port->receive_fd);
    unlink(port->bound_path);
    port_free(port);
    return result;
}

static int uds_connect(const struct trial *trial, const char *address, const struct server_process *server,
                       void **client) {
    const char *transport;
    struct port *port = client_port(trial, address, &transport);
    if (port == NULL) {
        return -1;
    }
    port->send_fd = port->receive_fd = uds_bound_socket(port, trial, CLIENT_SOCKET);
    if (port->send_fd < 0 || uds_connect_to(port->send_fd, transport) != 0
        || socket_send(port, END_OF_SESSION, 0) != 0 || guard_start(port, server->pid, socket_abort) != 0) {
        close_fd(&port->send_fd);
        if (port->bound_path[0] != '\0') {
            unlink(port->bound_path);
        }
        port_free(port);
        return -1;
    }
    *client = port;
    return 0;
}

static const struct peer_ops uds_dgram_ops = {
    .id = "uds-dgram",
    .open_server = uds_open_server,
    .serve = uds_serve,
    .connect = uds_connect,
    .round_trip = socket_round_trip,
    .close_client = socket_close_client,
};

/* ---- posix-mq: /<object name>-request and -response, created by the Java parent (PosixMqMechanism) ---- */

static inline int mq_port_send(struct port *port, const unsigned char *message, int bytes) {
    while (mq_send(port->send_fd, (const char *)message, (size_t)bytes, 0) != 0) {
        if (errno != EINTR) {
            return peer_fail("posix-mq: mq_send(%d B): %s", bytes, strerror(errno));
        }
    }
    return 0;
}

/* The receive descriptor is O_NONBLOCK when spinning: EAGAIN while the queue is empty. */
static inline int mq_port_receive(struct port *port, unsigned char *message) {
    ssize_t bytes;
    while ((bytes = mq_receive(port->receive_fd, (char *)message, (size_t)port->capacity, NULL)) < 0) {
        if (errno == EAGAIN && port->spin) {
            if (atomic_load_explicit(port->stop, memory_order_relaxed)) {
                return 0; /* a non-blocking receive never sees the guard's shutdown(2) */
            }
            cpu_relax();
        } else if (errno != EINTR) {
            return peer_fail("posix-mq: mq_receive: %s%s", strerror(errno),
                             errno == EMSGSIZE ? " (the queue was created for another message size)" : "");
        }
    }
    return (int)bytes;
}

/* Opens /<object name of role> with flags; the name is written to name. */
static int mq_open_role(const struct trial *trial, const char *role, int flags, char *name, size_t name_bytes) {
    name[0] = '/';
    trial_object_name(trial, role, name + 1, name_bytes - 1);
    int mqd = mq_open(name, flags);
    if (mqd < 0) {
        return peer_fail("posix-mq: mq_open(%s): %s (the parent creates the queues before the peers start)", name,
                         strerror(errno));
    }
    return mqd;
}

/* Opens receive_role's queue to read (O_NONBLOCK when spinning) and send_role's to write, blocking. */
static int mq_open_port(struct port *port, const struct trial *trial, const char *receive_role,
                        const char *send_role, char *receive_name) {
    char send_name[NAME_BYTES];
    port->receive_fd = mq_open_role(trial, receive_role, O_RDONLY | (trial->spin ? O_NONBLOCK : 0), receive_name,
                                    NAME_BYTES);
    if (port->receive_fd >= 0) {
        port->send_fd = mq_open_role(trial, send_role, O_WRONLY, send_name, sizeof send_name);
    }
    return port->receive_fd < 0 || port->send_fd < 0 ? -1 : 0;
}

static void mq_close_port(struct port *port) {
    int *descriptors[] = {&port->receive_fd, &port->send_fd, &port->drain_fd, &port->inject_fd};
    for (size_t i = 0; i < sizeof descriptors / sizeof descriptors[0]; i++) {
        if (*descriptors[i] >= 0) {
            mq_close(*descriptors[i]);
        }
    }
    port_free(port);
}

static int mq_open_server(const struct trial *trial, char *address, size_t address_bytes, void **server) {
    struct port *port = server_port(trial, 1);
    if (port == NULL) {
        return -1;
    }
    char request[NAME_BYTES];
    if (mq_open_port(port, trial, "request", "response", request) != 0) {
        mq_close_port(port);
        return -1;
    }
    snprintf(address, address_bytes, "%d %s", port->window, request);
    *server = port;
    return 0;
}

static int mq_serve(void *server, const struct trial *trial) {
    (void)trial;
    struct port *port = server;
    int result = echo_loop(port, mq_port_send, mq_port_receive);
    mq_close_port(port);
    return result;
}

/*
 * Guard (PosixMqMechanism.Port.abort): until the guard is stopped, empties the request queue, so a blocked mq_send
 * goes on, and keeps an empty message in the response queue, which ends the next mq_receive.
 */
static void mq_abort(struct port *port) {
    struct guard *guard = port->guard;
    while (!guard->closed) {
        while (mq_receive(port->drain_fd, (char *)port->message, (size_t)port->capacity, NULL) >= 0) {
        }
        mq_send(port->inject_fd, (const char *)END_OF_SESSION, 0, 0); /* EAGAIN when full of these: fine */
        struct timespec tick = monotonic_after_ms(MQ_ABORT_TICK_MS);
        pthread_cond_timedwait(&guard->wake, &guard->lock, &tick);
    }
}

static int mq_connect(const struct trial *trial, const char *address, const struct server_process *server,
                      void **client) {
    const char *transport;
    struct port *port = client_port(trial, address, &transport);
    if (port == NULL) {
        return -1;
    }
    char response[NAME_BYTES];
    char name[NAME_BYTES];
    int result = mq_open_port(port, trial, "response", "request", response);
    if (result == 0) {
        port->drain_fd = mq_open_role(trial, "request", O_RDONLY | O_NONBLOCK, name, sizeof name);
        port->inject_fd = mq_open_role(trial, "response", O_WRONLY | O_NONBLOCK, name, sizeof name);
        /* the guard's drain buffer; the client receives into the caller's response */
        port->message = malloc((size_t)trial->payload_bytes);
        result = port->drain_fd < 0 || port->inject_fd < 0 ? -1
            : port->message == NULL ? peer_fail("posix-mq: out of memory") : guard_start(port, server->pid, mq_abort);
    }
    if (result != 0) {
        mq_close_port(port);
        return -1;
    }
    *client = port;
    return 0;
}

static int mq_round_trip(void *client, const unsigned char *request, unsigned char *response, int payload_bytes) {
    return round_trip_with(client, request, response, payload_bytes, mq_port_send, mq_port_receive);
}

/* The end-of-session message, unless the session failed, waiting at most STALL_MS for room. */
static void mq_close_client(void *client) {
    struct port *port = client;
    guard_stop(port);
    if (!port->failed) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        now.tv_sec += STALL_MS / 1000;
        mq_timedsend(port->send_fd, (const char *)END_OF_SESSION, 0, 0, &now);
    }
    mq_close_port(port);
}

static const struct peer_ops posix_mq_ops = {
    .id = "posix-mq",
    .open_server = mq_open_server,
    .serve = mq_serve,
    .connect = mq_connect,
    .round_trip = mq_round_trip,
    .close_client = mq_close_client,
};

/* ---- sysv-mq: one queue, mtype 1 requests, 2 replies, created by the Java parent (SysvMqMechanism) ---- */

/* SysvMqMechanism.keyOf: 32-bit FNV-1a of an object name, never IPC_PRIVATE (0). */
static key_t fnv_key(const char *name) {
    uint32_t hash = 0x811c9dc5u;
    for (const unsigned char *c = (const unsigned char *)name; *c != '\0'; c++) {
        hash = (hash ^ *c) * 0x01000193u;
    }
    return (key_t)(hash == 0 ? 1 : hash);
}

/* The trial's queue key (SysvMqMechanism: the object name of role "queue"). */
static key_t sysv_key(const struct trial *trial) {
    char name[NAME_BYTES];
    trial_object_name(trial, "queue", name, sizeof name);
    return fnv_key(name);
}

/* Sends bytes of message as send_type; message is copied into msgbuf's text unless it is that text. */
static inline int sysv_send(struct port *port, const unsigned char *message, int bytes) {
    if (message != port->message) {
        memcpy(port->message, message, (size_t)bytes);
    }
    port->msgbuf->mtype = port->send_type;
    while (msgsnd(port->send_fd, port->msgbuf, (size_t)bytes, 0) != 0) {
        if (errno != EINTR) {
            return peer_fail("sysv-mq: msgsnd(msqid %d, %d B): %s", port->send_fd, bytes, strerror(errno));
        }
    }
    return 0;
}

/* The next receive_type message into msgbuf (IPC_NOWAIT when spinning: ENOMSG while there is none), then message. */
static inline int sysv_receive(struct port *port, unsigned char *message) {
    const int flags = port->spin ? IPC_NOWAIT : 0;
    ssize_t bytes;
    while ((bytes = msgrcv(port->receive_fd, port->msgbuf, (size_t)port->capacity, port->receive_type, flags)) < 0) {
        if (errno == ENOMSG && port->spin) {
            if (atomic_load_explicit(port->stop, memory_order_relaxed)) {
                return 0; /* a non-blocking receive never sees the guard's shutdown(2) */
            }
            cpu_relax();
        } else if (errno != EINTR) {
            return peer_fail("sysv-mq: msgrcv(msqid %d): %s%s", port->receive_fd, strerror(errno),
                             errno == EIDRM ? " (the queue was removed)" : "");
        }
    }
    if (message != port->message && bytes > 0) {
        memcpy(message, port->message, (size_t)bytes);
    }
    return (int)bytes;
}

/* A port on the trial's queue with its own msgbuf (the type word, then the payload-sized text). */
static struct port *sysv_port(const struct trial *trial, struct port *port, long send_type, long receive_type) {
    if (port == NULL) {
        return NULL;
    }
    key_t key = sysv_key(trial);
    port->send_fd = port->receive_fd = msgget(key, 0);
    if (port->send_fd < 0) {
        peer_fail("sysv-mq: msgget(key 0x%x): %s (the parent creates the queue before the peers start)",
                  (unsigned)key, strerror(errno));
        port_free(port);
        return NULL;
    }
    port->msgbuf = malloc(sizeof(struct sysv_msgbuf) + (size_t)trial->payload_bytes);
    if (port->msgbuf == NULL) {
        peer_fail("sysv-mq: out of memory");
        port_free(port);
        return NULL;
    }
    port->message = port->msgbuf->mtext;
    port->send_type = send_type;
    port->receive_type = receive_type;
    return port;
}

static int sysv_open_server(const struct trial *trial, char *address, size_t address_bytes, void **server) {
    struct port *port = sysv_port(trial, server_port(trial, 0), REPLY_TYPE, REQUEST_TYPE);
    if (port == NULL) {
        return -1;
    }
    snprintf(address, address_bytes, "%d 0x%x", port->window, (unsigned)sysv_key(trial));
    *server = port;
    return 0;
}

/* The parent removes the queue; a process holds nothing of it to close. */
static int sysv_serve(void *server, const struct trial *trial) {
    (void)trial;
    struct port *port = server;
    int result = echo_loop(port, sysv_send, sysv_receive);
    port_free(port);
    return result;
}

/* Guard: removes the queue, which fails every msgsnd or msgrcv on it, blocked or later, with EIDRM (as Java's). */
static void sysv_abort(struct port *port) {
    msgctl(port->receive_fd, IPC_RMID, NULL);
}

static int sysv_connect(const struct trial *trial, const char *address, const struct server_process *server,
                        void **client) {
    const char *transport;
    struct port *port = sysv_port(trial, client_port(trial, address, &transport), REQUEST_TYPE, REPLY_TYPE);
    if (port == NULL) {
        return -1;
    }
    if (guard_start(port, server->pid, sysv_abort) != 0) {
        port_free(port);
        return -1;
    }
    *client = port;
    return 0;
}

static int sysv_round_trip(void *client, const unsigned char *request, unsigned char *response, int payload_bytes) {
    return round_trip_with(client, request, response, payload_bytes, sysv_send, sysv_receive);
}

/* The end-of-session message unless the session failed; IPC_NOWAIT, as a full queue means the server is gone. */
static void sysv_close_client(void *client) {
    struct port *port = client;
    guard_stop(port);
    if (!port->failed) {
        port->msgbuf->mtype = port->send_type;
        msgsnd(port->send_fd, port->msgbuf, 0, IPC_NOWAIT);
    }
    port_free(port);
}

static const struct peer_ops sysv_mq_ops = {
    .id = "sysv-mq",
    .open_server = sysv_open_server,
    .serve = sysv_serve,
    .connect = sysv_connect,
    .round_trip = sysv_round_trip,
    .close_client = sysv_close_client,
};

const struct peer_ops *const peer_datagram_ops[] = {&udp_ops, &uds_dgram_ops, &posix_mq_ops, &sysv_mq_ops, NULL};

/* ---- layout (ipcpeer layout): the constants above, and the queue key of sample object names ---- */
void peer_datagram_layout(void) {
    printf("datagram.ack_bytes=%d\n", ACK_BYTES);
    printf("datagram.buffer_request_cap_bytes=%d\n", BUFFER_REQUEST_CAP_BYTES);
    printf("datagram.kernel_bytes_per_datagram_overhead=%d\n", KERNEL_BYTES_PER_DATAGRAM_OVERHEAD);
    printf("datagram.stall_ms=%d\n", STALL_MS);
    printf("datagram.guard_tick_ms=%d\n", GUARD_TICK_MS);
    printf("datagram.sysv_request_type=%d\n", REQUEST_TYPE);
    printf("datagram.sysv_reply_type=%d\n", REPLY_TYPE);
    printf("datagram.server_socket=%s\n", SERVER_SOCKET);
    printf("datagram.client_socket=%s\n", CLIENT_SOCKET);
    /* the last is UTF-8 "\u00e9t\u00e9-queue": bytes above 0x7f hash unsigned on both sides */
    static const char *const names[] = {"queue", "ipcbench-0f1e2d3c4b5a6978-queue", "\xc3\xa9t\xc3\xa9-queue"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        printf("datagram.sysv_key.%s=%d\n", names[i], (int)fnv_key(names[i]));
    }
}
