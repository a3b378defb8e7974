/*
 * The stream family's native ends (pipe, fifo, tcp, uds): see ipcpeer.h. The wire is StreamEchoServer's
 * and StreamClient's: no framing, the payload size is known from the trial. Latency: the server reads one whole
 * payload and writes it back whole. Throughput: it reads batch_messages payloads (checking each against the seeded
 * payload with verify) and writes one zero byte as the acknowledgement. The client closing its end (end of stream
 * between two messages) ends the server normally; end of stream inside a message is a failure.
 *
 * wait=SPIN, as ChannelPair.spinReads: the read side is non-blocking and polled (a socket serves both directions,
 * so its writes poll too; a pipe's or FIFO's write end stays blocking).
 *
 * tcp's server serves only the connection whose first TOKEN_BYTES bytes are the trial's token, read within
 * TOKEN_WAIT_MS (TcpMechanism, TokenGate); any other is closed and named on stderr, and it accepts the next.
 *
 * Addresses, as the Java ends report them: pipe "stdio" (fd 0 and 1), fifo the request FIFO's path (the parent
 * made request.fifo and response.fifo; both sides open request first), tcp the port on 127.0.0.1, uds the
 * socket's path in the trial's directory.
 */
#define _GNU_SOURCE
#include "ipcpeer.h"
#include "peer_io.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum stream_kind { PIPE, FIFO, TCP, UDS };

/* One end: in and out are the same descriptor for a socket. listener is the server's bound socket until accept. */
struct stream_end {
    enum stream_kind kind;
    int in;
    int out;
    int listener;
    char path[4096];       /* fifo: the request FIFO; the response FIFO is next to it */
};

#define TOKEN_WAIT_MS 2000  /* TokenGate.TOKEN_WAIT_MS */
#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)
#define TCP_BACKLOG 8       /* TcpMechanism.BACKLOG */
#define REQUEST_FIFO "request.fifo"
#define RESPONSE_FIFO "response.fifo"

/* ---- whole-message I/O (StreamIo) ---- */

/*
 * Fills buf[0, bytes): 1 when whole, 0 on end of stream before the first byte (the peer's normal close), -1 on a
 * failure (end of stream inside a message is one). A non-blocking descriptor with nothing to read is polled.
 */
static int read_fully(int fd, unsigned char *buf, size_t bytes)
{
    size_t done = 0;
    while (done < bytes) {
        ssize_t n = read(fd, buf + done, bytes - done);
        if (n > 0) {
            done += (size_t)n;
        } else if (n == 0) {
            if (done == 0) {
                return 0;
            }
            return peer_fail("stream ended %zu bytes into a %zu-byte message", done, bytes);
        } else if (errno == EAGAIN) {
            cpu_relax();
        } else if (errno != EINTR) {
            return peer_fail("read: %s", strerror(errno));
        }
    }
    return 1;
}

/* The spinning wait of ChannelPair.spinReads: the read side polls (a socket's one descriptor both ways). */
static int spin_reads(const struct stream_end *end, const struct trial *trial)
{
    return trial->spin ? set_nonblocking(end->in) : 0;
}

static struct stream_end *new_end(enum stream_kind kind)
{
    struct stream_end *end = calloc(1, sizeof *end);
    if (end == NULL) {
        peer_fail("out of memory");
        return NULL;
    }
    end->kind = kind;
    end->in = end->out = end->listener = -1;
    return end;
}

static void close_end(struct stream_end *end)
{
    if (end->out >= 0 && end->out != end->in) {
        close(end->out);
    }
    if (end->in >= 0) {
        close(end->in);
    }
    if (end->listener >= 0) {
        close(end->listener);
    }
    free(end);
}

static int fill_unix_address(struct sockaddr_un *address, const char *path)
{
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address->sun_path) {
        return peer_fail("socket path %s is longer than %zu bytes", path, sizeof address->sun_path - 1);
    }
    strcpy(address->sun_path, path);
    return 0;
}

static int no_delay(int socket_fd)
{
    int on = 1;
    if (setsockopt(socket_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0) {
        return peer_fail("tcp: TCP_NODELAY: %s", strerror(errno));
    }
    return 0;
}

/* ---- server ---- */

static int open_server_end(enum stream_kind kind, const char *socket_name, const struct trial *trial, char *address,
                           size_t address_bytes, void **server)
{
    struct stream_end *end = new_end(kind);
    if (end == NULL) {
        return -1;
    }
    switch (kind) {
    case PIPE:
        snprintf(address, address_bytes, "stdio");
        break;
    case FIFO:
        trial_file(trial, REQUEST_FIFO, end->path, sizeof end->path);
        snprintf(address, address_bytes, "%s", end->path);
        break;
    case TCP: {
        struct sockaddr_in bound = loopback(0);
        socklen_t bound_bytes = sizeof bound;
        end->listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (end->listener < 0 || bind(end->listener, (struct sockaddr *)&bound, sizeof bound) != 0
            || listen(end->listener, TCP_BACKLOG) != 0
            || getsockname(end->listener, (struct sockaddr *)&bound, &bound_bytes) != 0) {
            peer_fail("tcp: cannot listen on 127.0.0.1: %s", strerror(errno));
            close_end(end);
            return -1;
        }
        snprintf(address, address_bytes, "%d", ntohs(bound.sin_port));
        break;
    }
    case UDS: {
        struct sockaddr_un bound;
        trial_file(trial, socket_name, end->path, sizeof end->path);
        if (fill_unix_address(&bound, end->path) != 0) {
            close_end(end);
            return -1;
        }
        end->listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (end->listener < 0 || bind(end->listener, (struct sockaddr *)&bound, sizeof bound) != 0
            || listen(end->listener, 1) != 0) {
            peer_fail("%s: cannot listen on %s: %s", trial->mechanism, end->path, strerror(errno));
            close_end(end);
            return -1;
        }
        snprintf(address, address_bytes, "%s", end->path);
        break;
    }
    }
    *server = end;
    return 0;
}

/* NULL when socket_fd sends the trial's token within TOKEN_WAIT_MS, else why not. */
static const char *token_refused(int socket_fd, const struct trial *trial)
{
    unsigned char got[TOKEN_BYTES];
    size_t done = 0;
    int64_t deadline_ms = 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    deadline_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000 + TOKEN_WAIT_MS;
    while (done < TOKEN_BYTES) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        int64_t left_ms = deadline_ms - ((int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000);
        struct pollfd readable = {.fd = socket_fd, .events = POLLIN};
        int ready = left_ms <= 0 ? 0 : poll(&readable, 1, (int)left_ms);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return "no token within " NUMBER_TEXT(TOKEN_WAIT_MS) " ms";
        }
        ssize_t n = read(socket_fd, got + done, TOKEN_BYTES - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return "closed before a whole token";
        }
        done += (size_t)n;
    }
    return token_matches(trial, got) ? NULL : "wrong token";
}

/* Accepts until a connection presents the token (TokenGate.admit); the others are closed. */
static int accept_with_token(struct stream_end *end, const struct trial *trial)
{
    for (;;) {
        struct sockaddr_in peer;
        socklen_t peer_bytes = sizeof peer;
        int socket_fd = accept4(end->listener, (struct sockaddr *)&peer, &peer_bytes, SOCK_CLOEXEC);
        if (socket_fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            return peer_fail("tcp: accept: %s", strerror(errno));
        }
        const char *refused = token_refused(socket_fd, trial);
        if (refused == NULL) {
            return socket_fd;
        }
        fprintf(stderr, "ipcpeer: tcp: dropped a connection from port %d: %s\n", ntohs(peer.sin_port), refused);
        close(socket_fd);
    }
}

/* Waits for the client (StreamMechanism.Listener.accept): one connection, or the FIFOs opened request first. */
static int accept_client(struct stream_end *end, const struct trial *trial)
{
    switch (end->kind) {
    case PIPE:
        end->in = STDIN_FILENO;
        end->out = STDOUT_FILENO;
        return 0;
    case FIFO: {
        char response[sizeof end->path + 32];
        trial_file(trial, RESPONSE_FIFO, response, sizeof response);
        end->in = open(end->path, O_RDONLY | O_CLOEXEC);
        if (end->in < 0) {
            return peer_fail("fifo: open(%s): %s", end->path, strerror(errno));
        }
        end->out = open(response, O_WRONLY | O_CLOEXEC);
        if (end->out < 0) {
            return peer_fail("fifo: open(%s): %s", response, strerror(errno));
        }
        return 0;
    }
    case TCP:
    case UDS: {
        int socket_fd;
        if (end->kind == TCP) {
            socket_fd = accept_with_token(end, trial);
        } else {
            while ((socket_fd = accept4(end->listener, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR) {
            }
        }
        if (socket_fd < 0) {
            return peer_fail("%s: accept: %s", trial->mechanism, strerror(errno));
        }
        close(end->listener);
        end->listener = -1;
        end->in = end->out = socket_fd;
        return end->kind == TCP ? no_delay(socket_fd) : 0;
    }
    }
    return peer_fail("unknown stream kind");
}

static int echo_latency(const struct stream_end *end, unsigned char *message, size_t bytes)
{
    for (;;) {
        int got = read_fully(end->in, message, bytes);
        if (got <= 0) {
            return got;
        }
        if (write_fully(end->out, message, bytes) != 0) {
            return -1;
        }
    }
}

static int consume_batches(const struct stream_end *end, const struct trial *trial, unsigned char *message,
                           const unsigned char *expected, size_t bytes)
{
    const unsigned char ack = 0;
    for (;;) {
        for (int i = 0; i < trial->batch_messages; i++) {
            int got = read_fully(end->in, message, bytes);
            if (got <= 0) {
                return got;
            }
            if (expected != NULL && memcmp(expected, message, bytes) != 0) {
                size_t at = 0;
                while (expected[at] == message[at]) {
                    at++;
                }
                return peer_fail("verify: streamed message differs from what was sent at byte %zu of %zu", at,
                                 bytes);
            }
        }
        if (write_fully(end->out, &ack, 1) != 0) {
            return -1;
        }
    }
}

/* Serves until the client closes, then closes and frees the server's end: it is the server's last use. */
static int serve_stream(void *server, const struct trial *trial)
{
    struct stream_end *end = server;
    size_t bytes = (size_t)trial->payload_bytes;
    if (accept_client(end, trial) != 0 || spin_reads(end, trial) != 0) {
        close_end(end);
        return -1;
    }
    unsigned char *message = malloc(bytes);
    unsigned char *expected = trial->throughput && trial->verify ? malloc(bytes) : NULL;
    if (message == NULL || (trial->throughput && trial->verify && expected == NULL)) {
        free(message);
        free(expected);
        close_end(end);
        return peer_fail("cannot allocate the %zu-byte message buffers", bytes);
    }
    memset(message, 0, bytes);
    if (expected != NULL) {
        payload_fill(expected, bytes, trial->seed);
    }
    int result = trial->throughput ? consume_batches(end, trial, message, expected, bytes)
                                   : echo_latency(end, message, bytes);
    free(message);
    free(expected);
    close_end(end);
    return result < 0 ? -1 : 0;
}

/* ---- client ---- */

/* True while the server child has not exited (not reaped here: the pair command reaps it). */
static int child_alive(pid_t pid)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    return waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
}

/*
 * Opens the FIFOs as FifoMechanism's client does, request (write) first, without ever blocking on a dead server: a
 * non-blocking open for writing fails with ENXIO until the server sits in its open for reading, and is retried
 * while the child lives. The response FIFO's read end opens at once non-blocking, which releases the server's open
 * for writing; until that open is done a read finds no writer and returns 0 (end of stream), after it EAGAIN (no
 * request was sent, so nothing can be there to read). Both ends then block again (wait=SPIN makes the read end
 * poll again).
 */
static int open_fifos(struct stream_end *end, const struct trial *trial, const struct server_process *server)
{
    char request[4200], response[4200];
    trial_file(trial, REQUEST_FIFO, request, sizeof request);
    trial_file(trial, RESPONSE_FIFO, response, sizeof response);
    while ((end->out = open(request, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
        if (errno != ENXIO && errno != EINTR) {
            return peer_fail("fifo: open(%s): %s", request, strerror(errno));
        }
        if (!child_alive(server->pid)) {
            return peer_fail("fifo: the echo server exited before opening its FIFOs");
        }
        usleep(1000);
    }
    end->in = open(response, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (end->in < 0) {
        return peer_fail("fifo: open(%s): %s", response, strerror(errno));
    }
    unsigned char probe;
    ssize_t n;
    while ((n = read(end->in, &probe, 1)) == 0 || (n < 0 && errno == EINTR)) {
        if (!child_alive(server->pid)) {
            return peer_fail("fifo: the echo server exited before opening %s", response);
        }
        usleep(1000);
    }
    if (n > 0 || errno != EAGAIN) {
        return peer_fail("fifo: %s: %s before the first request", response, n > 0 ? "data" : strerror(errno));
    }
    return set_blocking(end->out) != 0 || set_blocking(end->in) != 0 ? -1 : 0;
}

static int connect_end(enum stream_kind kind, const struct trial *trial, const char *address,
                       const struct server_process *server, void **client)
{
    struct stream_end *end = new_end(kind);
    if (end == NULL) {
        return -1;
    }
    int result = 0;
    switch (kind) {
    case PIPE:
        /* duplicates, so that the pair command closes its own descriptors and close_client these */
        end->out = fcntl(server->stdin_fd, F_DUPFD_CLOEXEC, 0);
        end->in = fcntl(server->stdout_fd, F_DUPFD_CLOEXEC, 0);
        if (end->out < 0 || end->in < 0) {
            result = peer_fail("pipe: the server's stdio: %s", strerror(errno));
        }
        break;
    case FIFO:
        result = open_fifos(end, trial, server);
        break;
    case TCP: {
        char *tail;
        long port = strtol(address, &tail, 10);
        if (*address == '\0' || *tail != '\0' || port < 1 || port > 65535) {
            result = peer_fail("tcp: the server reported '%s', not a port", address);
            break;
        }
        struct sockaddr_in peer = loopback((unsigned short)port);
        end->in = end->out = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (end->in < 0 || connect(end->in, (struct sockaddr *)&peer, sizeof peer) != 0) {
            result = peer_fail("tcp: connect to 127.0.0.1:%ld: %s", port, strerror(errno));
            break;
        }
        result = no_delay(end->in);
        if (result == 0) {
            result = write_fully(end->out, trial->token, TOKEN_BYTES);
        }
        break;
    }
    case UDS: {
        struct sockaddr_un peer;
        if (fill_unix_address(&peer, address) != 0) {
            result = -1;
            break;
        }
        end->in = end->out = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (end->in < 0 || connect(end->in, (struct sockaddr *)&peer, sizeof peer) != 0) {
            result = peer_fail("%s: connect to %s: %s", trial->mechanism, address, strerror(errno));
        }
        break;
    }
    }
    if (result == 0) {
        result = spin_reads(end, trial);
    }
    if (result != 0) {
        close_end(end);
        return -1;
    }
    *client = end;
    return 0;
}

static int stream_round_trip(void *client, const unsigned char *request, unsigned char *response, int payload_bytes)
{
    const struct stream_end *end = client;
    if (write_fully(end->out, request, (size_t)payload_bytes) != 0) {
        return -1;
    }
    int got = read_fully(end->in, response, (size_t)payload_bytes);
    if (got == 0) {
        return peer_fail("the echo server closed the stream");
    }
    return got < 0 ? -1 : 0;
}

static void stream_close_client(void *client)
{
    if (client != NULL) {
        close_end(client);
    }
}

/* ---- the mechanisms ---- */

#define STREAM_MECHANISM(name, id_text, kind, socket_name)                                                        \
    static int name##_open_server(const struct trial *trial, char *address, size_t address_bytes, void **server) \
    {                                                                                                              \
        return open_server_end(kind, socket_name, trial, address, address_bytes, server);                          \
    }                                                                                                              \
    static int name##_connect(const struct trial *trial, const char *address, const struct server_process *server, \
                              void **client)                                                                       \
    {                                                                                                              \
        return connect_end(kind, trial, address, server, client);                                                  \
    }                                                                                                              \
    static const struct peer_ops name##_ops = {                                                                    \
        .id = id_text,                                                                                             \
        .open_server = name##_open_server,                                                                         \
        .serve = serve_stream,                                                                                     \
        .connect = name##_connect,                                                                                 \
        .round_trip = stream_round_trip,                                                                           \
        .close_client = stream_close_client,                                                                       \
    };

STREAM_MECHANISM(pipe, "pipe", PIPE, NULL)
STREAM_MECHANISM(fifo, "fifo", FIFO, NULL)
STREAM_MECHANISM(tcp, "tcp", TCP, NULL)
STREAM_MECHANISM(uds, "uds", UDS, "uds.sock")

const struct peer_ops *const peer_stream_ops[] = {&pipe_ops, &fifo_ops, &tcp_ops, &uds_ops, NULL};

/* ---- layout (ipcpeer layout): the constants above ---- */
void peer_stream_layout(void)
{
    printf("stream.token_wait_ms=%d\n", TOKEN_WAIT_MS);
    printf("stream.tcp_backlog=%d\n", TCP_BACKLOG);
    printf("stream.request_fifo=%s\nstream.response_fifo=%s\n", REQUEST_FIFO, RESPONSE_FIFO);
}
