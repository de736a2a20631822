/*
 * rprocsim: the RP_MBOX messages of TI's remoteproc mailbox protocol, the
 * 32-bit words Linux and a remote core exchange through a K3 (OMAP)
 * mailbox. Values below RP_MBOX_READY are virtqueue ids (a kick). Source:
 * drivers/remoteproc/omap_remoteproc.h (Linux 6.12 and 7.3), and the
 * graceful-shutdown series under review upstream ("remoteproc: k3: support
 * for graceful shutdown of remote cores", v2), which inserts SHUTDOWN and
 * SHUTDOWN_ACK where END_MSG was.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_RP_MBOX_H
#define RPROCSIM_RP_MBOX_H

#include <stdint.h>

#define RP_MBOX_READY               0xffffff00u
#define RP_MBOX_PENDING_MSG         0xffffff01u
#define RP_MBOX_CRASH               0xffffff02u     /* the remote core crashed */
#define RP_MBOX_ECHO_REQUEST        0xffffff03u     /* Linux sends it when it opens the mailbox */
#define RP_MBOX_ECHO_REPLY          0xffffff04u
#define RP_MBOX_ABORT_REQUEST       0xffffff05u
#define RP_MBOX_SUSPEND_AUTO        0xffffff10u
#define RP_MBOX_SUSPEND_SYSTEM      0xffffff11u
#define RP_MBOX_SUSPEND_ACK         0xffffff12u
#define RP_MBOX_SUSPEND_CANCEL      0xffffff13u
#define RP_MBOX_SHUTDOWN            0xffffff14u     /* graceful shutdown (END_MSG in 6.12/7.3) */
#define RP_MBOX_SHUTDOWN_ACK        0xffffff15u
#define RP_MBOX_END_MSG_612         0xffffff14u     /* END_MSG of the stock 6.12 and 7.3 header */

#endif /* RPROCSIM_RP_MBOX_H */
