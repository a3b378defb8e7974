/*
 * The memory family's native ends (shm, mmap-file, semaphore, signal, eventfd): see ipcpeer.h for the contract.
 *
 * The region is the Java family's, byte for byte: its layout (header words, sequence-numbered slots for latency-mode
 * messages up to SLOT_MAX_PAYLOAD, two Agrona 2.x OneToOneRingBuffers for batches and larger messages) is described
 * once, in src/main/java/ipcbench/mechanism/memory/SharedRegion.java; the constants below are checked against it
 * (ipcpeer layout, compared by NativeContractIT). The parent (Java's createResources, or a test by hand) creates the
 * region file and named semaphores; both ends here only map and open them. As in RingPort/SlotPort: the payload,
 * then a release store of a record length or slot sequence, read with acquire loads; "room wanted" flags are a
 * Dekker pair (seq_cst exchange by the writer, seq_cst fence then load by the reader); CLOSED is a release store read
 * with acquire loads. A sleeping handoff's counts are exact: one
 * wake-up per ring record or slot message written, one per room-wanted flag taken back.
 */
#define _GNU_SOURCE
#include "ipcpeer.h"
#include "peer_io.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* ---- the layout (SharedRegion) ---- */
enum {
    HEADER_BYTES = 4096,
    H_CLOSED = 0,
    H_REQUEST_ROOM_WANTED = 128,
    H_RESPONSE_ROOM_WANTED = 256,
    H_CLIENT_PID = 384,
    H_CLIENT_TID = 512,
    H_REQUEST_SLOTS_READ = 640,
    H_RESPONSE_SLOTS_READ = 768,
    SLOT_MAX_PAYLOAD = 4096,
    SLOT_AREA_TARGET = 64 << 10,
    MIN_SLOTS = 16,
    SLOT_HEADER_BYTES = 8,
    SLOT_ALIGNMENT = 128,
    PAGE = 4096,
    MIN_CAPACITY = 64 << 10,
    MAX_RECORD_PAYLOAD = 1 << 20,
    /* Agrona RingBufferDescriptor / RecordDescriptor */
    TRAILER_TAIL = 128,
    TRAILER_HEAD_CACHE = 256,
    TRAILER_HEAD = 384,
    TRAILER_BYTES = 768,
    RECORD_HEADER = 8,
    RECORD_ALIGNMENT = 8,
    PADDING_TYPE = -1,
    /* RingPort's record types */
    TYPE_MESSAGE = 1,
    TYPE_ACK = 2,
    RT_OFFSET = 8, /* SignalMechanism: SIGRTMIN+8 */
};
#define REGION_ROLE "region"          /* SharedRegion.ROLE: the /dev/shm region's object-name role */
#define REGION_FILE "region.mmap"     /* MmapFileMechanism.FILE, in the trial's directory */
#define SEM_REQUEST "sem-request"     /* SemaphoreMechanism.REQUEST: the server waits on it */
#define SEM_RESPONSE "sem-response"   /* SemaphoreMechanism.RESPONSE: the client waits on it */

static int64_t page_align(int64_t offset) { return (offset + PAGE - 1) / PAGE * PAGE; }
static int has_slots(int payload) { return payload <= SLOT_MAX_PAYLOAD; }
static int64_t slot_bytes(int payload)
{
    return (SLOT_HEADER_BYTES + (int64_t)payload + SLOT_ALIGNMENT - 1) / SLOT_ALIGNMENT * SLOT_ALIGNMENT;
}
/* The largest power of two of slots that fits in SLOT_AREA_TARGET, at least MIN_SLOTS. */
static int64_t slot_count(int payload)
{
    int64_t count = 1;
    while (count * 2 * slot_bytes(payload) <= SLOT_AREA_TARGET) {
        count *= 2;
    }
    return count < MIN_SLOTS ? MIN_SLOTS : count;
}
static int64_t slot_area_bytes(int payload)
{
    return has_slots(payload) ? page_align(slot_count(payload) * slot_bytes(payload)) : 0;
}

static int64_t ring_capacity(int payload)
{
    int64_t record = payload < MAX_RECORD_PAYLOAD ? payload : MAX_RECORD_PAYLOAD;
    int64_t capacity = 1;
    while (capacity < 8 * record) {
        capacity <<= 1;
    }
    return capacity < MIN_CAPACITY ? MIN_CAPACITY : capacity;
}

static int64_t request_ring_offset(int payload) { return HEADER_BYTES + 2 * slot_area_bytes(payload); }
static int64_t response_ring_offset(int payload)
{
    return page_align(request_ring_offset(payload) + ring_capacity(payload) + TRAILER_BYTES);
}
static int64_t region_bytes(int payload) { return response_ring_offset(payload) + ring_capacity(payload) + TRAILER_BYTES; }

/* ---- atomics on the mapping (all words are naturally aligned) ---- */
#define A32(p) ((_Atomic int32_t *)(void *)(p))
#define A64(p) ((_Atomic int64_t *)(void *)(p))

/* ---- an Agrona OneToOneRingBuffer over [buf, buf + capacity + TRAILER_BYTES) ---- */
struct ring {
    unsigned char *buf;
    int64_t capacity;
    int32_t max_msg; /* capacity / 8, Agrona's maxMsgLength */
};

static void ring_init(struct ring *ring, unsigned char *buf, int64_t capacity)
{
    ring->buf = buf;
    ring->capacity = capacity;
    ring->max_msg = (int32_t)(capacity >> 3);
}

static int64_t align8(int64_t value) { return (value + RECORD_ALIGNMENT - 1) & ~(int64_t)(RECORD_ALIGNMENT - 1); }

/* Agrona's claimCapacity: the record index for aligned bytes (+ room for the next pre-zeroed header), or -1. */
static int64_t ring_claim_capacity(struct ring *ring, int64_t record_length)
{
    unsigned char *trailer = ring->buf + ring->capacity;
    int64_t aligned = align8(record_length);
    int64_t required = aligned + RECORD_HEADER;
    int64_t mask = ring->capacity - 1;
    int64_t head = atomic_load_explicit(A64(trailer + TRAILER_HEAD_CACHE), memory_order_relaxed);
    int64_t tail = atomic_load_explicit(A64(trailer + TRAILER_TAIL), memory_order_relaxed);
    if (required > ring->capacity - (tail - head)) {
        head = atomic_load_explicit(A64(trailer + TRAILER_HEAD), memory_order_acquire);
        if (required > ring->capacity - (tail - head)) {
            return -1;
        }
        atomic_store_explicit(A64(trailer + TRAILER_HEAD_CACHE), head, memory_order_relaxed);
    }
    int64_t padding = 0;
    int64_t record_index = tail & mask;
    int64_t to_end = ring->capacity - record_index;
    int64_t write_index = record_index;
    int64_t next_tail = tail + aligned;
    if (aligned == to_end) {
        atomic_store_explicit(A64(trailer + TRAILER_TAIL), next_tail, memory_order_release);
        atomic_store_explicit(A64(ring->buf), 0, memory_order_relaxed); /* pre-zero the next header */
        return record_index;
    }
    if (required > to_end) {
        write_index = 0;
        int64_t head_index = head & mask;
        if (required > head_index) {
            head = atomic_load_explicit(A64(trailer + TRAILER_HEAD), memory_order_acquire);
            head_index = head & mask;
            if (required > head_index) {
                write_index = -1;
                next_tail = tail;
            }
            atomic_store_explicit(A64(trailer + TRAILER_HEAD_CACHE), head, memory_order_relaxed);
        }
        padding = to_end;
        next_tail += padding;
    }
    atomic_store_explicit(A64(trailer + TRAILER_TAIL), next_tail, memory_order_release);
    if (padding != 0) {
        atomic_store_explicit(A64(ring->buf), 0, memory_order_relaxed);
        atomic_store_explicit(A32(ring->buf + record_index + 4), PADDING_TYPE, memory_order_relaxed);
        atomic_store_explicit(A32(ring->buf + record_index), (int32_t)padding, memory_order_release);
    }
    if (write_index >= 0) {
        atomic_store_explicit(A64(ring->buf + write_index + aligned), 0, memory_order_relaxed);
    }
    return write_index;
}

/* Agrona's tryClaim: the payload offset of a claimed record of length bytes, or -1 when the ring is full. */
static int64_t ring_try_claim(struct ring *ring, int32_t type, int32_t length)
{
    int64_t record_length = (int64_t)length + RECORD_HEADER;
    int64_t index = ring_claim_capacity(ring, record_length);
    if (index < 0) {
        return -1;
    }
    atomic_store_explicit(A32(ring->buf + index), (int32_t)-record_length, memory_order_release);
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(A32(ring->buf + index + 4), type, memory_order_relaxed);
    return index + RECORD_HEADER;
}

/* Agrona's commit: publishes the claimed record (release store of its positive length). */
static void ring_commit(struct ring *ring, int64_t payload_index)
{
    unsigned char *length = ring->buf + payload_index - RECORD_HEADER;
    int32_t claimed = atomic_load_explicit(A32(length), memory_order_relaxed);
    atomic_store_explicit(A32(length), -claimed, memory_order_release);
}

/*
 * The next message record at the head, skipping (and releasing) padding: 1 with its type, payload offset and payload
 * length, 0 when none is committed yet, -1 (peer_fail) when the committed length cannot be a record: shorter than
 * its header, running past the ring's end, or a payload above the ring's record limit (Agrona's maxMsgLength). The
 * other process writes these words, so they are checked before any length becomes a copy's size. The record stays
 * unread until ring_release.
 */
static int ring_peek(struct ring *ring, int32_t *type, int64_t *index, int32_t *length)
{
    unsigned char *head_word = ring->buf + ring->capacity + TRAILER_HEAD;
    for (;;) {
        int64_t head = atomic_load_explicit(A64(head_word), memory_order_relaxed);
        int64_t record = head & (ring->capacity - 1);
        int32_t record_length = atomic_load_explicit(A32(ring->buf + record), memory_order_acquire);
        if (record_length <= 0) {
            return 0;
        }
        if (record_length < RECORD_HEADER || record + align8(record_length) > ring->capacity) {
            return peer_fail("shared memory: a record length of %d at ring offset %lld cannot be a record (shorter "
                             "than its %d-byte header or past the ring's end): the region is corrupt",
                             record_length, (long long)record, RECORD_HEADER);
        }
        int32_t record_type = atomic_load_explicit(A32(ring->buf + record + 4), memory_order_relaxed);
        if (record_type == PADDING_TYPE) {
            atomic_store_explicit(A64(head_word), head + align8(record_length), memory_order_release);
            continue;
        }
        if (record_length - RECORD_HEADER > ring->max_msg) {
            return peer_fail("shared memory: a record of %d bytes exceeds the ring's record limit of %d: the region "
                             "is corrupt", record_length - RECORD_HEADER, ring->max_msg);
        }
        *type = record_type;
        *index = record + RECORD_HEADER;
        *length = record_length - RECORD_HEADER;
        return 1;
    }
}

/* Releases the record ring_peek returned (its payload length): the head moves past it. */
static void ring_release(struct ring *ring, int32_t length)
{
    unsigned char *head_word = ring->buf + ring->capacity + TRAILER_HEAD;
    int64_t head = atomic_load_explicit(A64(head_word), memory_order_relaxed);
    atomic_store_explicit(A64(head_word), head + align8((int64_t)length + RECORD_HEADER), memory_order_release);
}

/* ---- the mapped region ---- */
struct region {
    unsigned char *base;
    size_t bytes;
    unsigned char *header;
    unsigned char *request_slots;  /* NULL when the payload is too large for slots */
    unsigned char *response_slots;
    int64_t slot_bytes;
    int64_t slot_count;
    struct ring request;
    struct ring response;
};

static void region_path(const struct trial *trial, char *out, size_t out_bytes)
{
    if (strcmp(trial->mechanism, "mmap-file") == 0) {
        trial_file(trial, REGION_FILE, out, out_bytes);
    } else {
        char name[4200];
        trial_object_name(trial, REGION_ROLE, name, sizeof name);
        snprintf(out, out_bytes, "/dev/shm/%s", name);
    }
}

static int region_map(const struct trial *trial, struct region *region)
{
    char path[4400];
    region_path(trial, path, sizeof path);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return peer_fail("open(%s): %s; the parent creates the region before the peers start", path,
                         strerror(errno));
    }
    int payload = trial->payload_bytes;
    int64_t bytes = region_bytes(payload);
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size != bytes) {
        int e = errno;
        close(fd);
        return peer_fail("%s has %lld bytes, expected %lld for a %d-byte payload%s%s", path, (long long)st.st_size,
                         (long long)bytes, payload, e ? ": " : "", e ? strerror(e) : "");
    }
    void *base = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (base == MAP_FAILED) {
        return peer_fail("mmap(%s, %lld bytes): %s", path, (long long)bytes, strerror(errno));
    }
    region->base = base;
    region->bytes = (size_t)bytes;
    region->header = base;
    region->slot_bytes = has_slots(payload) ? slot_bytes(payload) : 0;
    region->slot_count = has_slots(payload) ? slot_count(payload) : 0;
    region->request_slots = has_slots(payload) ? region->base + HEADER_BYTES : NULL;
    region->response_slots = has_slots(payload) ? region->base + HEADER_BYTES + slot_area_bytes(payload) : NULL;
    ring_init(&region->request, region->base + request_ring_offset(payload), ring_capacity(payload));
    ring_init(&region->response, region->base + response_ring_offset(payload), ring_capacity(payload));
    return 0;
}

/* ---- handoffs: how a side wakes the other and waits for it (Handoff) ---- */
enum handoff_kind { H_SPIN, H_SEMAPHORE, H_SIGNAL, H_EVENTFD };

struct handoff {
    enum handoff_kind kind;
    int spin;             /* a sleeping kind that polls instead (wait=SPIN) */
    sem_t *peer_sem, *own_sem;
    int peer_fd, own_fd;  /* eventfds */
    sigset_t set;         /* the one signal */
    int signo;
    pid_t own_pid, own_tid, peer_pid, peer_tid;
    int server;           /* the server reads the client's pid/tid from the header */
    unsigned char *header;
};

static int sleeps(const struct handoff *h) { return h->kind != H_SPIN; }

static int send_signal(const struct handoff *h, pid_t pid, pid_t tid)
{
    /* ESRCH: the peer is gone, which the client learns from its watcher and the server from its parent's death */
    if (syscall(SYS_tgkill, pid, tid, h->signo) != 0 && errno != ESRCH) {
        return peer_fail("tgkill(%d, %d, %d): %s (EAGAIN: RLIMIT_SIGPENDING exhausted)", pid, tid, h->signo,
                         strerror(errno));
    }
    return 0;
}

static int eventfd_add(int fd)
{
    uint64_t one = 1;
    if (write(fd, &one, sizeof one) != (ssize_t)sizeof one) {
        return peer_fail("write(eventfd %d): %s", fd, strerror(errno));
    }
    return 0;
}

static int handoff_signal(struct handoff *h)
{
    switch (h->kind) {
    case H_SPIN:
        return 0;
    case H_SEMAPHORE:
        return sem_post(h->peer_sem) == 0 ? 0 : peer_fail("sem_post: %s", strerror(errno));
    case H_SIGNAL:
        if (h->server) {
            /* acquire loads: the pid/tid the client published before the request this answers */
            return send_signal(h, atomic_load_explicit(A32(h->header + H_CLIENT_PID), memory_order_acquire),
                               atomic_load_explicit(A32(h->header + H_CLIENT_TID), memory_order_acquire));
        }
        return send_signal(h, h->peer_pid, h->peer_tid);
    case H_EVENTFD:
        return eventfd_add(h->peer_fd);
    }
    return 0;
}

static int handoff_await(struct handoff *h)
{
    static const struct timespec zero = {0, 0};
    uint64_t taken;
    switch (h->kind) {
    case H_SPIN:
        return 0;
    case H_SEMAPHORE:
        for (;;) {
            int rc = h->spin ? sem_trywait(h->own_sem) : sem_wait(h->own_sem);
            if (rc == 0) {
                return 0;
            }
            if (errno != EINTR && !(h->spin && errno == EAGAIN)) {
                return peer_fail("sem_wait: %s", strerror(errno));
            }
            cpu_relax();
        }
    case H_SIGNAL:
        for (;;) {
            int rc = h->spin ? sigtimedwait(&h->set, NULL, &zero) : sigwaitinfo(&h->set, NULL);
            if (rc >= 0) {
                return 0;
            }
            if (errno != EINTR && !(h->spin && errno == EAGAIN)) {
                return peer_fail("sigwaitinfo(%d): %s", h->signo, strerror(errno));
            }
            cpu_relax();
        }
    case H_EVENTFD:
        for (;;) {
            if (read(h->own_fd, &taken, sizeof taken) == (ssize_t)sizeof taken) {
                return 0;
            }
            if (errno != EINTR && !(h->spin && errno == EAGAIN)) {
                return peer_fail("read(eventfd %d): %s", h->own_fd, strerror(errno));
            }
            cpu_relax();
        }
    }
    return 0;
}

/* From the client's watcher thread: ends a pending await of the client thread (the server exited). */
static void handoff_wake_self(struct handoff *h)
{
    switch (h->kind) {
    case H_SPIN:
        break;
    case H_SEMAPHORE:
        sem_post(h->own_sem);
        break;
    case H_SIGNAL:
        syscall(SYS_tgkill, h->own_pid, h->own_tid, h->signo);
        break;
    case H_EVENTFD:
        eventfd_add(h->own_fd);
        break;
    }
}

static void handoff_close(struct handoff *h)
{
    if (h->peer_sem != NULL) {
        sem_close(h->peer_sem);
    }
    if (h->own_sem != NULL) {
        sem_close(h->own_sem);
    }
    if (h->peer_fd >= 0) {
        close(h->peer_fd);
    }
    if (h->own_fd >= 0) {
        close(h->own_fd);
    }
}

static enum handoff_kind kind_of(const char *mechanism)
{
    if (strcmp(mechanism, "semaphore") == 0) {
        return H_SEMAPHORE;
    }
    if (strcmp(mechanism, "signal") == 0) {
        return H_SIGNAL;
    }
    if (strcmp(mechanism, "eventfd") == 0) {
        return H_EVENTFD;
    }
    return H_SPIN;
}

static int open_semaphore(const struct trial *trial, const char *role, sem_t **sem)
{
    char name[4200];
    name[0] = '/';
    trial_object_name(trial, role, name + 1, sizeof name - 1);
    *sem = sem_open(name, 0);
    if (*sem == SEM_FAILED) {
        *sem = NULL;
        return peer_fail("sem_open(%s): %s; the parent creates it before the peers start", name, strerror(errno));
    }
    return 0;
}

/* Blocks the signal on the calling thread, so it stays pending there for sigwaitinfo. */
static int block_signal(struct handoff *h)
{
    h->signo = SIGRTMIN + RT_OFFSET;
    if (h->signo > SIGRTMAX) {
        return peer_fail("SIGRTMIN+%d is beyond SIGRTMAX on this libc", RT_OFFSET);
    }
    sigemptyset(&h->set);
    sigaddset(&h->set, h->signo);
    int rc = pthread_sigmask(SIG_BLOCK, &h->set, NULL);
    return rc == 0 ? 0 : peer_fail("pthread_sigmask(SIG_BLOCK, %d): %s", h->signo, strerror(rc));
}

/* ---- one side's end: slots for latency-mode messages, rings for the rest (SlotPort, RingPort) ---- */
struct port {
    struct region region;
    struct handoff handoff;
    int server;
    int payload_bytes;
    struct ring *out, *in;
    unsigned char *out_slots, *in_slots;
    unsigned char *own_room_wanted, *peer_room_wanted;
    unsigned char *own_read, *peer_read;   /* *_SLOTS_READ words */
    unsigned char *gather;                  /* server with slots: the request being echoed (SlotPort.gather) */
    int64_t sent, received, peer_read_cache;
    atomic_int peer_gone;                   /* client: set by the watcher when the server exited */
    /* client only */
    int server_pidfd;                       /* pidfd of the server, readable once it exited */
    int watcher_stop;                       /* eventfd that ends the watcher */
    int watcher_started;
    pthread_t watcher;
    pthread_t adopted;
};

static void port_init(struct port *p, int server, int payload_bytes)
{
    struct region *r = &p->region;
    p->server = server;
    p->payload_bytes = payload_bytes;
    p->out = server ? &r->response : &r->request;
    p->in = server ? &r->request : &r->response;
    p->out_slots = server ? r->response_slots : r->request_slots;
    p->in_slots = server ? r->request_slots : r->response_slots;
    p->own_room_wanted = r->header + (server ? H_RESPONSE_ROOM_WANTED : H_REQUEST_ROOM_WANTED);
    p->peer_room_wanted = r->header + (server ? H_REQUEST_ROOM_WANTED : H_RESPONSE_ROOM_WANTED);
    p->own_read = r->header + (server ? H_REQUEST_SLOTS_READ : H_RESPONSE_SLOTS_READ);
    p->peer_read = r->header + (server ? H_RESPONSE_SLOTS_READ : H_REQUEST_SLOTS_READ);
    p->handoff.header = r->header;
    p->handoff.server = server;
}

/* The server's peer is done once the client set CLOSED; the client's once the server exited. */
static inline int peer_done(struct port *p)
{
    if (p->server) {
        return atomic_load_explicit(A32(p->region.header + H_CLOSED), memory_order_acquire) != 0;
    }
    return atomic_load_explicit(&p->peer_gone, memory_order_acquire) != 0;
}

/* Dekker's reader half: after freeing room, wake a writer that asked for it (exactly once). */
static int wake_writer_waiting_for_room(struct port *p)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(A32(p->peer_room_wanted), memory_order_relaxed) != 0
        && atomic_exchange(A32(p->peer_room_wanted), 0) != 0) {
        return handoff_signal(&p->handoff);
    }
    return 0;
}

/* The ring was full: spin, or sleep until the reader frees room. The claimed payload offset, -1 when the peer is
   done, -2 on failure. */
static int64_t claim_when_room(struct port *p, int32_t type, int32_t chunk)
{
    for (;;) {
        if (peer_done(p)) {
            return -1;
        }
        int64_t index;
        if (!sleeps(&p->handoff)) {
            cpu_relax();
            if ((index = ring_try_claim(p->out, type, chunk)) >= 0) {
                return index;
            }
            continue;
        }
        atomic_exchange(A32(p->own_room_wanted), 1);
        if ((index = ring_try_claim(p->out, type, chunk)) >= 0) {
            /* the reader took the flag after all: its wake-up is sent or on its way; consume it */
            if (atomic_exchange(A32(p->own_room_wanted), 0) == 0 && handoff_await(&p->handoff) != 0) {
                return -2;
            }
            return index;
        }
        if (handoff_await(&p->handoff) != 0) {
            return -2;
        }
        if ((index = ring_try_claim(p->out, type, chunk)) >= 0) {
            return index;
        }
    }
}

/* RingPort.send: bytes [0, length) as records of type. 1 sent, 0 peer done, -1 failure. */
static int ring_send(struct port *p, const unsigned char *source, int length, int32_t type)
{
    for (int offset = 0; offset < length;) {
        int32_t chunk = length - offset < p->out->max_msg ? length - offset : p->out->max_msg;
        int64_t index = ring_try_claim(p->out, type, chunk);
        if (index < 0 && (index = claim_when_room(p, type, chunk)) < 0) {
            return index == -1 ? 0 : -1;
        }
        memcpy(p->out->buf + index, source + offset, (size_t)chunk);
        ring_commit(p->out, index);
        if (handoff_signal(&p->handoff) != 0) {
            return -1;
        }
        offset += chunk;
    }
    return 1;
}

/* RingPort.receive: one message of exactly length bytes into target. Its type, 0 when the peer is done, -1 failure. */
static int ring_receive(struct port *p, unsigned char *target, int length)
{
    int32_t first_type = 0;
    for (int offset = 0; offset < length;) {
        if (handoff_await(&p->handoff) != 0) {
            return -1;
        }
        int32_t type, chunk;
        int64_t index;
        int peeked;
        while ((peeked = ring_peek(p->in, &type, &index, &chunk)) == 0) {
            if (peer_done(p)) {
                return 0;
            }
            cpu_relax();
        }
        if (peeked < 0) {
            return -1;
        }
        if (offset + chunk > length || (first_type != 0 && type != first_type)) {
            return peer_fail("shared memory: a record of %d bytes does not continue the %d-byte message at offset "
                             "%d (too long, or of another type)", chunk, length, offset);
        }
        memcpy(target + offset, p->in->buf + index, (size_t)chunk);
        ring_release(p->in, chunk);
        first_type = type;
        if (sleeps(&p->handoff) && wake_writer_waiting_for_room(p) != 0) {
            return -1;
        }
        offset += chunk;
    }
    return first_type;
}

/* RingPort.echo: the next request record straight into the response ring. 1 echoed, 0 client closed, -1 failure. */
static int ring_echo(struct port *p)
{
    if (handoff_await(&p->handoff) != 0) {
        return -1;
    }
    int32_t type, length;
    int64_t from, to;
    for (;;) {
        int peeked = ring_peek(p->in, &type, &from, &length);
        if (peeked < 0) {
            return -1;
        }
        if (peeked) {
            if (type != TYPE_MESSAGE) {
                return peer_fail("shared memory: a record of type %d where a request was expected", type);
            }
            /* under open-loop load the response ring may be full: leave the request unread until it has room */
            if ((to = ring_try_claim(p->out, TYPE_MESSAGE, length)) >= 0) {
                break;
            }
        }
        if (peer_done(p)) {
            return 0;
        }
        cpu_relax();
    }
    memcpy(p->out->buf + to, p->in->buf + from, (size_t)length);
    ring_commit(p->out, to);
    ring_release(p->in, length);
    if (sleeps(&p->handoff) && wake_writer_waiting_for_room(p) != 0) {
        return -1;
    }
    return handoff_signal(&p->handoff) == 0 ? 1 : -1;
}

static inline int64_t slot_offset(const struct port *p, int64_t sequence)
{
    return ((sequence - 1) & (p->region.slot_count - 1)) * p->region.slot_bytes;
}

/* SlotPort: 1 once the slot of sequence is free (the peer read message sequence - slot_count), 0 peer done. */
static int await_free_slot(struct port *p, int64_t sequence)
{
    if (sequence - p->peer_read_cache <= p->region.slot_count) {
        return 1;
    }
    while (sequence - (p->peer_read_cache = atomic_load_explicit(A64(p->peer_read), memory_order_acquire))
           > p->region.slot_count) {
        if (peer_done(p)) {
            return 0;
        }
        cpu_relax();
    }
    return 1;
}

/* SlotPort: the offset of message sequence's in-slot once it is there, -1 peer done, -2 failure. */
static int64_t await_slot_message(struct port *p, int64_t sequence)
{
    if (handoff_await(&p->handoff) != 0) {
        return -2;
    }
    int64_t at = slot_offset(p, sequence);
    while (atomic_load_explicit(A64(p->in_slots + at), memory_order_acquire) != sequence) {
        if (peer_done(p)) {
            return -1;
        }
        cpu_relax();
    }
    return at;
}

static int slot_send(struct port *p, const unsigned char *source)
{
    int64_t sequence = p->sent + 1;
    if (!await_free_slot(p, sequence)) {
        return 0;
    }
    int64_t at = slot_offset(p, sequence);
    memcpy(p->out_slots + at + SLOT_HEADER_BYTES, source, (size_t)p->payload_bytes);
    atomic_store_explicit(A64(p->out_slots + at), sequence, memory_order_release);
    p->sent = sequence;
    return handoff_signal(&p->handoff) == 0 ? 1 : -1;
}

static int slot_receive(struct port *p, unsigned char *target)
{
    int64_t sequence = p->received + 1;
    int64_t at = await_slot_message(p, sequence);
    if (at < 0) {
        return at == -1 ? 0 : -1;
    }
    memcpy(target, p->in_slots + at + SLOT_HEADER_BYTES, (size_t)p->payload_bytes);
    p->received = sequence;
    atomic_store_explicit(A64(p->own_read), sequence, memory_order_release);
    return 1;
}

/*
 * SlotPort.echo: the next request slot into the next response slot, gathered first so that no response line is
 * written before the whole request has been read (SlotPort.echo says why). 1, 0 client closed, -1 failure.
 */
static int slot_echo(struct port *p)
{
    int64_t sequence = p->received + 1;
    int64_t from = await_slot_message(p, sequence);
    if (from < 0) {
        return from == -1 ? 0 : -1;
    }
    if (!await_free_slot(p, sequence)) {
        return 0;
    }
    int64_t to = slot_offset(p, sequence);
    memcpy(p->gather, p->in_slots + from + SLOT_HEADER_BYTES, (size_t)p->payload_bytes);
    memcpy(p->out_slots + to + SLOT_HEADER_BYTES, p->gather, (size_t)p->payload_bytes);
    p->received = sequence;
    atomic_store_explicit(A64(p->own_read), sequence, memory_order_release);
    atomic_store_explicit(A64(p->out_slots + to), sequence, memory_order_release);
    p->sent = sequence;
    return handoff_signal(&p->handoff) == 0 ? 1 : -1;
}

static void port_free(struct port *p)
{
    handoff_close(&p->handoff);
    free(p->gather);
    if (p->region.base != NULL) {
        munmap(p->region.base, p->region.bytes);
    }
    free(p);
}

static struct port *port_new(const struct trial *trial, int server)
{
    struct port *p = calloc(1, sizeof *p);
    if (p == NULL) {
        peer_fail("out of memory");
        return NULL;
    }
    p->handoff.peer_fd = -1;
    p->handoff.own_fd = -1;
    p->watcher_stop = -1;
    p->server_pidfd = -1;
    p->handoff.kind = kind_of(trial->mechanism);
    p->handoff.spin = trial->spin;
    if (region_map(trial, &p->region) != 0) {
        free(p);
        return NULL;
    }
    port_init(p, server, trial->payload_bytes);
    if (server && p->in_slots != NULL && (p->gather = malloc((size_t)trial->payload_bytes)) == NULL) {
        peer_fail("out of memory");
        port_free(p);
        return NULL;
    }
    return p;
}

/* ---- server ---- */
static int memory_open_server(const struct trial *trial, char *address, size_t address_bytes, void **server)
{
    struct port *p = port_new(trial, 1);
    if (p == NULL) {
        return -1;
    }
    struct handoff *h = &p->handoff;
    address[0] = '\0';
    int rc = 0;
    switch (h->kind) {
    case H_SPIN:
        break;
    case H_SEMAPHORE:
        rc = open_semaphore(trial, SEM_RESPONSE, &h->peer_sem) || open_semaphore(trial, SEM_REQUEST, &h->own_sem)
                 ? -1 : 0;
        break;
    case H_SIGNAL:
        /* open_server and serve run on the same (echo) thread, which the client signals by its tid */
        rc = block_signal(h);
        h->own_pid = getpid();
        h->own_tid = gettid();
        snprintf(address, address_bytes, "%d", (int)h->own_tid);
        break;
    case H_EVENTFD:
        h->own_fd = eventfd(0, EFD_SEMAPHORE | EFD_CLOEXEC);
        h->peer_fd = h->own_fd < 0 ? -1 : eventfd(0, EFD_SEMAPHORE | EFD_CLOEXEC);
        if (h->own_fd < 0 || h->peer_fd < 0) {
            rc = peer_fail("eventfd(0, EFD_SEMAPHORE|EFD_CLOEXEC): %s", strerror(errno));
        } else if (trial->spin) {
            rc = set_nonblocking(h->own_fd);
        }
        /* the client takes them with pidfd_getfd: "request,response" */
        snprintf(address, address_bytes, "%d,%d", h->own_fd, h->peer_fd);
        break;
    }
    if (rc != 0) {
        port_free(p);
        return -1;
    }
    *server = p;
    return 0;
}

static int serve_batches(struct port *p, const struct trial *trial)
{
    size_t bytes = (size_t)trial->payload_bytes;
    unsigned char *message = malloc(bytes);
    unsigned char *expected = trial->verify ? malloc(bytes) : NULL;
    if (message == NULL || (trial->verify && expected == NULL)) {
        free(message);
        free(expected);
        return peer_fail("cannot allocate the %zu-byte message buffers", bytes);
    }
    if (expected != NULL) {
        payload_fill(expected, bytes, trial->seed);
    }
    static const unsigned char ack[1] = {0};
    int result = 0;
    while (result == 0) {
        for (int i = 0; i < trial->batch_messages && result == 0; i++) {
            int type = ring_receive(p, message, trial->payload_bytes);
            if (type <= 0) {
                result = type == 0 ? 1 : -1;
            } else if (type != TYPE_MESSAGE) {
                result = peer_fail("shared memory: expected a record of type %d, got type %d", TYPE_MESSAGE, type);
            } else if (expected != NULL && memcmp(expected, message, bytes) != 0) {
                result = peer_fail("streamed message: the %zu bytes received differ from the seeded payload", bytes);
            }
        }
        if (result == 0) {
            int sent = ring_send(p, ack, 1, TYPE_ACK);
            result = sent == 1 ? 0 : sent == 0 ? 1 : -1;
        }
    }
    free(message);
    free(expected);
    return result < 0 ? -1 : 0;
}

/* Latency, payloads too large for one ring record: gather the chunks, send them back. */
static int serve_chunked(struct port *p, const struct trial *trial)
{
    unsigned char *message = malloc((size_t)trial->payload_bytes);
    if (message == NULL) {
        return peer_fail("cannot allocate a %d-byte message buffer", trial->payload_bytes);
    }
    int result;
    for (;;) {
        int type = ring_receive(p, message, trial->payload_bytes);
        if (type <= 0) {
            result = type;
            break;
        }
        if (type != TYPE_MESSAGE) {
            result = peer_fail("shared memory: expected a record of type %d, got type %d", TYPE_MESSAGE, type);
            break;
        }
        if ((result = ring_send(p, message, trial->payload_bytes, TYPE_MESSAGE)) != 1) {
            break;
        }
    }
    free(message);
    return result < 0 ? -1 : 0;
}

static int memory_serve(void *server, const struct trial *trial)
{
    struct port *p = server;
    int result;
    if (trial->throughput) {
        result = serve_batches(p, trial);
    } else if (p->in_slots != NULL) {
        while ((result = slot_echo(p)) == 1) {
        }
    } else if (trial->payload_bytes <= p->out->max_msg) {
        while ((result = ring_echo(p)) == 1) {
        }
    } else {
        result = serve_chunked(p, trial);
    }
    port_free(p);
    return result < 0 ? -1 : 0;
}

/* ---- client ---- */

/* Waits for the server's exit (its pidfd turns readable) or for close_client's stop; on the exit it marks the peer
   gone and wakes the client thread's pending wait, as MemoryClient's process-reaper callback does. */
static void *watch_server(void *arg)
{
    struct port *p = arg;
    struct pollfd fds[2] = {{.fd = p->server_pidfd, .events = POLLIN}, {.fd = p->watcher_stop, .events = POLLIN}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return NULL;
        }
        if (fds[1].revents != 0) {
            return NULL;
        }
        if (fds[0].revents != 0) {
            atomic_store_explicit(&p->peer_gone, 1, memory_order_release);
            handoff_wake_self(&p->handoff);
            return NULL;
        }
    }
}

/* The client thread (the one that connects, or a later one: adopted on its first round trip) takes the server's
   signals: it blocks the signal and publishes its tid (release), which the server reads before it answers. */
static int adopt_current_thread(struct port *p)
{
    struct handoff *h = &p->handoff;
    p->adopted = pthread_self();
    if (h->kind != H_SIGNAL) {
        return 0;
    }
    if (block_signal(h) != 0) {
        return -1;
    }
    h->own_tid = gettid();
    atomic_store_explicit(A32(p->region.header + H_CLIENT_TID), h->own_tid, memory_order_release);
    return 0;
}

static int take_fd(int pidfd, int target_fd, int *fd)
{
    *fd = (int)syscall(SYS_pidfd_getfd, pidfd, target_fd, 0);
    if (*fd < 0) {
        *fd = -1;
        return peer_fail("pidfd_getfd(%d): %s; the parent needs ptrace access to its child (Yama ptrace_scope)",
                         target_fd, strerror(errno));
    }
    return 0;
}

static int connect_handoff(struct port *p, const struct trial *trial, const char *address, pid_t server_pid)
{
    struct handoff *h = &p->handoff;
    switch (h->kind) {
    case H_SPIN:
        return 0;
    case H_SEMAPHORE:
        return open_semaphore(trial, SEM_REQUEST, &h->peer_sem) || open_semaphore(trial, SEM_RESPONSE, &h->own_sem)
                   ? -1 : 0;
    case H_SIGNAL: {
        char *end;
        long tid = strtol(address, &end, 10);
        if (*address == '\0' || *end != '\0' || tid <= 0) {
            return peer_fail("signal: the echo server reported '%s', expected its thread id", address);
        }
        h->peer_pid = server_pid;
        h->peer_tid = (pid_t)tid;
        return 0;
    }
    case H_EVENTFD: {
        int request, response;
        if (sscanf(address, "%d,%d", &request, &response) != 2) {
            return peer_fail("eventfd: the echo server reported '%s', expected two descriptors", address);
        }
        /* the pidfd names this very child (ours, not yet reaped), so the numbers are its descriptors */
        if (take_fd(p->server_pidfd, request, &h->peer_fd) != 0 || take_fd(p->server_pidfd, response, &h->own_fd) != 0) {
            return -1;
        }
        return trial->spin ? set_nonblocking(h->own_fd) : 0;
    }
    }
    return 0;
}

static void memory_close_client(void *client);

static int memory_connect(const struct trial *trial, const char *address, const struct server_process *server,
                          void **client)
{
    struct port *p = port_new(trial, 0);
    if (p == NULL) {
        return -1;
    }
    p->handoff.own_pid = getpid();
    atomic_store_explicit(A32(p->region.header + H_CLIENT_PID), p->handoff.own_pid, memory_order_release);
    p->server_pidfd = (int)syscall(SYS_pidfd_open, server->pid, 0);
    if (p->server_pidfd < 0) {
        peer_fail("pidfd_open(%d): %s (Linux 5.3 or newer)", (int)server->pid, strerror(errno));
        port_free(p);
        return -1;
    }
    p->watcher_stop = eventfd(0, EFD_CLOEXEC);
    /* blocked before the watcher starts, so the watcher inherits the blocked signal too */
    if (p->watcher_stop < 0 || adopt_current_thread(p) != 0 || connect_handoff(p, trial, address, server->pid) != 0) {
        if (p->watcher_stop < 0) {
            peer_fail("eventfd: %s", strerror(errno));
        }
        memory_close_client(p);
        return -1;
    }
    int rc = pthread_create(&p->watcher, NULL, watch_server, p);
    if (rc != 0) {
        peer_fail("cannot start the server watcher: %s", strerror(rc));
        memory_close_client(p);
        return -1;
    }
    p->watcher_started = 1;
    *client = p;
    return 0;
}

static int memory_round_trip(void *client, const unsigned char *request, unsigned char *response, int payload_bytes)
{
    struct port *p = client;
    if (!pthread_equal(p->adopted, pthread_self()) && adopt_current_thread(p) != 0) {
        return -1;
    }
    int rc;
    if (p->out_slots != NULL) {
        if ((rc = slot_send(p, request)) == 1) {
            rc = slot_receive(p, response);
        }
    } else if ((rc = ring_send(p, request, payload_bytes, TYPE_MESSAGE)) == 1) {
        rc = ring_receive(p, response, payload_bytes);
        if (rc > 0 && rc != TYPE_MESSAGE) {
            return peer_fail("shared memory: expected a record of type %d, got type %d", TYPE_MESSAGE, rc);
        }
    }
    if (rc == 0) {
        return peer_fail("shared memory: the echo server exited");
    }
    return rc > 0 ? 0 : -1;
}

/* Sets CLOSED (release store) and wakes the server, which then returns from its loop; stops the watcher. */
static void memory_close_client(void *client)
{
    struct port *p = client;
    atomic_store_explicit(A32(p->region.header + H_CLOSED), 1, memory_order_release);
    if (!atomic_load_explicit(&p->peer_gone, memory_order_acquire)
        && (p->handoff.kind == H_SPIN || p->handoff.peer_sem != NULL || p->handoff.peer_fd >= 0
            || p->handoff.peer_tid > 0)) {
        handoff_signal(&p->handoff);
    }
    if (p->watcher_started) {
        eventfd_add(p->watcher_stop);
        pthread_join(p->watcher, NULL);
    }
    if (p->watcher_stop >= 0) {
        close(p->watcher_stop);
    }
    if (p->server_pidfd >= 0) {
        close(p->server_pidfd);
    }
    port_free(p);
}

/* ---- layout (ipcpeer layout): every constant above, and what they make of payloads either side of each limit ---- */
void peer_memory_layout(void)
{
    static const struct {
        const char *name;
        int value;
    } constants[] = {
        {"header_bytes", HEADER_BYTES}, {"closed", H_CLOSED}, {"request_room_wanted", H_REQUEST_ROOM_WANTED},
        {"response_room_wanted", H_RESPONSE_ROOM_WANTED}, {"client_pid", H_CLIENT_PID}, {"client_tid", H_CLIENT_TID},
        {"request_slots_read", H_REQUEST_SLOTS_READ}, {"response_slots_read", H_RESPONSE_SLOTS_READ},
        {"slot_max_payload", SLOT_MAX_PAYLOAD}, {"slot_area_target", SLOT_AREA_TARGET}, {"min_slots", MIN_SLOTS},
        {"slot_header_bytes", SLOT_HEADER_BYTES}, {"slot_alignment", SLOT_ALIGNMENT}, {"page", PAGE},
        {"min_capacity", MIN_CAPACITY}, {"max_record_payload", MAX_RECORD_PAYLOAD},
        {"ring.trailer_tail", TRAILER_TAIL}, {"ring.trailer_head_cache", TRAILER_HEAD_CACHE},
        {"ring.trailer_head", TRAILER_HEAD}, {"ring.trailer_bytes", TRAILER_BYTES},
        {"ring.record_header", RECORD_HEADER}, {"ring.record_alignment", RECORD_ALIGNMENT},
        {"ring.padding_type", PADDING_TYPE}, {"ring.type_message", TYPE_MESSAGE}, {"ring.type_ack", TYPE_ACK},
        {"signal.rt_offset", RT_OFFSET},
    };
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++) {
        printf("memory.%s=%d\n", constants[i].name, constants[i].value);
    }
    printf("memory.region_role=%s\nmemory.region_file=%s\n", REGION_ROLE, REGION_FILE);
    printf("memory.sem_request=%s\nmemory.sem_response=%s\n", SEM_REQUEST, SEM_RESPONSE);
    static const int payloads[] = {1, 120, 121, 4096, 4097, 8192, 8193, 1 << 20, (1 << 20) + 1, 64 << 20};
    for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
        int payload = payloads[i];
        struct ring ring;
        ring_init(&ring, NULL, ring_capacity(payload));
        printf("memory.%d.region_bytes=%lld\n", payload, (long long)region_bytes(payload));
        printf("memory.%d.ring_capacity=%lld\n", payload, (long long)ring.capacity);
        printf("memory.%d.ring_max_message=%d\n", payload, ring.max_msg);
        printf("memory.%d.request_ring_offset=%lld\n", payload, (long long)request_ring_offset(payload));
        printf("memory.%d.response_ring_offset=%lld\n", payload, (long long)response_ring_offset(payload));
        printf("memory.%d.response_slots_offset=%lld\n", payload,
               (long long)(has_slots(payload) ? HEADER_BYTES + slot_area_bytes(payload) : 0));
        printf("memory.%d.slot_bytes=%lld\n", payload, (long long)(has_slots(payload) ? slot_bytes(payload) : 0));
        printf("memory.%d.slot_count=%lld\n", payload, (long long)(has_slots(payload) ? slot_count(payload) : 0));
    }
}

#define MEMORY_OPS(name, mechanism_id)                                                                     \
    static const struct peer_ops name = {.id = mechanism_id,                                               \
                                         .open_server = memory_open_server,                                \
                                         .serve = memory_serve,                                            \
                                         .connect = memory_connect,                                        \
                                         .round_trip = memory_round_trip,                                  \
                                         .close_client = memory_close_client}

MEMORY_OPS(shm_ops, "shm");
MEMORY_OPS(mmap_file_ops, "mmap-file");
MEMORY_OPS(semaphore_ops, "semaphore");
MEMORY_OPS(signal_ops, "signal");
MEMORY_OPS(eventfd_ops, "eventfd");

const struct peer_ops *const peer_memory_ops[] = {&shm_ops, &mmap_file_ops, &semaphore_ops, &signal_ops,
                                                  &eventfd_ops, NULL};
