/*
 * rprocsim models: the TI K3 mailbox cluster (k3-mailbox.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "k3-mailbox.h"

#include <string.h>

bool k3_mbox_init(K3MboxState *s, uint32_t num_users, uint32_t num_fifos)
{
    if (num_users == 0 || num_users > K3_MBOX_MAX_USERS ||
        num_fifos == 0 || num_fifos > K3_MBOX_MAX_FIFOS) {
        return false;
    }
    s->num_users = num_users;
    s->num_fifos = num_fifos;
    k3_mbox_reset(s);
    return true;
}

void k3_mbox_reset(K3MboxState *s)
{
    memset(s->msg, 0, sizeof(s->msg));
    memset(s->head, 0, sizeof(s->head));
    memset(s->count, 0, sizeof(s->count));
    memset(s->enable, 0, sizeof(s->enable));
    memset(s->forced, 0, sizeof(s->forced));
    s->overflows = 0;
    s->underflows = 0;
}

uint32_t k3_mbox_valid_bits(const K3MboxState *s)
{
    if (s->num_fifos >= K3_MBOX_MAX_FIFOS) {
        return UINT32_MAX;
    }
    return (1u << (2 * s->num_fifos)) - 1;
}

bool k3_mbox_consistent(const K3MboxState *s)
{
    uint32_t valid;

    if (s->num_users == 0 || s->num_users > K3_MBOX_MAX_USERS ||
        s->num_fifos == 0 || s->num_fifos > K3_MBOX_MAX_FIFOS) {
        return false;
    }
    valid = k3_mbox_valid_bits(s);
    for (uint32_t m = 0; m < K3_MBOX_MAX_FIFOS; m++) {
        if (s->head[m] >= K3_MBOX_FIFO_DEPTH || s->count[m] > K3_MBOX_FIFO_DEPTH ||
            (m >= s->num_fifos && s->count[m])) {
            return false;
        }
    }
    for (uint32_t u = 0; u < K3_MBOX_MAX_USERS; u++) {
        if ((s->enable[u] | s->forced[u]) & ~valid ||
            (u >= s->num_users && (s->enable[u] | s->forced[u]))) {
            return false;
        }
    }
    return true;
}

static bool fifo_ok(const K3MboxState *s, uint32_t fifo)
{
    return fifo < s->num_fifos;
}

static bool user_ok(const K3MboxState *s, uint32_t user)
{
    return user < s->num_users;
}

K3MboxResult k3_mbox_push(K3MboxState *s, uint32_t fifo, uint32_t value)
{
    if (!fifo_ok(s, fifo)) {
        return K3_MBOX_BAD_INDEX;
    }
    if (s->count[fifo] >= K3_MBOX_FIFO_DEPTH) {
        s->overflows++;
        return K3_MBOX_FULL;
    }
    s->msg[fifo][(s->head[fifo] + s->count[fifo]) % K3_MBOX_FIFO_DEPTH] = value;
    s->count[fifo]++;
    return K3_MBOX_OK;
}

K3MboxResult k3_mbox_pop(K3MboxState *s, uint32_t fifo, uint32_t *value)
{
    *value = 0;
    if (!fifo_ok(s, fifo)) {
        return K3_MBOX_BAD_INDEX;
    }
    if (s->count[fifo] == 0) {
        s->underflows++;
        return K3_MBOX_EMPTY;
    }
    *value = s->msg[fifo][s->head[fifo]];
    s->msg[fifo][s->head[fifo]] = 0;
    s->head[fifo] = (s->head[fifo] + 1) % K3_MBOX_FIFO_DEPTH;
    s->count[fifo]--;
    return K3_MBOX_OK;
}

uint32_t k3_mbox_fifo_status(const K3MboxState *s, uint32_t fifo)
{
    return fifo_ok(s, fifo) && s->count[fifo] >= K3_MBOX_FIFO_DEPTH ?
           K3_MBOX_FIFOSTATUS_FULL : 0;
}

uint32_t k3_mbox_msg_status(const K3MboxState *s, uint32_t fifo)
{
    return fifo_ok(s, fifo) ? s->count[fifo] : 0;
}

/* The level part of every user's status: what the FIFOs hold */
static uint32_t level_status(const K3MboxState *s)
{
    uint32_t v = 0;

    for (uint32_t m = 0; m < s->num_fifos; m++) {
        if (s->count[m]) {
            v |= K3_MBOX_IRQ_NEWMSG(m);
        }
        if (s->count[m] < K3_MBOX_FIFO_DEPTH) {
            v |= K3_MBOX_IRQ_NOTFULL(m);
        }
    }
    return v;
}

uint32_t k3_mbox_raw_status(const K3MboxState *s, uint32_t user)
{
    if (!user_ok(s, user)) {
        return 0;
    }
    return (level_status(s) | s->forced[user]) & k3_mbox_valid_bits(s);
}

uint32_t k3_mbox_status(const K3MboxState *s, uint32_t user)
{
    return k3_mbox_raw_status(s, user) & k3_mbox_enabled(s, user);
}

uint32_t k3_mbox_enabled(const K3MboxState *s, uint32_t user)
{
    return user_ok(s, user) ? s->enable[user] : 0;
}

bool k3_mbox_set_status(K3MboxState *s, uint32_t user, uint32_t bits)
{
    if (!user_ok(s, user)) {
        return false;
    }
    s->forced[user] |= bits & k3_mbox_valid_bits(s);
    return true;
}

bool k3_mbox_clear_status(K3MboxState *s, uint32_t user, uint32_t bits)
{
    if (!user_ok(s, user)) {
        return false;
    }
    s->forced[user] &= ~bits;
    return true;
}

bool k3_mbox_enable(K3MboxState *s, uint32_t user, uint32_t bits)
{
    if (!user_ok(s, user)) {
        return false;
    }
    s->enable[user] |= bits & k3_mbox_valid_bits(s);
    return true;
}

bool k3_mbox_disable(K3MboxState *s, uint32_t user, uint32_t bits)
{
    if (!user_ok(s, user)) {
        return false;
    }
    s->enable[user] &= ~bits;
    return true;
}

bool k3_mbox_eoi(const K3MboxState *s, uint32_t value)
{
    return user_ok(s, value);
}

bool k3_mbox_irq_level(const K3MboxState *s, uint32_t user)
{
    return k3_mbox_status(s, user) != 0;
}
