/*
 * rprocsim models: AOSS QMP message RAM and the AOP's side of the protocol.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "aoss.h"

#include <string.h>

#define W(off) (s->ram[(off) / 4])

void aoss_reset(AossState *s)
{
    memset(s, 0, sizeof(*s));
    W(AOSS_DESC_MAGIC) = AOSS_MAGIC;
    W(AOSS_DESC_VERSION) = 1;
    W(AOSS_UCORE_LINK) = AOSS_STATE_UP;
    W(AOSS_UCORE_MBOX_SIZE) = AOSS_MBOX_SIZE;
    W(AOSS_UCORE_MBOX_OFFSET) = AOSS_UCORE_MBOX;
    W(AOSS_MCORE_MBOX_SIZE) = AOSS_MBOX_SIZE;
    W(AOSS_MCORE_MBOX_OFFSET) = AOSS_MCORE_MBOX;
}

bool aoss_read(const AossState *s, uint32_t offset, uint32_t *value)
{
    if (offset >= AOSS_MSGRAM_SIZE || (offset & 3)) {
        return false;
    }
    *value = W(offset);
    return true;
}

bool aoss_write(AossState *s, uint32_t offset, uint32_t value)
{
    if (offset >= AOSS_MSGRAM_SIZE || (offset & 3)) {
        return false;
    }
    W(offset) = value;
    return true;
}

bool aoss_doorbell(AossState *s, char *msg, size_t msg_len)
{
    uint32_t len;

    /* link: acknowledge whatever state Linux set (up on open, down on close) */
    if (W(AOSS_MCORE_LINK) == AOSS_STATE_UP || W(AOSS_MCORE_LINK) == AOSS_STATE_DOWN) {
        W(AOSS_MCORE_LINK_ACK) = W(AOSS_MCORE_LINK);
    }
    /* channel: once Linux's is up, bring ours up and acknowledge */
    if (W(AOSS_MCORE_CH) == AOSS_STATE_UP) {
        W(AOSS_UCORE_CH) = AOSS_STATE_UP;
        W(AOSS_MCORE_CH_ACK) = AOSS_STATE_UP;
    } else if (W(AOSS_MCORE_CH) == AOSS_STATE_DOWN) {
        W(AOSS_UCORE_CH) = AOSS_STATE_DOWN;
        W(AOSS_MCORE_CH_ACK) = AOSS_STATE_DOWN;
    }

    len = W(AOSS_MCORE_MBOX);
    if (len == 0) {
        return false;
    }
    W(AOSS_MCORE_MBOX) = 0;             /* the acknowledgement Linux waits for */
    if (len > AOSS_MAX_MESSAGE || msg_len == 0) {
        return false;
    }
    {
        const char *text = (const char *)&s->ram[(AOSS_MCORE_MBOX + 4) / 4];
        size_t n = len < msg_len - 1 ? len : msg_len - 1;

        memcpy(msg, text, n);
        msg[n] = '\0';
    }
    s->messages++;
    return true;
}
