/*
 * The descriptor and address helpers every family file shares (peer_io.c), and cpu_relax, the pause of every
 * polling loop (inline: it sits in hot spin loops). Failures return -1 after peer_fail() recorded a one-line reason.
 */
#ifndef PEER_IO_H
#define PEER_IO_H

#include <netinet/in.h>
#include <stddef.h>

/* One spin-wait step: tells the core (and its sibling hyperthread) that this thread is polling. */
static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Writes buf[0, bytes) whole; a non-blocking descriptor that takes nothing is polled, EINTR is retried. */
int write_fully(int fd, const void *buf, size_t bytes);

/* Sets or clears O_NONBLOCK on fd. */
int set_nonblocking(int fd);
int set_blocking(int fd);

/* 127.0.0.1:port (port 0: any free port at bind). */
struct sockaddr_in loopback(unsigned short port);

#endif
