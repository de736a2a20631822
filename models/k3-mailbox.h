/*
 * rprocsim models: the TI K3 mailbox cluster (ti,am64-mailbox), QEMU-free.
 *
 * A cluster has up to 16 FIFOs of 4 32-bit messages and up to 4 users;
 * each user has its own interrupt line, status and enable mask, with two
 * bits per FIFO m: NEWMSG(m) and NOTFULL(m) (rprocsim/k3-mailbox-regs.h).
 * Any side may write any FIFO and read any FIFO; which user's interrupt
 * watches which FIFO is the software's choice (Linux: the ti,mbox-tx and
 * ti,mbox-rx cells of drivers/mailbox/omap-mailbox.c).
 *
 * Status is level, computed from the FIFOs: NEWMSG(m) while FIFO m holds a
 * message, NOTFULL(m) while it has room, for every user alike. On top of
 * that, bits set by a write to IRQSTATUS_RAW (the hardware's debug "set
 * event") are latched until a write of 1 to IRQSTATUS_CLR clears them. A
 * CLR write of a bit whose condition still holds therefore changes
 * nothing: the event stays raised while its condition lasts. This is what
 * omap-mailbox.c (Linux 6.12) relies on: on rx it drains the FIFO
 * (MSGSTATUS) before it writes CLR, and on tx it enables NOTFULL after each
 * send and, in the interrupt, disables it (IRQENABLE_CLR) before the CLR
 * write, so the level never storms; tx-done needs NOTFULL raised while the
 * FIFO has room (txdone_irq).
 *
 * A write to a full FIFO is lost, as on the hardware, and counted; a read
 * of an empty FIFO returns 0 and is counted. The caller logs both.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_K3_MAILBOX_H
#define RPROCSIM_MODELS_K3_MAILBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "rprocsim/k3-mailbox-regs.h"

typedef struct K3MboxState {
    /* configuration, kept across k3_mbox_reset() */
    uint32_t num_users;                 /* 1..K3_MBOX_MAX_USERS */
    uint32_t num_fifos;                 /* 1..K3_MBOX_MAX_FIFOS */

    uint32_t msg[K3_MBOX_MAX_FIFOS][K3_MBOX_FIFO_DEPTH];   /* ring per FIFO */
    uint32_t head[K3_MBOX_MAX_FIFOS];   /* index of the oldest message */
    uint32_t count[K3_MBOX_MAX_FIFOS];  /* messages queued, 0..K3_MBOX_FIFO_DEPTH */
    uint32_t enable[K3_MBOX_MAX_USERS]; /* IRQENABLE of each user */
    uint32_t forced[K3_MBOX_MAX_USERS]; /* status bits set through IRQSTATUS_RAW */
    uint32_t overflows;                 /* messages lost to a full FIFO */
    uint32_t underflows;                /* reads of an empty FIFO */
} K3MboxState;

/* Result of a FIFO access */
typedef enum K3MboxResult {
    K3_MBOX_OK,
    K3_MBOX_FULL,           /* write to a full FIFO: the message is lost */
    K3_MBOX_EMPTY,          /* read of an empty FIFO: 0 */
    K3_MBOX_BAD_INDEX,      /* no such FIFO: nothing changes, reads 0 */
} K3MboxResult;

/*
 * Configure @s with @num_users users and @num_fifos FIFOs (the DT's
 * ti,mbox-num-users and ti,mbox-num-fifos) and reset it. False, and @s
 * untouched, if either is 0 or above the K3_MBOX_MAX_* limits.
 */
bool k3_mbox_init(K3MboxState *s, uint32_t num_users, uint32_t num_fifos);

/* Empty every FIFO, disable every interrupt, zero the counters. */
void k3_mbox_reset(K3MboxState *s);

/* Whether @s holds only what the model can produce (a migration stream's check). */
bool k3_mbox_consistent(const K3MboxState *s);

/* The status and enable bits that exist: two per configured FIFO. */
uint32_t k3_mbox_valid_bits(const K3MboxState *s);

/* MESSAGE_m write: queue @value in FIFO @fifo (K3_MBOX_OK, _FULL, _BAD_INDEX). */
K3MboxResult k3_mbox_push(K3MboxState *s, uint32_t fifo, uint32_t value);

/*
 * MESSAGE_m read: the oldest message of FIFO @fifo into *@value, removed
 * (K3_MBOX_OK); 0 for K3_MBOX_EMPTY and K3_MBOX_BAD_INDEX.
 */
K3MboxResult k3_mbox_pop(K3MboxState *s, uint32_t fifo, uint32_t *value);

/* FIFOSTATUS_m (K3_MBOX_FIFOSTATUS_FULL or 0) and MSGSTATUS_m (0..4); 0 for a bad @fifo. */
uint32_t k3_mbox_fifo_status(const K3MboxState *s, uint32_t fifo);
uint32_t k3_mbox_msg_status(const K3MboxState *s, uint32_t fifo);

/* IRQSTATUS_RAW_u: the level conditions plus the latched bits; 0 for a bad @user. */
uint32_t k3_mbox_raw_status(const K3MboxState *s, uint32_t user);

/* IRQSTATUS_CLR_u read: raw status & enable. */
uint32_t k3_mbox_status(const K3MboxState *s, uint32_t user);

/* IRQENABLE_SET_u / IRQENABLE_CLR_u read: the enable mask. */
uint32_t k3_mbox_enabled(const K3MboxState *s, uint32_t user);

/*
 * Writes of @bits (invalid bits ignored) to IRQSTATUS_RAW_u (latch),
 * IRQSTATUS_CLR_u (clear latched), IRQENABLE_SET_u and IRQENABLE_CLR_u.
 * False, nothing changed, for a bad @user.
 */
bool k3_mbox_set_status(K3MboxState *s, uint32_t user, uint32_t bits);
bool k3_mbox_clear_status(K3MboxState *s, uint32_t user, uint32_t bits);
bool k3_mbox_enable(K3MboxState *s, uint32_t user, uint32_t bits);
bool k3_mbox_disable(K3MboxState *s, uint32_t user, uint32_t bits);

/*
 * IRQ_EOI write of @value, a user index. With level interrupts there is
 * nothing to re-trigger; false if @value is not a configured user.
 */
bool k3_mbox_eoi(const K3MboxState *s, uint32_t value);

/* Level of @user's interrupt output: any enabled status bit. */
bool k3_mbox_irq_level(const K3MboxState *s, uint32_t user);

#endif /* RPROCSIM_MODELS_K3_MAILBOX_H */
