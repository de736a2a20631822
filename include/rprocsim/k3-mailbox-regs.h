/*
 * rprocsim: register map of the TI K3 mailbox cluster (ti,am64-mailbox,
 * ti,am654-mailbox: the OMAP4-style "intr_type 2" layout), as Linux, the
 * R5F firmware and the simulator see it. Offsets and interrupt bits follow
 * drivers/mailbox/omap-mailbox.c (Linux 6.12: MAILBOX_MESSAGE(),
 * OMAP4_MAILBOX_IRQSTATUS() and friends, MAILBOX_IRQ_NEWMSG/NOTFULL);
 * sizes k3-am64-main.dtsi (ti,mbox-num-users = <4>, ti,mbox-num-fifos =
 * <16>). One definition, read by the model (models/k3-mailbox.c), the QEMU
 * device (hw/k3-mailbox.c derives its registerfields.h map from it), the
 * firmware and the tests; docs/am64x.md describes the behaviour.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_K3_MAILBOX_REGS_H
#define RPROCSIM_K3_MAILBOX_REGS_H

#include <stdint.h>

#define K3_MBOX_MAX_USERS           4       /* interrupt users of a cluster */
#define K3_MBOX_MAX_FIFOS           16      /* message FIFOs of a cluster */
#define K3_MBOX_FIFO_DEPTH          4       /* 32-bit messages per FIFO */
#define K3_MBOX_MMIO_SIZE           0x200

/*
 * REVISION: Linux only prints it ("omap mailbox rev 0x...", its format
 * differs between SoCs). The simulator's value has the scheme field
 * (bits 31:30) of the newer TI revision layout set; it is not a value read
 * from an AM64x.
 */
#define K3_MBOX_REVISION_VALUE      0x66fca100u

/* Registers; m is a FIFO (0..15), u a user (0..3) */
#define K3_MBOX_REG_REVISION        0x000
#define K3_MBOX_REG_MESSAGE(m)      (0x040 + 4 * (m))       /* write pushes, read pops */
#define K3_MBOX_REG_FIFOSTATUS(m)   (0x080 + 4 * (m))       /* FULL bit */
#define K3_MBOX_REG_MSGSTATUS(m)    (0x0c0 + 4 * (m))       /* messages queued, 0..4 */
#define K3_MBOX_REG_IRQSTATUS_RAW(u) (0x100 + 0x10 * (u))   /* status, enabled or not */
#define K3_MBOX_REG_IRQSTATUS_CLR(u) (0x104 + 0x10 * (u))   /* enabled status; W1C */
#define K3_MBOX_REG_IRQENABLE_SET(u) (0x108 + 0x10 * (u))   /* enable mask; W1S */
#define K3_MBOX_REG_IRQENABLE_CLR(u) (0x10c + 0x10 * (u))   /* enable mask; W1C */
#define K3_MBOX_REG_IRQ_EOI         0x140                   /* write the user index */

#define K3_MBOX_USER_STRIDE         0x10
#define K3_MBOX_FIFOSTATUS_FULL     0x1u
#define K3_MBOX_MSGSTATUS_MASK      0x7u

/* The two interrupt bits of FIFO m in each user's status and enable */
#define K3_MBOX_IRQ_NEWMSG(m)       (1u << (2 * (m)))       /* FIFO m holds a message */
#define K3_MBOX_IRQ_NOTFULL(m)      (1u << (2 * (m) + 1))   /* FIFO m has room */

#endif /* RPROCSIM_K3_MAILBOX_REGS_H */
