/* The memory family's native ends (shm, mmap-file, semaphore, signal, eventfd): see ipcpeer.h. */
#include "ipcpeer.h"

const struct peer_ops *const peer_memory_ops[] = {NULL};
