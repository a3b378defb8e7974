/* The stream family's native ends (pipe, fifo, tcp, uds): see ipcpeer.h. */
#include "ipcpeer.h"

const struct peer_ops *const peer_stream_ops[] = {NULL};
