/*
 * rprocsim models: the AOSS (always-on subsystem) QMP message RAM, and the
 * AOP firmware's side of it. Linux's qcom_aoss.c (Linux 6.12) opens the
 * channel with a link/channel handshake and sends 64-byte text messages
 * (e.g. "{class: image, res: load_state, name: adsp, val: on}"); the AOP
 * acknowledges each by clearing the length word. The AOP side runs when
 * the IPCC doorbell rings. See docs/power.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_AOSS_H
#define RPROCSIM_MODELS_AOSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AOSS_MSGRAM_SIZE        0x400
#define AOSS_MAGIC              0x4d41494cu     /* "LIAM" */
#define AOSS_STATE_UP           0x0000ffffu
#define AOSS_STATE_DOWN         0xffff0000u

/* Descriptor offsets (qcom_aoss.c) */
#define AOSS_DESC_MAGIC         0x00
#define AOSS_DESC_VERSION       0x04
#define AOSS_DESC_FEATURES      0x08
#define AOSS_UCORE_LINK         0x0c
#define AOSS_UCORE_LINK_ACK     0x10
#define AOSS_UCORE_CH           0x14
#define AOSS_UCORE_CH_ACK       0x18
#define AOSS_UCORE_MBOX_SIZE    0x1c
#define AOSS_UCORE_MBOX_OFFSET  0x20
#define AOSS_MCORE_LINK         0x24
#define AOSS_MCORE_LINK_ACK     0x28
#define AOSS_MCORE_CH           0x2c
#define AOSS_MCORE_CH_ACK       0x30
#define AOSS_MCORE_MBOX_SIZE    0x34
#define AOSS_MCORE_MBOX_OFFSET  0x38

/* Where Linux's (mcore) and the AOP's (ucore) mailboxes sit */
#define AOSS_MCORE_MBOX         0x100
#define AOSS_UCORE_MBOX         0x200
#define AOSS_MBOX_SIZE          0x100
#define AOSS_MAX_MESSAGE        (AOSS_MBOX_SIZE - 4)

typedef struct AossState {
    uint32_t ram[AOSS_MSGRAM_SIZE / 4];
    uint32_t messages;          /* messages received */
} AossState;

/* The message RAM as the AOP leaves it at boot: descriptor, mailboxes. */
void aoss_reset(AossState *s);

/*
 * Linux's 32-bit accesses at byte @offset; false (nothing done) outside the
 * RAM or misaligned.
 */
bool aoss_read(const AossState *s, uint32_t offset, uint32_t *value);
bool aoss_write(AossState *s, uint32_t offset, uint32_t value);

/*
 * The AOP's reaction to a doorbell: acknowledge link and channel state
 * changes, and consume a pending message (copied NUL-terminated into @msg,
 * @msg_len bytes, length word cleared). Returns true if a message was
 * consumed. A length beyond the mailbox is dropped (cleared, not copied).
 */
bool aoss_doorbell(AossState *s, char *msg, size_t msg_len);

#endif /* RPROCSIM_MODELS_AOSS_H */
