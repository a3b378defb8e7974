/* The datagram family's native ends (udp, uds-dgram, posix-mq, sysv-mq): see ipcpeer.h. */
#include "ipcpeer.h"

const struct peer_ops *const peer_datagram_ops[] = {NULL};
