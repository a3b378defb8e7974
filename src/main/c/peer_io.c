/* The helpers peer_io.h declares. */
#define _GNU_SOURCE
#include "peer_io.h"

#include "ipcpeer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int write_fully(int fd, const void *buf, size_t bytes)
{
    const unsigned char *p = buf;
    while (bytes > 0) {
        ssize_t n = write(fd, p, bytes);
        if (n >= 0) {
            p += n;
            bytes -= (size_t)n;
        } else if (errno == EAGAIN) {
            cpu_relax();
        } else if (errno != EINTR) {
            return peer_fail("write: %s", strerror(errno));
        }
    }
    return 0;
}

static int set_flag(int fd, int nonblocking)
{
    int flags = fcntl(fd, F_GETFL);
    int wanted = nonblocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    if (flags < 0 || fcntl(fd, F_SETFL, wanted) != 0) {
        return peer_fail("fcntl(%d, %sO_NONBLOCK): %s", fd, nonblocking ? "" : "~", strerror(errno));
    }
    return 0;
}

int set_nonblocking(int fd)
{
    return set_flag(fd, 1);
}

int set_blocking(int fd)
{
    return set_flag(fd, 0);
}

struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}
