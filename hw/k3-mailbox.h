/*
 * rprocsim K3 mailbox: the register shell of a TI K3 mailbox cluster
 * (ti,am64-mailbox), whose logic is models/k3-mailbox.c and whose map is
 * include/rprocsim/k3-mailbox-regs.h. One interrupt output per user
 * (sysbus IRQ number = user), high while the user has an enabled status
 * bit: the board wires Linux's user to the GIC and the R5F cores' users
 * to their IRQ inputs. Described in docs/am64x.md.
 *
 * Properties (before realize): "num-users" (1..4, default 4),
 * "num-fifos" (1..16, default 16), as the DT's ti,mbox-num-users and
 * ti,mbox-num-fifos. QOM "overflows" (read-only): messages lost to a full
 * FIFO since reset. MMIO region 0: the registers, K3_MBOX_MMIO_SIZE bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_K3_MAILBOX_H
#define RPROCSIM_HW_K3_MAILBOX_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "hw/rprocsim/models/k3-mailbox.h"

#define TYPE_RPROCSIM_K3_MAILBOX "rprocsim-k3-mailbox"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimK3MailboxState, RPROCSIM_K3_MAILBOX)

struct RprocsimK3MailboxState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq[K3_MBOX_MAX_USERS];
    K3MboxState state;
    bool irq_level[K3_MBOX_MAX_USERS];  /* last level driven, for the trace */

    /* configuration (properties) */
    uint32_t num_users;
    uint32_t num_fifos;
};

#endif /* RPROCSIM_HW_K3_MAILBOX_H */
